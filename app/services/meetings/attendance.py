"""Attendance and the live quorum: who is expected, present, sent apologies, arrived
and left; proxies at general meetings; the quorum counted against the board or the
register on the meeting date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Attendance, Meeting, MeetingBody, Member
from app.services import board
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.bodies import info as body_info
from app.services.meetings.common import (
    ATTENDANCE,
    ROLES,
    AttendanceStatus,
    BodyKind,
    MeetingStatus,
    body_row,
    editable,
    meeting_row,
    org_of,
)
from app.services.meetings.quorum import Quorum, evaluate
from app.services.membership.eligibility import eligible_clause, rules_for, why_not


@dataclass(frozen=True)
class Attendee:
    id: int
    member_id: int | None
    membership_number: int | None
    name: str
    role: str
    status: str
    arrived_at: time | None
    left_at: time | None
    proxy_for_id: int | None
    proxy_for: str  # the name of the member whose proxy this person holds
    not_counted: str = ""  # why a member on the list does not count or vote ("" if they do)

    @property
    def in_room(self) -> bool:
        return self.status == AttendanceStatus.PRESENT and self.left_at is None

    @property
    def counts(self) -> bool:
        """Counts towards the quorum and may vote: a member, not a guest or officer."""
        return self.member_id is not None and self.role in ("board", "member")


def attendees(session: Session, meeting_id: int, *, reasons: bool = True) -> list[Attendee]:
    """Everyone on the meeting's attendance list: board/members first, then by name; with
    ``reasons``, why any member on it may not count or vote, in words."""
    rows = session.execute(
        select(Attendance, Member)
        .outerjoin(Member, Member.id == Attendance.member_id)
        .where(Attendance.meeting_id == meeting_id)
    ).all()
    givers = {
        m.id: name_of(m, with_title=False)
        for m in session.scalars(
            select(Member).where(
                Member.id.in_([a.proxy_for_id for a, _m in rows if a.proxy_for_id])
            )
        )
    }
    out = [
        Attendee(
            a.id,
            a.member_id,
            m.membership_number if m else None,
            a.name,
            a.role,
            a.status,
            a.arrived_at,
            a.left_at,
            a.proxy_for_id,
            givers.get(a.proxy_for_id or 0, ""),
        )
        for a, m in rows
    ]
    rank = {"board": 0, "member": 1, "officer": 2, "guest": 3}
    if reasons:
        out = _with_reasons(session, session.get_one(Meeting, meeting_id), out)
    return sorted(out, key=lambda a: (rank[a.role], a.name.casefold(), a.id))


def _with_reasons(session: Session, meeting: Meeting, people: list[Attendee]) -> list[Attendee]:
    """Each member on the list who may not count or vote, with the reason in words: at a
    board meeting, not on the board that day; at a general meeting, the register's rules."""
    ids = [a.member_id for a in people if a.counts and a.member_id is not None]
    if not ids:
        return people
    kind = body_row(session, meeting.organisation_id, meeting.body_id).kind
    on = f"{meeting.held_on:%d/%m/%Y}"
    reasons: dict[int, str] = {}
    if kind == BodyKind.BOARD:
        directors = _directors(session, meeting)
        reasons = {i: f"not on the board on {on}" for i in ids if i not in directors}
    elif kind == BodyKind.GENERAL:
        verdicts = why_not(session, meeting.organisation_id, meeting.held_on, ids)
        reasons = {
            i: verdicts[i].reason.replace("on that date", f"on {on}")
            for i in ids
            if i in verdicts and not verdicts[i].eligible
        }
    return [
        replace(a, not_counted=reasons[a.member_id]) if a.member_id in reasons else a
        for a in people
    ]


def fill_board(session: Session, actor: Actor, meeting_id: int) -> int:
    """Put everyone on the board that day on a board meeting's list (as absent until
    marked); how many were added."""
    meeting = meeting_row(session, org_of(actor), meeting_id)
    if meeting.status in (MeetingStatus.APPROVED, MeetingStatus.LOCKED):
        return 0
    body = body_row(session, meeting.organisation_id, meeting.body_id)
    if body.kind != BodyKind.BOARD:
        return 0
    listed = set(
        session.scalars(select(Attendance.member_id).where(Attendance.meeting_id == meeting.id))
    )
    added = 0
    for seat in board.board_on(session, meeting.organisation_id, meeting.held_on):
        if seat.member_id not in listed:
            listed.add(seat.member_id)
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    member_id=seat.member_id,
                    name=seat.name,
                    role="board",
                    status=AttendanceStatus.ABSENT,
                )
            )
            added += 1
    session.flush()
    return added


