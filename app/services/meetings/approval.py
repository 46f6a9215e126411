"""Approving minutes at a later meeting, locking them, and dated addenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Addendum, AgendaItem
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.common import (
    NOT_HELD,
    STATUSES,
    MeetingStatus,
    editable,
    meeting_row,
    org_of,
)


@dataclass(frozen=True)
class AddendumInfo:
    id: int
    written_on: date
    text: str
    written_by: str


def approve(
    session: Session,
    actor: Actor,
    meeting_id: int,
    *,
    at_meeting_id: int,
    chair: str,
    approved_on: date | None = None,
) -> None:
    """'Approved as a true record' at a later meeting, with the chair's name and date.
    From then on nothing in these minutes can change."""
    org_id = org_of(actor)
    row = meeting_row(session, org_id, meeting_id)
    at = meeting_row(session, org_id, at_meeting_id)
    editable(row)
    if row.status not in (MeetingStatus.HELD, MeetingStatus.DRAFT):
        raise UserError(
            f"Minutes are approved once the meeting is held; '{row.title}' is at "
            f"'{STATUSES[row.status]}'."
        )
    issues: list[Issue | None] = [
        required_issue("chair", chair, "name of the chair signing", max_length=120)
    ]
    if at.id == row.id or at.held_on <= row.held_on:
        issues.append(Issue("at_meeting_id", "Minutes are approved at a later meeting."))
    elif at.body_id != row.body_id:
        issues.append(
            Issue(
                "at_meeting_id",
                f"Minutes are approved at a later meeting of the same body; '{at.title}' "
                "is another body's meeting.",
            )
        )
    elif at.status in NOT_HELD:
        issues.append(Issue("at_meeting_id", f"'{at.title}' has not been held yet."))
    when = approved_on or at.held_on
    if when < at.held_on:
        issues.append(Issue("approved_on", "The approval date is before the approving meeting."))
    raise_if_any(issues)
    row.status, row.approved_at_id, row.approved_on, row.approved_by = (
        "approved",
        at.id,
        when,
        chair.strip(),
    )
    item = session.scalar(
        select(AgendaItem).where(
            AgendaItem.meeting_id == at.id, AgendaItem.kind == "previous_minutes"
        )
    )
    if item is not None and at.status not in (MeetingStatus.APPROVED, MeetingStatus.LOCKED):
        line = (
            f"The minutes of {row.title} on {row.held_on:%d/%m/%Y} were approved as a true "
            f"record and signed by the chair, {row.approved_by}."
        )
        item.decisions = f"{item.decisions.rstrip()}\n{line}".strip()
    session.flush()
    audit.record(
        session,
        actor,
        "approve",
        "meeting",
        row.id,
        before={"status": "draft"},
        after={"status": "approved", "at": at.id, "chair": row.approved_by, "on": when},
    )


def lock(session: Session, actor: Actor, meeting_id: int) -> None:
    """Lock approved minutes for good (once the signed copy is filed)."""
    row = meeting_row(session, org_of(actor), meeting_id)
    if row.status != MeetingStatus.APPROVED:
        raise UserError("Only approved minutes can be locked.")
    row.status = MeetingStatus.LOCKED
    session.flush()
    audit.record(
        session,
        actor,
        "lock",
        "meeting",
        row.id,
        before={"status": "approved"},
        after={"status": "locked"},
    )


def add_addendum(
    session: Session, actor: Actor, meeting_id: int, *, text: str, written_by: str, on: date
) -> int:
    """A dated correction to approved minutes (which themselves stay as approved)."""
    row = meeting_row(session, org_of(actor), meeting_id)
    if row.status not in (MeetingStatus.APPROVED, MeetingStatus.LOCKED):
        raise UserError(
            "Draft minutes can still be corrected directly; an addendum is for approved minutes."
        )
    issues: list[Issue | None] = [
        required_issue("text", text, "correction", max_length=4000),
        required_issue("written_by", written_by, "name of who wrote it", max_length=120),
    ]
    if row.approved_on is not None and on < row.approved_on:
        issues.append(
            Issue(
                "on",
                f"The minutes were approved on {row.approved_on:%d/%m/%Y}; "
                "an addendum comes after that.",
            )
        )
    raise_if_any(issues)
    add = Addendum(
        meeting_id=row.id, written_on=on, text=text.strip(), written_by=written_by.strip()
    )
    session.add(add)
    session.flush()
    audit.record(session, actor, "addendum", "meeting", row.id, after={"on": on, "text": add.text})
    return add.id


def addenda(session: Session, meeting_id: int) -> list[AddendumInfo]:
    rows = session.scalars(
        select(Addendum).where(Addendum.meeting_id == meeting_id).order_by(Addendum.id)
    )
    return [AddendumInfo(r.id, r.written_on, r.text, r.written_by) for r in rows]
