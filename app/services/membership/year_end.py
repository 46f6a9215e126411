"""Year-end figures for the annual return: members and share capital over a financial year.

Members are counted by periods of membership (someone who left and re-joined
in the year counts in both "ceased" and "joined"), so that members at the
start + joined - ceased = members at the end, always. Shares and capital are
sums of the ledger, so start + issued - withdrawn - cancelled (+ transfers,
which net to nothing) = end, always.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import Member, MembershipPeriod, ShareTransaction
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.money import format_pence, to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Cell, Column, ColumnKind, TableReport, uk_date
from app.services.organisation.financial_year import FinancialYear as FinancialYear
from app.services.organisation.financial_year import financial_year as financial_year


@dataclass(frozen=True)
class YearEndFigures:
    """Counts and sums for one financial year (shares and pence signed as in the ledger)."""

    year: FinancialYear
    members_at_start: int
    joined: int
    ceased: int
    members_at_end: int
    shares_at_start: int
    shares_issued: int
    shares_withdrawn: int  # negative or 0
    shares_cancelled: int  # negative or 0
    shares_transferred: int  # the net of transfers in and out: 0 unless a record is odd
    shares_at_end: int
    capital_at_start_pence: int
    issued_pence: int
    withdrawn_pence: int
    cancelled_pence: int
    transferred_pence: int
    capital_at_end_pence: int

    @property
    def agrees(self) -> bool:
        """True if start + movements = end for members, shares and capital."""
        return (
            self.members_at_start + self.joined - self.ceased == self.members_at_end
            and self.shares_at_start
            + self.shares_issued
            + self.shares_withdrawn
            + self.shares_cancelled
            + self.shares_transferred
            == self.shares_at_end
            and self.capital_at_start_pence
            + self.issued_pence
            + self.withdrawn_pence
            + self.cancelled_pence
            + self.transferred_pence
            == self.capital_at_end_pence
        )


FAR_FUTURE = date(9999, 12, 31)


def _not_a_copy() -> Any:
    """Leave out a period that overlaps an earlier one of the same member.

    Merging two records copies the merged record's periods to the kept one;
    where they overlap the kept record's own, counting both would count one
    person twice.
    """
    other = aliased(MembershipPeriod)
    return ~exists().where(
        other.member_id == MembershipPeriod.member_id,
        other.id < MembershipPeriod.id,
        other.joined_on <= func.coalesce(MembershipPeriod.left_on, FAR_FUTURE),
        func.coalesce(other.left_on, FAR_FUTURE) >= MembershipPeriod.joined_on,
    )


def _members_on(organisation_id: int, day: date) -> Any:
    return (
        select(func.count())
        .select_from(MembershipPeriod)
        .join(Member, Member.id == MembershipPeriod.member_id)
        .where(
            Member.organisation_id == organisation_id,
            Member.merged_into_id.is_(None),
            _not_a_copy(),
            MembershipPeriod.joined_on <= day,
            or_(MembershipPeriod.left_on.is_(None), MembershipPeriod.left_on > day),
        )
        .scalar_subquery()
    )


def _periods_where(organisation_id: int, column: Any, fy: FinancialYear) -> Any:
    return (
        select(func.count())
        .select_from(MembershipPeriod)
        .join(Member, Member.id == MembershipPeriod.member_id)
        .where(
            Member.organisation_id == organisation_id,
            Member.merged_into_id.is_(None),
            _not_a_copy(),
            and_(column >= fy.start, column <= fy.end),
        )
        .scalar_subquery()
    )


def _ledger(
    session: Session, organisation_id: int, fy: FinancialYear
) -> dict[str, tuple[int, int]]:
    """Shares and pence by kind within the year, and 'start'/'end' balances."""
    line = ShareTransaction
    found: dict[str, tuple[int, int]] = {}
    rows = session.execute(
        select(line.kind, func.sum(line.shares), func.sum(line.amount_pence))
        .where(line.organisation_id == organisation_id, line.on >= fy.start, line.on <= fy.end)
        .group_by(line.kind)
    )
    for kind, shares, pence in rows:
        found[kind] = (int(shares or 0), int(pence or 0))
    for key, condition in (("start", line.on < fy.start), ("end", line.on <= fy.end)):
        shares, pence = session.execute(
            select(
                func.coalesce(func.sum(line.shares), 0),
                func.coalesce(func.sum(line.amount_pence), 0),
            ).where(line.organisation_id == organisation_id, condition)
        ).one()
        found[key] = (int(shares), int(pence))
    return found


def period_counts(
    session: Session, organisation_id: int, start: date, end: date
) -> tuple[int, int, int, int]:
    """(members the day before ``start``, joined, left, members at ``end``) for any period,
    counted as the year-end figures count them."""
    span = FinancialYear(start, end)
    counts = session.execute(
        select(
            _members_on(organisation_id, start - timedelta(days=1)),
            _periods_where(organisation_id, MembershipPeriod.joined_on, span),
            _periods_where(organisation_id, MembershipPeriod.left_on, span),
            _members_on(organisation_id, end),
        )
    ).one()
    at_start, joined, ceased, at_end = (int(n) for n in counts)
    return at_start, joined, ceased, at_end


def year_end_figures(
    session: Session, organisation_id: int, year: int | None = None, today: date | None = None
) -> YearEndFigures:
    """The figures for the financial year starting in ``year`` (or the latest ended one)."""
    fy = financial_year(session, organisation_id, year, today or date.today())
    counts = session.execute(
        select(
            _members_on(organisation_id, fy.start - timedelta(days=1)),
            _periods_where(organisation_id, MembershipPeriod.joined_on, fy),
            _periods_where(organisation_id, MembershipPeriod.left_on, fy),
            _members_on(organisation_id, fy.end),
        )
    ).one()
    at_start, joined, ceased, at_end = (int(n) for n in counts)
    ledger = _ledger(session, organisation_id, fy)

    def kind(*names: str) -> tuple[int, int]:
        pairs = [ledger.get(n, (0, 0)) for n in names]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    issued, withdrawn, cancelled = kind("issue"), kind("withdrawal"), kind("cancellation")
    moved = kind("transfer_in", "transfer_out")
    return YearEndFigures(
        fy,
        at_start,
        joined,
        ceased,
        at_end,
        ledger["start"][0],
        issued[0],
        withdrawn[0],
        cancelled[0],
        moved[0],
        ledger["end"][0],
        ledger["start"][1],
        issued[1],
        withdrawn[1],
        cancelled[1],
        moved[1],
        ledger["end"][1],
    )


def as_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The figures as a table whose total row is the position at the end of the year."""

    assert actor.organisation_id is not None
    f = year_end_figures(session, actor.organisation_id, options.year, now.date())
    fy = f.year
    rows: tuple[tuple[Cell, ...], ...] = (
        (
            f"At the start of the year ({uk_date(fy.start)})",
            f.members_at_start,
            f.shares_at_start,
            to_decimal(f.capital_at_start_pence),
        ),
        ("Joined / shares issued", f.joined, f.shares_issued, to_decimal(f.issued_pence)),
        ("Ceased / shares withdrawn", -f.ceased, f.shares_withdrawn, to_decimal(f.withdrawn_pence)),
        ("Shares cancelled", 0, f.shares_cancelled, to_decimal(f.cancelled_pence)),
        ("Shares transferred (net)", 0, f.shares_transferred, to_decimal(f.transferred_pence)),
    )
    check = (
        f"Counted directly at {uk_date(fy.end)}: {f.members_at_end:,} members holding "
        f"{f.shares_at_end:,} shares, {format_pence(f.capital_at_end_pence)} paid up"
    )
    verdict = (
        f"{check}. These agree with the totals above."
        if f.agrees
        else f"WARNING: {check}, which does not agree with the totals above."
    )
    return TableReport(
        title=f"Year-end figures {fy.label}",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("", width=3),
            Column("Members", ColumnKind.NUMBER, 1, total=True),
            Column("Shares", ColumnKind.NUMBER, 1, total=True),
            Column("Paid-up share capital", ColumnKind.MONEY, 1.4, total=True),
        ),
        rows=rows,
        subtitle=(
            f"Financial year {uk_date(fy.start)} to {uk_date(fy.end)}, for the annual return. "
            "Members leaving, shares withdrawn and cancelled are shown as minus figures."
        ),
        notes=(verdict,),
        large_print=options.large_print,
        total_label=f"At the end of the year ({uk_date(fy.end)})",
    )
