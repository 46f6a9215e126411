"""Calling meetings: details, notice (checked against the body's rule) and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from app.errors import Issue, UserError
from app.models import Meeting, MeetingBody, Motion, Organisation
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.agenda import add_template
from app.services.meetings.common import (
    KINDS_OF_BODY,
    MEETING_KINDS,
    NOT_HELD,
    ORDER,
    STATUSES,
    MeetingInfo,
    MeetingStatus,
    body_row,
    editable,
    meeting_row,
    org_of,
)


@dataclass(frozen=True)
class MeetingDetails:
    """What the meeting form holds."""

    body_id: int
    kind: str
    title: str
    held_on: date
    starts_at: time | None = None
    place: str = ""
    chair: str = ""
    minute_taker: str = ""


def last_notice_date(held_on: date, notice_days: int) -> date:
    """The last day notice can be given for ``notice_days`` clear days: neither the day
    it is given nor the day of the meeting counts."""
    return held_on - timedelta(days=notice_days + 1)


def _info(meeting: Meeting, body: MeetingBody, approver: Meeting | None) -> MeetingInfo:
    return MeetingInfo(
        meeting.id,
        body.id,
        body.name,
        body.kind,
        meeting.kind,
        meeting.title,
        meeting.held_on,
        meeting.starts_at,
        meeting.place,
        meeting.chair,
        meeting.minute_taker,
        meeting.status,
        meeting.notice_sent_on,
        meeting.quorum_statement,
        meeting.approved_on,
        meeting.approved_by,
        "" if approver is None else f"{approver.title}, {approver.held_on:%d/%m/%Y}",
    )


def _query() -> Select[Meeting, MeetingBody, Meeting]:
    approver = aliased(Meeting)
    return (
        select(Meeting, MeetingBody, approver)
        .join(MeetingBody, MeetingBody.id == Meeting.body_id)
        .outerjoin(approver, approver.id == Meeting.approved_at_id)
    )


def get_meeting(session: Session, organisation_id: int, meeting_id: int) -> MeetingInfo:
    found = session.execute(
        _query().where(Meeting.id == meeting_id, Meeting.organisation_id == organisation_id)
    ).first()
    if found is None:
        raise UserError(f"There is no meeting {meeting_id} in this organisation.")
    return _info(found[0], found[1], found[2])


def list_meetings(
    session: Session, organisation_id: int, body_id: int | None = None
) -> list[MeetingInfo]:
    """Meetings, newest first."""
    query = _query().where(Meeting.organisation_id == organisation_id)
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    rows = session.execute(query.order_by(Meeting.held_on.desc(), Meeting.id.desc()))
    return [_info(a, m, b) for a, m, b in rows]


def _issues(session: Session, org_id: int, d: MeetingDetails) -> list[Issue | None]:
    body = body_row(session, org_id, d.body_id)
    issues: list[Issue | None] = [
        required_issue("title", d.title, "meeting's title"),
        None if len(d.place.strip()) <= 200 else Issue("place", "The place is too long."),
        None if len(d.chair.strip()) <= 120 else Issue("chair", "The chair's name is too long."),
        None
        if len(d.minute_taker.strip()) <= 120
        else Issue("minute_taker", "The minute-taker's name is too long."),
    ]
    if d.kind not in KINDS_OF_BODY[body.kind]:
        allowed = " or ".join(MEETING_KINDS[k].lower() for k in KINDS_OF_BODY[body.kind])
        issues.append(Issue("kind", f"{body.name} holds a {allowed}."))
    founded = session.scalar(select(Organisation.founded_on).where(Organisation.id == org_id))
    if founded is not None and d.held_on < founded:
        issues.append(
            Issue(
                "held_on",
                f"{d.held_on:%d/%m/%Y} is before the organisation was founded "
                f"({founded:%d/%m/%Y}).",
            )
        )
    elif d.held_on.year < 1900:
        issues.append(Issue("held_on", f"{d.held_on:%d/%m/%Y} is not a likely meeting date."))
    return issues


def create_meeting(session: Session, actor: Actor, details: MeetingDetails) -> int:
    """A planned meeting with the standard agenda for its kind; its id."""
    org_id = org_of(actor)
    raise_if_any(_issues(session, org_id, details))
    d = details
    row = Meeting(
        organisation_id=org_id,
        body_id=d.body_id,
        kind=d.kind,
        title=d.title.strip(),
        held_on=d.held_on,
        starts_at=d.starts_at,
        place=d.place.strip(),
        chair=d.chair.strip(),
        minute_taker=d.minute_taker.strip(),
        status=MeetingStatus.PLANNED,
    )
    session.add(row)
    session.flush()
    add_template(session, row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "meeting",
        row.id,
        after={"title": row.title, "held_on": row.held_on},
    )
    return row.id


def _check_held_date(session: Session, row: Meeting, held_on: date) -> None:
    """A meeting already held may have its date put right, but not into the future, nor
    into another year once its resolutions carry this year's number."""
    if held_on > date.today():
        raise UserError.from_issues(
            [Issue("held_on", "This meeting has been held: its date cannot be in the future.")]
        )
    numbered = session.scalar(select(func.count(Motion.id)).where(Motion.meeting_id == row.id))
    if numbered and held_on.year != row.held_on.year:
        raise UserError.from_issues(
            [
                Issue(
                    "held_on",
                    f"This meeting's resolutions are numbered for {row.held_on.year}: its "
                    "date can only be put right within that year.",
                )
            ]
        )


