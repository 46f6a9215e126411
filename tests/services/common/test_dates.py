"""Dates typed the UK way."""

from datetime import date

import pytest

from app.services.common.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2026", date(2026, 1, 31)),
        ("1/2/26", date(2026, 2, 1)),
        ("1/2/27", date(1927, 2, 1)),
        ("2026-01-31", date(2026, 1, 31)),
        ("  ", None),
    ],
)
def test_dates_people_type(text: str, expected: date | None) -> None:
    """Dates typed the usual UK ways (31/01/2026, 1/2/26, 2026-01-31) are understood."""
    assert parse_date("d", text, "Date", today=date(2026, 11, 24)) == (expected, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [("31/02/2019", "Date '31/02/2019' is not a real date."), ("soon", "is not a date")],
)
def test_impossible_dates_are_explained(text: str, message: str) -> None:
    """An impossible date such as 31/02/2019 is refused with a message saying why."""
    value, issue = parse_date("d", text, "Date")
    assert value is None and issue is not None and message in issue.message