def _entitled(session: Session, meeting: Meeting, kind: str, people: list[Attendee]) -> set[int]:
    """The members on the list who count and may vote: at a board meeting those on the
    board that day; at a general meeting members entitled to vote on the day; at other
    meetings any member (not a guest or officer)."""
    ids = {a.member_id for a in people if a.counts and a.member_id is not None}
    if kind == BodyKind.BOARD:
        return ids & _directors(session, meeting)
    return _may_vote(session, meeting, ids) if kind == BodyKind.GENERAL else ids


def _directors(session: Session, meeting: Meeting) -> set[int]:
    """The members on the board on the meeting's date."""
    return {s.member_id for s in board.board_on(session, meeting.organisation_id, meeting.held_on)}


def _may_vote(session: Session, meeting: Meeting, ids: set[int]) -> set[int]:
    """Those of ``ids`` entitled to vote on the register on the meeting's date."""
    if not ids:
        return set()
    rules = rules_for(session, meeting.organisation_id)
    return set(
        session.scalars(
            select(Member.id).where(
                Member.id.in_(ids), eligible_clause(rules, meeting.organisation_id, meeting.held_on)
            )
        )
    )


def _in_room(
    session: Session, meeting_id: int
) -> tuple[Meeting, MeetingBody, list[Attendee], set[int]]:
    """The meeting, its body, everyone listed, and the entitled members in the room."""
    meeting = session.get_one(Meeting, meeting_id)
    body = body_row(session, meeting.organisation_id, meeting.body_id)
    people = attendees(session, meeting_id, reasons=False)  # who is entitled is asked below
    entitled = _entitled(session, meeting, body.kind, people)
    here = {a.member_id for a in people if a.in_room and a.member_id in entitled}
    return meeting, body, people, {m for m in here if m is not None}


def quorum(session: Session, meeting_id: int) -> Quorum:
    """The quorum now: people entitled to count who are in the room (a proxy does not
    make its holder count twice towards the quorum; it adds a vote)."""
    meeting, body, _people, here = _in_room(session, meeting_id)
    rule = body_info(body).rule
    if rule.base == "board":
        base = len(board.board_on(session, meeting.organisation_id, meeting.held_on))
    elif rule.base == "members":
        rules = rules_for(session, meeting.organisation_id)
        base = (
            session.scalar(
                select(func.count(Member.id)).where(
                    eligible_clause(rules, meeting.organisation_id, meeting.held_on)
                )
            )
            or 0
        )
    else:
        base = 0
    return evaluate(rule, len(here), base)


def votes_possible(session: Session, meeting_id: int) -> int:
    """How many votes can be cast now: entitled members in the room, plus the proxies
    they hold for members entitled to vote who are not in the room themselves."""
    meeting, body, people, here = _in_room(session, meeting_id)
    givers = {a.proxy_for_id for a in people if a.member_id in here and a.proxy_for_id}
    givers -= here
    if body.kind == BodyKind.GENERAL:
        givers = _may_vote(session, meeting, givers)
    return len(here) + len(givers)


def _row(session: Session, org_id: int, attendance_id: int) -> tuple[Attendance, Meeting]:
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise UserError("That person is no longer on the attendance list.")
    return row, meeting_row(session, org_id, row.meeting_id)


def add_person(
    session: Session,
    actor: Actor,
    meeting_id: int,
    *,
    member_id: int | None = None,
    name: str = "",
    role: str = "member",
    status: str = AttendanceStatus.PRESENT,
    arrived_at: time | None = None,
) -> int:
    """Add a member (by id) or a guest or officer (by name) to the list; the row id."""
    org_id = org_of(actor)
    meeting = meeting_row(session, org_id, meeting_id)
    editable(meeting, "the attendance")
    issues: list[Issue | None] = []
    if role not in ROLES:
        issues.append(Issue("role", "Choose whether this is a member, a guest or an officer."))
    if status not in ATTENDANCE:
        issues.append(Issue("status", "Choose present, apologies or absent."))
    if member_id is not None:
        member = session.get(Member, member_id)
        if member is None or member.organisation_id != org_id or member.merged_into_id is not None:
            raise UserError.from_issues([Issue("member_id", "That member is not on the register.")])
        name = name_of(member, with_title=False)
        if role == "board" and member_id not in _directors(session, meeting):
            issues.append(
                Issue(
                    "role",
                    f"{name} is not on the board on {meeting.held_on:%d/%m/%Y}: add them as a "
                    "member, a guest or an officer.",
                )
            )
        if session.scalar(
            select(Attendance.id).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == member_id
            )
        ):
            raise UserError.from_issues([Issue("member_id", f"{name} is already on the list.")])
    else:
        issues.append(required_issue("name", name, "person's name", max_length=120))
        if role in ("board", "member"):
            issues.append(
                Issue("role", "Someone not on the register attends as a guest or officer.")
            )
    raise_if_any(issues)
    row = Attendance(
        meeting_id=meeting_id,
        member_id=member_id,
        name=name.strip(),
        role=role,
        status=status,
        arrived_at=arrived_at if status == AttendanceStatus.PRESENT else None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "attendance",
        "meeting",
        meeting_id,
        after={"name": row.name, "status": status},
    )
    return row.id