def update_meeting(
    session: Session, actor: Actor, meeting_id: int, details: MeetingDetails
) -> None:
    """Change a meeting's details (not once its minutes are approved)."""
    org_id = org_of(actor)
    row = meeting_row(session, org_id, meeting_id)
    editable(row, "the meeting's details")
    if details.body_id != row.body_id:
        raise UserError.from_issues([Issue("body_id", "A meeting cannot move to another body.")])
    raise_if_any(_issues(session, org_id, details))
    if details.held_on != row.held_on and row.status not in NOT_HELD:
        _check_held_date(session, row, details.held_on)
    if row.notice_sent_on is not None and details.held_on != row.held_on:
        body = body_row(session, org_id, row.body_id)
        if row.notice_sent_on > last_notice_date(details.held_on, body.notice_days):
            raise UserError.from_issues(
                [
                    Issue(
                        "held_on",
                        (
                            f"Notice went out on {row.notice_sent_on:%d/%m/%Y}, too late for a "
                            f"meeting on {details.held_on:%d/%m/%Y} "
                            f"({body.notice_days} clear days)."
                        ),
                    )
                ]
            )
    before = {"title": row.title, "held_on": row.held_on, "place": row.place}
    d = details
    row.kind, row.title, row.held_on, row.starts_at = (
        d.kind,
        d.title.strip(),
        d.held_on,
        d.starts_at,
    )
    row.place, row.chair, row.minute_taker = (
        d.place.strip(),
        d.chair.strip(),
        d.minute_taker.strip(),
    )
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "meeting",
        row.id,
        before=before,
        after={"title": row.title, "held_on": row.held_on, "place": row.place},
    )


def record_notice(session: Session, actor: Actor, meeting_id: int, sent_on: date) -> None:
    """Notice went out on ``sent_on``: refused if too late for the body's rule."""
    org_id = org_of(actor)
    row = meeting_row(session, org_id, meeting_id)
    if row.status != MeetingStatus.PLANNED:
        raise UserError(
            f"Notice is recorded while a meeting is planned; this one is '{STATUSES[row.status]}'."
        )
    body = body_row(session, org_id, row.body_id)
    latest = last_notice_date(row.held_on, body.notice_days)
    if sent_on > latest:
        raise UserError.from_issues(
            [
                Issue(
                    "sent_on",
                    (
                        f"Notice sent on {sent_on:%d/%m/%Y} is too late: {body.name} needs "
                        f"{body.notice_days} clear days' notice, so it had to go by "
                        f"{latest:%d/%m/%Y}. "
                        "Move the meeting to a later date, or send notice again."
                    ),
                )
            ]
        )
    row.notice_sent_on = sent_on
    row.status = MeetingStatus.NOTICE_SENT
    session.flush()
    audit.record(session, actor, "notice", "meeting", row.id, after={"sent_on": sent_on})


def advance(session: Session, actor: Actor, meeting_id: int, to_status: str, today: date) -> None:
    """Move a meeting on: to 'held' (on or after its date) or 'draft' (minutes written)."""
    org_id = org_of(actor)
    row = meeting_row(session, org_id, meeting_id)
    body = body_row(session, org_id, row.body_id)
    if to_status not in (MeetingStatus.HELD, MeetingStatus.DRAFT):
        raise UserError("Minutes are approved at a later meeting, then locked.")
    if ORDER.index(to_status) <= ORDER.index(row.status):
        raise UserError(f"'{row.title}' is already at '{STATUSES[row.status]}'.")
    if to_status == MeetingStatus.HELD:
        if row.held_on > today:
            raise UserError(f"The meeting is on {row.held_on:%d/%m/%Y}; it cannot be held yet.")
        if row.status == MeetingStatus.PLANNED and body.notice_days > 0:
            raise UserError(
                f"Record when notice was sent first ({body.notice_days} clear days are needed)."
            )
    if to_status == MeetingStatus.DRAFT and row.status != MeetingStatus.HELD:
        raise UserError("Mark the meeting as held before writing up its minutes.")
    before = row.status
    row.status = to_status
    session.flush()
    audit.record(
        session,
        actor,
        "status",
        "meeting",
        row.id,
        before={"status": before},
        after={"status": to_status},
    )
