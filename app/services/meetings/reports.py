"""The data for meeting papers: agenda, sign-in sheet, minutes, notice letters (and the
email list for those who chose email), the action log and attendance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import MemberConsent
from app.services import board, meetings
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import anchored, letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, MemberFilter, ReportOptions
from app.services.common.reports import (
    Column,
    ColumnKind,
    Letterhead,
    TableReport,
    make_private,
    uk_date,
)
from app.services.meetings import MeetingView
from app.services.meetings.common import AttendanceStatus, BodyKind, MeetingStatus
from app.services.meetings.report_types import (
    Agenda,
    MeetingHeading,
    Minutes,
    MinutesItem,
    SignInSheet,
)
from app.services.membership import documents
from app.services.membership.member_rows import MemberRow, member_rows
from app.services.membership.member_status import MemberStatus
from app.services.membership.report_types import Letter, LetterRun

NOTICE_FIELDS = {
    "meeting": "the meeting's title (Annual general meeting 2026)",
    "when": "the day and time of the meeting",
    "place": "where the meeting is held",
    "agenda": "the agenda, one numbered item a line",
    "notice_date": "the date notice is given",
}

DEFAULT_NOTICE = """{name}
{address}

{notice_date}

Dear {given_name},

Notice of meeting: {meeting}

You are invited to the {meeting} of {organisation}, to be held on {when} at {place}.

The agenda is:
{agenda}

If you cannot come, please send your apologies to the secretary before the meeting.

Yours sincerely,

The secretary
{organisation}
"""


def _when(view: MeetingView) -> str:
    """'Thursday 12 March 2026 at 18:30'."""
    info = view.info
    day = f"{info.held_on:%A} {info.held_on.day} {info.held_on:%B %Y}"
    return f"{day} at {info.starts_at:%H:%M}" if info.starts_at else day


def _view(session: Session, actor: Actor, options: ReportOptions) -> tuple[MeetingView, Letterhead]:

    if options.meeting_id is None:
        raise UserError(
            "Choose the meeting: give its number (mutualdesk list meetings shows them)."
        )
    assert actor.organisation_id is not None
    view = meetings.read_view(session, actor.organisation_id, options.meeting_id)
    return view, letterhead(session, actor.organisation_id)


def _heading(view: MeetingView, head: Letterhead) -> MeetingHeading:
    return MeetingHeading(head, view.info.title, _when(view), view.info.place)


def _action_line(a: meetings.ActionInfo) -> str:
    due = f", due {uk_date(a.due_on)}" if a.due_on else ""
    return f"{a.text} ({a.owner}{due}; raised at {a.raised_at})"


def agenda_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Agenda:
    """The agenda of one meeting, with open actions under matters arising."""
    view, head = _view(session, actor, options)
    arising = next((i.position for i in view.items if i.kind == "matters_arising"), None)
    return Agenda(
        _heading(view, head),
        tuple(i.title for i in view.items),
        tuple(_action_line(a) for a in view.carried),
        arising,
        "If you cannot come, please send your apologies to the secretary before the meeting.",
    )


def sign_in_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> SignInSheet:
    """A sign-in sheet: the board (a board meeting) or every current member (others)."""
    view, head = _view(session, actor, options)
    assert actor.organisation_id is not None
    if view.info.body_kind == BodyKind.BOARD:
        people = tuple(
            (str(seat.membership_number), seat.name)
            for seat in sorted(
                board.board_on(session, actor.organisation_id, view.info.held_on),
                key=lambda s: s.name.casefold(),
            )
        )
        return SignInSheet(_heading(view, head), people)
    rows = member_rows(session, actor.organisation_id, MemberFilter(eligible_on=view.info.held_on))
    people = tuple(
        (str(r.membership_number), " ".join(p for p in (r.given_name, r.family_name) if p))
        for r in rows
    )
    return SignInSheet(_heading(view, head), people, blank_rows=12, proxies=True)


def _names(people: Iterable[meetings.Attendee]) -> tuple[str, ...]:
    return tuple(p.name for p in people)


def _times(p: meetings.Attendee, starts_at: time | None) -> str:
    """'(arrived 19:45, left 21:00)' for someone who came late or left early; the
    minutes do not list everyone's arrival at the start."""
    parts = []
    late = starts_at is not None and p.arrived_at is not None and p.arrived_at > starts_at
    if p.arrived_at and (p.left_at or late):
        parts.append(f"arrived {p.arrived_at:%H:%M}")
    if p.left_at:
        parts.append(f"left {p.left_at:%H:%M}")
    return f" ({', '.join(parts)})" if parts else ""


def _approval(view: MeetingView) -> str:
    info = view.info
    if info.approved_on is None:
        return ""
    where = f" at the {info.approved_at}" if info.approved_at else ""
    return (
        f"Approved as a true record{where} on {uk_date(info.approved_on)}, "
        f"signed by the chair, {info.approved_by}."
    )


