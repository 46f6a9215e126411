"""Roll-up across the centres: membership, finance and meetings, per centre and in total,
for the financial year each centre starts in the year asked for.

Each figure is what the centre's own reports say: members from its year-end figures,
eligible voters from the same rules as its roll, receipts, payments and funds from its
receipts and payments account, the budget from its budget against actual, meetings held
(and quorate) from its meetings. Only the centres the person may see are included: their
own, or every centre for a federation role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import CentreReturn, Entry, Meeting, MeetingBody, Organisation
from app.models.states import EntryKind, MeetingStatus
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.finance import book, figures, setup
from app.services.meetings.attendance import quorum
from app.services.membership import year_end
from app.services.membership.eligibility import turnout
from app.services.organisation import OrganisationInfo
from app.services.organisation.centres import (
    acting_for as acting_for,
)
from app.services.organisation.centres import (
    acting_for_id as acting_for_id,
)
from app.services.organisation.centres import (
    visible_organisations as visible_organisations,
)
from app.services.organisation.financial_year import financial_year, quarter_of

HELD = (MeetingStatus.HELD, MeetingStatus.DRAFT, MeetingStatus.APPROVED, MeetingStatus.LOCKED)


@dataclass(frozen=True)
class CentreFigures:
    """One centre's year (money in pence)."""

    organisation_id: int
    name: str
    year_label: str
    members_at_start: int
    joined: int
    left: int
    members_at_end: int
    eligible_at_end: int
    receipts_pence: int
    payments_pence: int
    funds_at_end_pence: int
    budget_receipts_pence: int
    budget_payments_pence: int
    meetings_held: int
    meetings_quorate: int


# (field, what it is called, 'count' or 'money'), in the order they are shown
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("members_at_start", "Members at the start", "count"),
    ("joined", "Joined", "count"),
    ("left", "Left", "count"),
    ("members_at_end", "Members at the end", "count"),
    ("eligible_at_end", "Eligible to vote at the end", "count"),
    ("receipts_pence", "Receipts", "money"),
    ("payments_pence", "Payments", "money"),
    ("funds_at_end_pence", "Cash funds at the end", "money"),
    ("budget_receipts_pence", "Budgeted receipts", "money"),
    ("budget_payments_pence", "Budgeted payments", "money"),
    ("meetings_held", "Meetings held", "count"),
    ("meetings_quorate", "Meetings that were quorate", "count"),
)
assert {f for f, _l, _k in FIGURES} == {f.name for f in fields(CentreFigures)} - {
    "organisation_id", "name", "year_label",
}  # fmt: skip


@dataclass(frozen=True)
class Rollup:
    """The federation's figures for a year: each centre, and the total."""

    letterhead: Letterhead
    generated: datetime
    start_year: int
    centres: tuple[CentreFigures, ...]
    quarter: int | None = None

    def total(self, field: str) -> int:
        return sum(int(getattr(c, field)) for c in self.centres)


def _meetings(session: Session, org_id: int, start: date, end: date) -> tuple[int, int]:
    held = session.scalars(
        select(Meeting.id)
        .join(MeetingBody, MeetingBody.id == Meeting.body_id)
        .where(
            MeetingBody.organisation_id == org_id,
            Meeting.held_on >= start,
            Meeting.held_on <= end,
            Meeting.status.in_([s.value for s in HELD]),
        )
    ).all()
    return len(held), sum(1 for m in held if quorum(session, m).quorate)


def _money(session: Session, org_id: int, start: date, end: date) -> tuple[int, int, int]:
    """Receipts and payments in the period (a reversal counting against what it reverses),
    and the cash funds at its end: the receipts and payments account's figures."""
    totals = dict(
        session.execute(
            select(Entry.kind, func.coalesce(func.sum(Entry.amount_pence), 0))
            .where(
                Entry.organisation_id == org_id,
                Entry.dated >= start,
                Entry.dated <= end,
                Entry.kind.in_((EntryKind.RECEIPT, EntryKind.PAYMENT)),
            )
            .group_by(Entry.kind)
        ).all()
    )
    funds = sum(book.account_balances(session, org_id, end).values())
    return int(totals.get("receipt", 0)), int(totals.get("payment", 0)), funds


