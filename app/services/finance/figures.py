"""The figures reports are made of: actuals by category and service line, budget against
actual for a period and the year to date, and savings against an LMA allowance.

Every figure is a sum of integer pence in SQL; reversals are negative entries, so
they take themselves off whatever they reversed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Entry, FinanceCategory, Project, ServiceLine
from app.services.common.money import share_of
from app.services.finance.agreements import AgreementInfo
from app.services.finance.budgets import budget_lines
from app.services.finance.common import EntryKind
from app.services.finance.setup import YearInfo


def month_start(year: YearInfo, month: int) -> date:
    """The first day of month ``month`` (1-12) of ``year``."""
    y, m = divmod(year.starts_on.year * 12 + year.starts_on.month - 1 + month - 1, 12)
    return date(y, m + 1, min(year.starts_on.day, 28) if year.starts_on.day > 1 else 1)


def month_end(year: YearInfo, month: int) -> date:
    """The last day of month ``month`` of ``year`` (the year's end for month 12)."""
    return year.ends_on if month == 12 else month_start(year, month + 1) - timedelta(days=1)


Key = tuple[int, int | None]  # (category id, service line id)


def actuals(
    session: Session, organisation_id: int, start: date, end: date, **where: Any
) -> dict[Key, int]:
    """Receipts and payments between two dates (inclusive) by category and service line."""
    query = (
        select(Entry.category_id, Entry.service_id, func.sum(Entry.amount_pence))
        .where(
            Entry.organisation_id == organisation_id,
            Entry.kind.in_(("receipt", "payment")),
            Entry.dated >= start,
            Entry.dated <= end,
        )
        .group_by(Entry.category_id, Entry.service_id)
    )
    for column, value in where.items():
        query = query.where(getattr(Entry, column) == value)
    return {(c, s): int(total) for c, s, total in session.execute(query) if c is not None}


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to one decimal place (None when whole is 0)."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class BudgetRow:
    """One category (under one service line) of budget against actual, in pence."""

    service: str
    category: str
    direction: str
    budget_period: int
    actual_period: int
    budget_to_date: int
    actual_to_date: int
    budget_year: int
    forecast: int  # actual to date + the budget for the months still to come

    @property
    def variance_period(self) -> int:
        return self.actual_period - self.budget_period

    @property
    def variance_to_date(self) -> int:
        return self.actual_to_date - self.budget_to_date


@dataclass(frozen=True)
class BudgetVsActual:
    year: YearInfo
    first_month: int
    last_month: int
    period: str  # 'Quarter 2 (July to September 2026)'
    rows: tuple[BudgetRow, ...]

    def total(self, direction: str, field: str) -> int:
        return sum(getattr(r, field) for r in self.rows if r.direction == direction)


def period_months(quarter: int | None, month: int | None) -> tuple[int, int]:
    """(first, last) month of the year for a quarter (1-4) or up to a month (1-12)."""
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise UserError(f"There is no quarter {quarter}: give 1, 2, 3 or 4.")
        return quarter * 3 - 2, quarter * 3
    last = month or 12
    if not 1 <= last <= 12:
        raise UserError(f"There is no month {last} of a year: give 1 to 12.")
    return 1, last


def monitoring_months(period: int, every: int) -> tuple[int, int]:
    """(first, last) month of the year of monitoring period ``period`` when the council
    monitors every ``every`` months (3: quarters, 1: months, 6: half-years)."""
    if every not in (1, 2, 3, 4, 6, 12):
        every = 3
    count = 12 // every
    if not 1 <= period <= count:
        raise UserError(
            f"There is no period {period}: the agreement is monitored every {every} "
            f"month{'s' if every != 1 else ''}, so give 1 to {count}."
        )
    return (period - 1) * every + 1, period * every


def budget_vs_actual(
    session: Session,
    organisation_id: int,
    year: YearInfo,
    first_month: int,
    last_month: int,
) -> BudgetVsActual:
    """Budget against actual for months ``first_month``..``last_month`` and the year to
    date, by service line and category, with the forecast outturn."""
    start, end = month_start(year, first_month), month_end(year, last_month)
    ytd_start = year.starts_on
    lines = budget_lines(session, organisation_id, year.id)
    period = actuals(session, organisation_id, start, end)
    to_date = actuals(session, organisation_id, ytd_start, end)
    names = {
        c.id: (c.name, c.direction)
        for c in session.scalars(
            select(FinanceCategory).where(FinanceCategory.organisation_id == organisation_id)
        )
    }
    services = {s.id: s.name for s in session.scalars(select(ServiceLine))}
    budgets: dict[Key, tuple[int, ...]] = {(b.category_id, b.service_id): b.months for b in lines}
    keys = list(budgets) + [k for k in to_date if k not in budgets]
    rows = []
    for key in keys:
        months = budgets.get(key, (0,) * 12)
        actual_to_date = to_date.get(key, 0)
        name, direction = names[key[0]]
        rows.append(
            BudgetRow(
                services.get(key[1] or 0, ""),
                name,
                direction,
                sum(months[first_month - 1 : last_month]),
                period.get(key, 0),
                sum(months[:last_month]),
                actual_to_date,
                sum(months),
                actual_to_date + sum(months[last_month:]),
            )
        )
    rows.sort(key=lambda r: (r.direction != "receipt", r.service, r.category))
    return BudgetVsActual(
        year, first_month, last_month, _period_name(year, first_month, last_month), tuple(rows)
    )


def _period_name(year: YearInfo, first: int, last: int) -> str:
    start, end = month_start(year, first), month_end(year, last)
    span = f"{start:%B %Y} to {end:%B %Y}" if first != last else f"{start:%B %Y}"
    if first % 3 == 1 and last == first + 2:
        return f"Quarter {last // 3} ({span})"
    return span


@dataclass(frozen=True)
class Savings:
    """What was saved against an agreement's allowance in a year, and who gets it."""

    agreement: AgreementInfo
    allowance: int  # the allowance for the part of the year the agreement ran
    received: int  # allowance receipts entered against the agreement
    spent: int  # payments entered against the agreement's services
    by_service: tuple[tuple[str, int, int], ...]  # (service, allowance, spent)

    @property
    def saving(self) -> int:
        return self.allowance - self.spent

    @property
    def community_share(self) -> int:
        return share_of(max(self.saving, 0), self.agreement.community_share_bp)[0]

    @property
    def council_share(self) -> int:
        return max(self.saving, 0) - self.community_share


def savings(
    session: Session,
    organisation_id: int,
    agreement: AgreementInfo,
    year: YearInfo,
    up_to_month: int = 12,
) -> Savings:
    """The saving on an agreement in ``year`` (up to the end of month ``up_to_month``): its
    allowance for the months it was in force, less what was spent on its services;
    split by the community-dividend share."""
    end = month_end(year, up_to_month)
    months_in_force = sum(
        1
        for m in range(1, up_to_month + 1)
        if agreement.in_force_during(month_start(year, m), month_end(year, m))
    )
    found = actuals(session, organisation_id, year.starts_on, end, agreement_id=agreement.id)
    directions = dict(
        session.execute(
            select(FinanceCategory.id, FinanceCategory.direction).where(
                FinanceCategory.organisation_id == organisation_id
            )
        ).all()
    )
    spent_by: dict[int | None, int] = {}
    for (category, service), pence in found.items():
        if directions[category] == "payment":
            spent_by[service] = spent_by.get(service, 0) + pence
    by_service = tuple(
        (s.name, s.annual_allowance_pence * months_in_force // 12, spent_by.get(s.id, 0))
        for s in agreement.services
    )
    if spent_by.get(None):  # paid under the agreement but not for one of its services
        by_service += (("Not for a named service", 0, spent_by[None]),)
    received = sum(v for (category, _s), v in found.items() if directions[category] == "receipt")
    return Savings(
        agreement,
        sum(a for _n, a, _s in by_service),
        received,
        sum(s for _n, _a, s in by_service),
        by_service,
    )


def projects(session: Session, organisation_id: int) -> list[tuple[str, int, int]]:
    """Community projects: (name, budget, spent so far), spending summed from the book."""

    spent = dict(
        session.execute(
            select(Entry.project_id, func.sum(Entry.amount_pence))
            .where(Entry.organisation_id == organisation_id, Entry.kind == EntryKind.PAYMENT)
            .group_by(Entry.project_id)
        ).all()
    )
    return [
        (p.name, p.budget_pence, int(spent.get(p.id, 0) or 0))
        for p in session.scalars(
            select(Project).where(Project.organisation_id == organisation_id).order_by(Project.id)
        )
    ]