def minutes_data(view: MeetingView, head: Letterhead) -> Minutes:
    """The minutes of a meeting read whole (no database needed: a bench times this)."""
    people = view.people
    came = [p for p in people if p.status == AttendanceStatus.PRESENT]
    members = [p for p in came if p.role in ("board", "member")]
    others = [p for p in came if p.role not in ("board", "member")]
    resolutions: dict[int | None, list[str]] = {}
    for m in view.motions:
        note = f" Taken while inquorate: {m.inquorate_note}" if m.inquorate_note else ""
        who = f" Proposed by {m.proposer}, seconded by {m.seconder}." if m.proposer else ""
        resolutions.setdefault(m.item_id, []).append(
            f"{m.reference}: {m.text}{who} {m.vote_line}. {m.outcome}"
            f"{' (special resolution, 75% needed)' if m.kind == 'special' else ''}.{note}"
        )
    actions: dict[int | None, list[str]] = {}
    for a in view.actions:
        due = f", by {uk_date(a.due_on)}" if a.due_on else ""
        actions.setdefault(a.item_id, []).append(f"{a.text} ({a.owner}{due})")
    declared: dict[int | None, list[str]] = {}
    for i in view.interests:
        declared.setdefault(i.item_id, []).append(f"{i.person}: {i.interest}")
    items = tuple(
        MinutesItem(
            item.position,
            item.title,
            item.notes,
            item.decisions,
            tuple(resolutions.get(item.id, ())),
            tuple(actions.get(item.id, ())),
            tuple(declared.get(item.id, ())),
        )
        for item in view.items
    )
    if any(None in found for found in (resolutions, actions, declared)):
        items += (
            MinutesItem(
                len(items) + 1,
                "Also recorded",
                "",
                "",
                tuple(resolutions.get(None, ())),
                tuple(actions.get(None, ())),
                tuple(declared.get(None, ())),
            ),
        )
    return Minutes(
        _heading(view, head),
        view.info.chair,
        view.info.minute_taker,
        _approval(view),
        tuple(p.name + _times(p, view.info.starts_at) for p in members),
        _names(p for p in people if p.status == AttendanceStatus.APOLOGIES),
        _names(p for p in people if p.status == AttendanceStatus.ABSENT),
        tuple(f"{p.name} ({meetings.ROLES[p.role].lower()})" for p in others),
        tuple(f"{p.name} held the proxy of {p.proxy_for}" for p in came if p.proxy_for),
        view.info.quorum_statement or view.quorum.statement(),
        items,
        tuple(
            (a.text, a.owner, uk_date(a.due_on) if a.due_on else "", a.status_label)
            for a in view.actions
        ),
        tuple(f"{uk_date(a.written_on)}, {a.written_by}: {a.text}" for a in view.addenda),
        view.info.status == MeetingStatus.LOCKED,
    )


def minutes_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Minutes:
    """A meeting's minutes (marked DRAFT until approved), with the audit trail's anchor."""
    view, _head = _view(session, actor, options)
    assert actor.organisation_id is not None
    head = anchored(session, actor.organisation_id)
    if view.info.status in meetings.NOT_HELD:
        raise UserError(
            f"The {view.info.title} on {uk_date(view.info.held_on)} has not been held yet, "
            "so it has no minutes to print."
        )
    return minutes_data(view, head)


class Recipients(NamedTuple):
    """Who gets a meeting's notice by post and who by email."""

    by_post: list[MemberRow]
    by_email: list[MemberRow]


def recipients(session: Session, organisation_id: int, view: MeetingView) -> Recipients:
    """Everyone entitled to notice: the board for a board meeting, else every current
    member; by email those who gave an email address and agreed to email."""
    rows = list(member_rows(session, organisation_id, MemberFilter(status=MemberStatus.CURRENT)))
    if view.info.body_kind == BodyKind.BOARD:
        seated = {s.member_id for s in board.board_on(session, organisation_id, view.info.held_on)}
        rows = [r for r in rows if r.id in seated]
    agreed = set(
        session.scalars(
            select(MemberConsent.member_id).where(
                MemberConsent.kind == "email", MemberConsent.given.is_(True)
            )
        )
    )
    by_email = [r for r in rows if r.email and r.id in agreed]
    emailed = {r.id for r in by_email}
    return Recipients([r for r in rows if r.id not in emailed], by_email)


def _notice_values(view: MeetingView, on: date) -> dict[str, str]:
    return {
        "meeting": view.info.title,
        "when": _when(view),
        "place": view.info.place or "the usual place",
        "agenda": "\n".join(f"{i.position}. {i.title}" for i in view.items),
        "notice_date": uk_date(on),
    }


