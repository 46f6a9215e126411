"""The organisation's own financial year decides the year under way, its quarters and
its label, whatever day it starts on (the tax year's 6 April, a calendar year)."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserError
from app.services.organisation.financial_year import quarter_of, starting_in, under_way


@pytest.mark.parametrize(
    ("month", "day", "today", "start", "label"),
    [
        (4, 1, date(2026, 12, 4), date(2026, 4, 1), "2026/27"),
        (4, 1, date(2026, 3, 31), date(2025, 4, 1), "2025/26"),
        (4, 6, date(2026, 4, 5), date(2025, 4, 6), "2025/26"),
        (1, 1, date(2026, 12, 4), date(2026, 1, 1), "2026"),
    ],
)
def test_the_year_under_way(month: int, day: int, today: date, start: date, label: str) -> None:
    year = under_way(month, day, today)
    assert (year.start, year.label) == (start, label)


def test_quarters_start_on_the_years_own_day() -> None:
    """A year from 6 April: its second quarter runs 6 July to 5 October; a year from
    31 August has its quarters end on the day before the 30th (or the month's last)."""
    tax_year = starting_in(2025, 4, 6)
    second = quarter_of(tax_year, 2)
    assert (second.start, second.end) == (date(2025, 7, 6), date(2025, 10, 5))
    assert quarter_of(tax_year, 4).end == tax_year.end == date(2026, 4, 5)
    late = starting_in(2025, 8, 31)
    assert quarter_of(late, 1).end == date(2025, 11, 29)  # 30 November is the next start
    with pytest.raises(UserError, match="no quarter 5"):
        quarter_of(tax_year, 5)