def period_of(session: Session, org_id: int, start_year: int, quarter: int | None, today: date
              ) -> tuple[date, date, str]:  # fmt: skip
    """The centre's financial year starting in ``start_year`` (or its quarter): first day,
    last day, and a label ('2025/26', '2025/26 Q2')."""
    fy = financial_year(session, org_id, start_year, today)
    if quarter is None:
        return fy.start, fy.end, fy.label
    part = quarter_of(fy, quarter)
    return part.start, part.end, f"{fy.label} Q{quarter}"


def centre_figures(
    session: Session, org: OrganisationInfo, start_year: int, today: date,
    quarter: int | None = None,
) -> CentreFigures:  # fmt: skip
    """One centre's figures for its financial year starting in ``start_year`` (or for
    one quarter of it)."""
    start, end, label = period_of(session, org.id, start_year, quarter, today)
    at_start, joined, left, at_end = year_end.period_counts(session, org.id, start, end)
    voters = turnout(session, org.id, min(end, today))
    receipts, payments, funds = _money(session, org.id, start, end)
    budget_in = budget_out = 0
    fy_start = financial_year(session, org.id, start_year, today).start
    year = next((y for y in setup.list_years(session, org.id) if y.starts_on == fy_start), None)
    if year is not None:
        first = 1 if quarter is None else 3 * quarter - 2
        budget = figures.budget_vs_actual(session, org.id, year, first, first + (11 if quarter
                                          is None else 2))  # fmt: skip
        budget_in = budget.total("receipt", "budget_period")
        budget_out = budget.total("payment", "budget_period")
    held, quorate = _meetings(session, org.id, start, end)
    return CentreFigures(
        org.id, org.name, label, at_start, joined, left, at_end, voters.eligible, receipts,
        payments, funds, budget_in, budget_out, held, quorate,
    )  # fmt: skip


def on_server(session: Session, name: str, number: str) -> bool:
    """Whether the centre of a return works in this database: an organisation here has its
    name or (when it has one) its registration number; its records are then counted."""
    match = Organisation.name == name
    if number:
        match = or_(match, Organisation.registration_number == number)
    return session.scalar(select(Organisation.id).where(match).limit(1)) is not None


def returned(session: Session, start_year: int, quarter: int | None) -> list[CentreFigures]:
    """The centres' returns imported for the period, as figures the roll-up adds in."""
    rows = session.scalars(
        select(CentreReturn)
        .where(CentreReturn.start_year == start_year, CentreReturn.quarter == (quarter or 0))
        .order_by(CentreReturn.centre)
    )
    found = []
    for row in rows:
        data = json.loads(row.figures)
        data.pop("made", None)
        if on_server(session, row.centre, str(data.pop("registration_number", ""))):
            continue  # it has joined the server since: counted from its own records
        data["name"] = f"{row.centre} (return)"  # the name that signed it
        found.append(CentreFigures(organisation_id=0, **data))
    return found


def rollup(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Rollup:
    """Every centre ``actor`` may see, for the year starting in ``options.year``."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    start_year = options.year or (now.year if now.month >= 4 else now.year - 1)
    centres = tuple(
        centre_figures(session, org, start_year, now.date(), options.quarter)
        for org in visible_organisations(session, actor)
        if org.kind != "federation"  # the federation itself is not one of its centres
    )
    if actor.role.sees_every_organisation:  # the returns of centres on their own files
        centres += tuple(returned(session, start_year, options.quarter))
    return Rollup(
        letterhead(session, actor.organisation_id), now, start_year, centres, options.quarter
    )