def notice_letters(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> LetterRun:
    """A notice letter to each member entitled to attend who has not chosen email."""
    actor.require(Permission.EDIT_MEETINGS)
    view, head = _view(session, actor, options)
    assert actor.organisation_id is not None
    template = options.template or DEFAULT_NOTICE
    documents.template_fields(template, NOTICE_FIELDS)
    on = options.on or view.info.notice_sent_on or now.date()
    extra = _notice_values(view, on)
    found = recipients(session, actor.organisation_id, view)
    letters = tuple(
        Letter(documents.fill(template, row, head.organisation, on, extra), row.large_print)
        for row in found.by_post
    )
    if not letters:
        raise UserError(
            "Everyone entitled to notice of this meeting chose email, so there are no letters "
            "to print: use the email list."
        )
    return LetterRun(head, letters, f"Notice of meeting: {view.info.title}")


def notice_emails(session: Session, actor: Actor, meeting_id: int) -> list[tuple[str, str]]:
    """(name, email address) of those who chose to get notices by email."""
    assert actor.organisation_id is not None
    view = meetings.read_view(session, actor.organisation_id, meeting_id)
    return [(r.name, r.email) for r in recipients(session, actor.organisation_id, view).by_email]


def write_email_list(session: Session, actor: Actor, meeting_id: int, letters: Path) -> str:
    """Beside the notice letters, a CSV (name, email) of those who chose email; what to
    tell the person who printed them."""
    import csv

    found = notice_emails(session, actor, meeting_id)
    if not found:
        return "Nobody entitled to notice chose email."
    listed = letters.with_name(f"{letters.stem}-emails.csv")
    with listed.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("Name", "Email"))
        writer.writerows(found)
    make_private(listed)
    return f"{len(found):,} chose notice by email instead: their addresses are in {listed}."


ACTION_COLUMNS = (
    Column("Raised at", width=1.6),
    Column("Action", width=3.0),
    Column("Owner", width=1.2),
    Column("Due", ColumnKind.DATE, 0.8),
    Column("Status", width=0.8),
    Column("Done", ColumnKind.DATE, 0.8),
    Column("Note", width=1.5),
)


def action_log(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Every action of every body (or those raised at one meeting), oldest first."""

    assert actor.organisation_id is not None
    found = meetings.action_log(session, actor.organisation_id)
    subtitle = "Every action agreed at a meeting, oldest first."
    if options.meeting_id is not None:
        info = meetings.get_meeting(session, actor.organisation_id, options.meeting_id)
        found = [a for a in found if a.meeting_id == info.id]
        subtitle = f"Actions agreed at the {info.title} on {uk_date(info.held_on)}."
    today = now.date()
    overdue = sum(1 for a in found if a.overdue(today))
    return TableReport(
        "Action log",
        letterhead(session, actor.organisation_id),
        now,
        ACTION_COLUMNS,
        tuple(
            (
                a.raised_at,
                a.text,
                a.owner,
                a.due_on,
                "Overdue" if a.overdue(today) else a.status_label,
                a.done_on,
                a.note,
            )
            for a in found
        ),
        subtitle=subtitle,
        notes=(f"{overdue} open action(s) are past their due date.",) if overdue else (),
        landscape=True,
    )


ATTENDANCE_COLUMNS = (
    Column("Meeting", width=1.6),
    Column("Date", ColumnKind.DATE, 0.8),
    Column("Membership no.", ColumnKind.IDENTIFIER, 0.8),
    Column("Name", width=1.6),
    Column("As", width=0.8),
    Column("Attendance", width=0.9),
    Column("Arrived", width=0.6),
    Column("Left", width=0.6),
    Column("Proxy for", width=1.4),
)


def attendance_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Who was present, sent apologies or was absent at each meeting held (or at one)."""

    assert actor.organisation_id is not None
    org = actor.organisation_id
    chosen = [
        m
        for m in meetings.list_meetings(session, org)
        if m.status not in meetings.NOT_HELD
        and (options.meeting_id is None or m.id == options.meeting_id)
    ]
    if options.meeting_id is not None and not chosen:
        info = meetings.get_meeting(session, org, options.meeting_id)
        raise UserError(f"The {info.title} on {uk_date(info.held_on)} has not been held yet.")
    chosen.sort(key=lambda m: (m.held_on, m.id))
    rows = tuple(
        (
            m.title,
            m.held_on,
            p.membership_number,
            p.name,
            meetings.ROLES[p.role],
            meetings.ATTENDANCE[p.status],
            f"{p.arrived_at:%H:%M}" if p.arrived_at else "",
            f"{p.left_at:%H:%M}" if p.left_at else "",
            p.proxy_for,
        )
        for m in chosen
        for p in meetings.attendees(session, m.id)
    )
    return TableReport(
        "Attendance at meetings",
        letterhead(session, org),
        now,
        ATTENDANCE_COLUMNS,
        rows,
        subtitle=f"{len(chosen)} meeting(s) held.",
        landscape=True,
    )
