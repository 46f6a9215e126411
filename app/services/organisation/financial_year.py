"""The organisation's financial year: its first and last day, and its label ('2025/26').

The register's year-end figures and the books both ask here, so the two never disagree
about when a year starts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Organisation


def year_label(starts_on: date, ends_on: date) -> str:
    """'2026/27', or '2026' for a calendar year."""
    if starts_on.year == ends_on.year:
        return str(starts_on.year)
    return f"{starts_on.year}/{ends_on.year % 100:02d}"


@dataclass(frozen=True)
class FinancialYear:
    """A financial year: first and last day, and its label ('2025/26')."""

    start: date
    end: date

    @property
    def label(self) -> str:
        """'2025/26', or '2025' when the year starts on 1 January."""
        return year_label(self.start, self.end)


def _start_in(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def starting_in(year: int, month: int, day: int) -> FinancialYear:
    """The year that starts in ``year`` on ``day``/``month``."""
    return FinancialYear(
        _start_in(year, month, day), _start_in(year + 1, month, day) - timedelta(days=1)
    )


def quarter_of(year: FinancialYear, quarter: int) -> FinancialYear:
    """Quarter ``quarter`` (1-4) of ``year``: three months from the year's start day."""
    if not 1 <= quarter <= 4:
        raise UserError(f"There is no quarter {quarter}: give 1, 2, 3 or 4.")
    return FinancialYear(
        _months_on(year.start, 3 * (quarter - 1)),
        _months_on(year.start, 3 * quarter) - timedelta(days=1),
    )


def _months_on(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return _start_in(year, month + 1, day.day)


def under_way(month: int, day: int, today: date) -> FinancialYear:
    """The year (starting on ``day``/``month``) that ``today`` falls in."""
    year = today.year if _start_in(today.year, month, day) <= today else today.year - 1
    return starting_in(year, month, day)


def financial_year(
    session: Session, organisation_id: int, year: int | None, today: date
) -> FinancialYear:
    """The year that starts in ``year`` (the organisation's start day and month).

    Without ``year``, the latest year that has already ended.
    """
    org = session.get_one(Organisation, organisation_id)
    month, day = org.fy_start_month, org.fy_start_day
    if year is None:
        year = today.year
        while _start_in(year + 1, month, day) > today:  # year ``year`` has not ended yet
            year -= 1
    if not 1900 <= year <= 9998:
        raise UserError(f"{year} is not a year MutualDesk can report on: give one such as 2025.")
    return starting_in(year, month, day)
