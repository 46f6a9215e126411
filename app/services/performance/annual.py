"""The annual report to members, for the AGM pack: from what the program already knows
(the register, the board, the meetings and their decisions, the accounts, the
indicators, reach, the community projects and the social value) and the chair's and
treasurer's words, typed once a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import (
    AnnualReportWords,
    BoardMembership,
    Entry,
    Meeting,
    MeetingBody,
    Member,
    Motion,
)
from app.models.states import EntryKind, MeetingStatus
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.board.queries import board_on
from app.services.common.letterhead import letterhead
from app.services.common.names import name_of
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.finance import book
from app.services.membership import year_end
from app.services.organisation.financial_year import financial_year
from app.services.performance import projects, reach, results, sroi

HELD = (MeetingStatus.HELD, MeetingStatus.DRAFT, MeetingStatus.APPROVED, MeetingStatus.LOCKED)
MEETING_WORDS = {"agm": "annual general meeting", "egm": "extraordinary general meeting",
                 "board": "board meeting", "committee": "committee meeting",
                 "special": "special general meeting", "focus_group": "focus group"}  # fmt: skip


def save_words(session: Session, actor: Actor, start_year: int, chair: str, treasurer: str) -> None:
    """Keep the chair's and treasurer's words for the year's annual report."""
    if not (actor.can(Permission.EDIT_PERFORMANCE) or actor.can(Permission.EDIT_FINANCE)):
        actor.require(Permission.EDIT_PERFORMANCE)
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    said = (("chair", chair), ("treasurer", treasurer))
    issues = [Issue(field, f"The {field}'s words are too long (at most 20,000 characters).")
              for field, text in said if len(text) > 20_000]  # fmt: skip
    if issues:
        raise UserError.from_issues(issues)
    row = session.scalars(select(AnnualReportWords).where(
        AnnualReportWords.organisation_id == actor.organisation_id,
        AnnualReportWords.start_year == start_year,
    )).first()  # fmt: skip
    if row is None:
        row = AnnualReportWords(organisation_id=actor.organisation_id, start_year=start_year)
        session.add(row)
    row.chair, row.treasurer = chair.strip(), treasurer.strip()
    session.flush()
    audit.record(session, actor, "save words", "annual report", row.id,
                 after={"year": start_year})  # fmt: skip


def words_for(session: Session, organisation_id: int, start_year: int) -> tuple[str, str]:
    """The chair's and treasurer's words for the year ('' where none were typed)."""
    row = session.scalars(select(AnnualReportWords).where(
        AnnualReportWords.organisation_id == organisation_id,
        AnnualReportWords.start_year == start_year,
    )).first()  # fmt: skip
    return ("", "") if row is None else (row.chair, row.treasurer)


@dataclass(frozen=True)
class AnnualReport:
    """Everything the annual report prints."""

    letterhead: Letterhead
    generated: datetime
    year_label: str
    starts_on: date
    ends_on: date
    chair: str
    treasurer: str
    members: tuple[int, int, int, int]  # at the start, joined, left, at the end
    board: tuple[tuple[str, str, str], ...]  # name, seat, offices (on the last day)
    joined_board: tuple[str, ...]
    left_board: tuple[str, ...]
    meetings: tuple[tuple[date, str], ...]  # when, what kind
    decisions: tuple[tuple[date, str, str], ...]  # when, reference, the motion (carried)
    receipts_pence: int
    payments_pence: int
    funds_at_end_pence: int
    performance: results.Performance
    reach_rows: tuple[tuple[str, str, int | None], ...]  # measure, group, the last count
    projects: tuple[projects.ProjectSummary, ...]
    social_value: tuple[sroi.Worksheet, ...]

    @property
    def title(self) -> str:
        """'Annual report 2025/26'."""
        return f"Annual report {self.year_label}"


def _board_changes(
    session: Session, org: int, start: date, end: date
) -> tuple[list[str], list[str]]:
    rows = session.execute(
        select(BoardMembership.started_on, BoardMembership.ended_on, Member)
        .join(Member, Member.id == BoardMembership.member_id)
        .where(BoardMembership.organisation_id == org)
    ).all()
    joined = sorted({name_of(m, with_title=False) for s, _e, m in rows if start <= s <= end})
    left = sorted({name_of(m, with_title=False) for _s, e, m in rows if e and start <= e <= end})
    return joined, left


def annual_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> AnnualReport:
    """The annual report for the year starting in ``options.year`` (the last complete
    year when not given)."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org = actor.organisation_id
    year = financial_year(session, org, options.year, now.date())
    start, end = year.start, year.end
    chair, treasurer = words_for(session, org, start.year)
    seats = board_on(session, org, min(end, now.date()))
    joined, left = _board_changes(session, org, start, end)
    held = session.execute(
        select(Meeting.held_on, Meeting.kind, Meeting.id)
        .join(MeetingBody, MeetingBody.id == Meeting.body_id)
        .where(MeetingBody.organisation_id == org, Meeting.held_on.between(start, end),
               Meeting.status.in_([s.value for s in HELD]))
        .order_by(Meeting.held_on)
    ).all()  # fmt: skip
    decisions = session.execute(
        select(Meeting.held_on, Motion.reference, Motion.text)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Motion.meeting_id.in_([m.id for m in held]), Motion.carried.is_(True))
        .order_by(Meeting.held_on, Motion.number)
    ).all()
    money = dict(session.execute(
        select(Entry.kind, func.sum(Entry.amount_pence))
        .where(Entry.organisation_id == org, Entry.dated.between(start, end),
               Entry.kind.in_((EntryKind.RECEIPT, EntryKind.PAYMENT)))
        .group_by(Entry.kind)
    ).all())  # fmt: skip
    funds = sum(book.account_balances(session, org, end).values())
    last_quarter = reach.reach(session, org, start.year, 4, start, end).counts
    return AnnualReport(
        letterhead(session, org), now, year.label, start, end, chair, treasurer,
        year_end.period_counts(session, org, start, end),
        tuple((s.name, s.seat_type, ", ".join(s.offices)) for s in seats),
        tuple(joined), tuple(left),
        tuple((m.held_on, MEETING_WORDS.get(m.kind, m.kind)) for m in held),
        tuple((d.held_on, d.reference, d.text) for d in decisions),
        int(money.get("receipt", 0) or 0), int(money.get("payment", 0) or 0), funds,
        results.performance(session, actor, now, ReportOptions(year=start.year)),
        tuple((m, g, c) for (m, g), c in sorted(last_quarter.items(), key=lambda kv: (
            reach.MEASURES.index(kv[0][0]) if kv[0][0] in reach.MEASURES else 99, kv[0][1]))),
        tuple(p for p in projects.summaries(session, org, end)
              if p.starts_on is None or p.starts_on <= end),
        tuple(sroi.worksheets(session, org, start.year)),
    )  # fmt: skip
