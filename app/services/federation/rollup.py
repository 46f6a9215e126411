"""Roll-up across the centres: membership, finance and meetings, per centre and in total,
for the financial year each centre starts in the year asked for.

Each figure is what the centre's own reports say: members from its year-end figures,
eligible voters from the same rules as its roll, receipts, payments and funds from its
receipts and payments account, the budget from its budget against actual, meetings held
(and quorate) from its meetings. Only the centres the person may see are included: their
own, or every centre for a federation role.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Meeting, MeetingBody
from app.models.states import MeetingStatus
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.finance import accounts, figures, setup
from app.services.meetings.attendance import quorum
from app.services.membership import year_end
from app.services.membership.eligibility import turnout
from app.services.organisation import OrganisationInfo, list_all
from app.services.organisation.financial_year import financial_year

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
    ("members_at_start", "Members at the start of the year", "count"),
    ("joined", "Joined in the year", "count"),
    ("left", "Left in the year", "count"),
    ("members_at_end", "Members at the end of the year", "count"),
    ("eligible_at_end", "Eligible to vote at the year's end", "count"),
    ("receipts_pence", "Receipts", "money"),
    ("payments_pence", "Payments", "money"),
    ("funds_at_end_pence", "Cash funds at the end of the year", "money"),
    ("budget_receipts_pence", "Budgeted receipts for the year", "money"),
    ("budget_payments_pence", "Budgeted payments for the year", "money"),
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

    def total(self, field: str) -> int:
        return sum(int(getattr(c, field)) for c in self.centres)


def visible_organisations(session: Session, actor: Actor) -> list[OrganisationInfo]:
    """The organisations ``actor`` may see: every one for a federation role, else their own."""
    every = list_all(session)
    if actor.role.sees_every_organisation:
        return every
    return [o for o in every if o.id == actor.organisation_id]


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


def centre_figures(
    session: Session, org: OrganisationInfo, start_year: int, today: date
) -> CentreFigures:
    """One centre's figures for the financial year that starts in ``start_year``."""
    fy = financial_year(session, org.id, start_year, today)
    people = year_end.year_end_figures(session, org.id, start_year, today)
    voters = turnout(session, org.id, min(fy.end, today))
    receipts = payments = funds = budget_in = budget_out = 0
    year = next((y for y in setup.list_years(session, org.id) if y.starts_on == fy.start), None)
    if year is not None:
        account = accounts.receipts_and_payments(session, org.id, year)
        receipts = account.receipts_total.total + account.asset_sales.total
        receipts += account.shares_in.total
        payments = account.payments_total.total + account.asset_purchases.total
        payments += account.shares_out.total
        funds = account.cash_end.total
        budget = figures.budget_vs_actual(session, org.id, year, 1, 12)
        budget_in = budget.total("receipt", "budget_year")
        budget_out = budget.total("payment", "budget_year")
    held, quorate = _meetings(session, org.id, fy.start, fy.end)
    return CentreFigures(
        org.id, org.name, fy.label, people.members_at_start, people.joined, people.ceased,
        people.members_at_end, voters.eligible, receipts, payments, funds, budget_in,
        budget_out, held, quorate,
    )  # fmt: skip


def rollup(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Rollup:
    """Every centre ``actor`` may see, for the year starting in ``options.year``."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    start_year = options.year or (now.year if now.month >= 4 else now.year - 1)
    centres = tuple(
        centre_figures(session, org, start_year, now.date())
        for org in visible_organisations(session, actor)
    )
    return Rollup(letterhead(session, actor.organisation_id), now, start_year, centres)