def mark(
    session: Session, actor: Actor, attendance_id: int, status: str, at: time | None = None
) -> None:
    """Present (arriving at ``at``), apologies or absent."""
    row, meeting = _row(session, org_of(actor), attendance_id)
    editable(meeting, "the attendance")
    if status not in ATTENDANCE:
        raise UserError("Choose present, apologies or absent.")
    before = row.status
    row.status = status
    if status == AttendanceStatus.PRESENT:
        row.arrived_at = row.arrived_at or at
        row.left_at = None
    else:
        row.arrived_at = row.left_at = None
        row.proxy_for_id = None
    session.flush()
    audit.record(
        session,
        actor,
        "attendance",
        "meeting",
        meeting.id,
        before={"name": row.name, "status": before},
        after={"status": status},
    )


def leave(session: Session, actor: Actor, attendance_id: int, at: time) -> None:
    """Someone leaves the meeting at ``at`` (the quorum is counted again)."""
    row, meeting = _row(session, org_of(actor), attendance_id)
    editable(meeting, "the attendance")
    if row.status != AttendanceStatus.PRESENT or row.left_at is not None:
        raise UserError(f"{row.name} is not in the meeting.")
    if row.arrived_at is not None and at < row.arrived_at:
        raise UserError.from_issues(
            [
                Issue(
                    "left_at",
                    (
                        f"{row.name} arrived at {row.arrived_at:%H:%M}, so cannot have left "
                        f"at {at:%H:%M}."
                    ),
                )
            ]
        )
    row.left_at = at
    session.flush()
    audit.record(session, actor, "left", "meeting", meeting.id, after={"name": row.name, "at": at})


def hold_proxy(session: Session, actor: Actor, attendance_id: int, giver_id: int | None) -> None:
    """The person at ``attendance_id`` holds the proxy of member ``giver_id`` (or none)."""
    org_id = org_of(actor)
    row, meeting = _row(session, org_id, attendance_id)
    editable(meeting, "the attendance")
    body = body_row(session, org_id, meeting.body_id)
    if giver_id is not None:
        if body.kind != BodyKind.GENERAL:
            raise UserError("Proxies are for general meetings only.")
        if row.member_id is None or row.status != AttendanceStatus.PRESENT:
            raise UserError("A proxy is held by a member who is present.")
        giver = session.get(Member, giver_id)
        if giver is None or giver.organisation_id != org_id or giver_id == row.member_id:
            raise UserError.from_issues(
                [Issue("proxy_for_id", "Choose another member on the register.")]
            )
        giver_name = name_of(giver, with_title=False)
        if not _may_vote(session, meeting, {giver_id}):
            raise UserError.from_issues(
                [
                    Issue(
                        "proxy_for_id",
                        f"{giver_name} may not vote on {meeting.held_on:%d/%m/%Y}, so has "
                        "no vote to give by proxy.",
                    )
                ]
            )
        taken = session.scalars(
            select(Attendance).where(
                Attendance.meeting_id == meeting.id,
                (Attendance.proxy_for_id == giver_id) | (Attendance.member_id == giver_id),
                Attendance.id != row.id,
            )
        ).all()
        for other in taken:
            if other.proxy_for_id == giver_id:
                raise UserError(f"{giver_name}'s proxy is already held by {other.name}.")
            if other.status == AttendanceStatus.PRESENT:
                raise UserError(f"{giver_name} is at the meeting, so votes in person.")
    row.proxy_for_id = giver_id
    session.flush()
    audit.record(
        session,
        actor,
        "proxy",
        "meeting",
        meeting.id,
        after={"holder": row.name, "giver": giver_id},
    )
