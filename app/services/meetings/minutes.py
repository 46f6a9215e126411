"""Writing the minutes: each item's notes and decisions (saved as they are typed),
declarations of interest, and the quorum statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import AgendaItem, Interest
from app.models.base import utc_now
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.attendance import quorum
from app.services.meetings.common import editable, meeting_row, org_of

TEXT_LENGTH = 100_000  # one item's notes: about 40 pages
# Text is saved on every keystroke; the audit trail notes an item's editing once per
# sitting rather than once per key.
AUDIT_GAP = timedelta(minutes=10)


@dataclass(frozen=True)
class InterestInfo:
    id: int
    item_id: int | None
    person: str
    interest: str


def save_text(
    session: Session,
    actor: Actor,
    item_id: int,
    *,
    notes: str | None = None,
    decisions: str | None = None,
) -> datetime:
    """Save an item's notes and/or decisions exactly as typed; when it was saved."""
    row = session.get(AgendaItem, item_id)
    if row is None:
        raise UserError("That agenda item no longer exists.")
    meeting = meeting_row(session, org_of(actor), row.meeting_id)
    editable(meeting)
    for field, text in (("notes", notes), ("decisions", decisions)):
        if text is not None and len(text) > TEXT_LENGTH:
            raise UserError.from_issues(
                [
                    Issue(
                        field,
                        f"This item's {field} are too long (at most {TEXT_LENGTH:,} characters).",
                    )
                ]
            )
    last = row.saved_at
    if notes is not None:
        row.notes = notes
    if decisions is not None:
        row.decisions = decisions
    row.saved_at = utc_now()
    session.flush()
    if last is None or row.saved_at - last > AUDIT_GAP:
        audit.record(session, actor, "minutes", "meeting", meeting.id, after={"item": row.title})
    return row.saved_at


def interests(session: Session, meeting_id: int) -> list[InterestInfo]:
    rows = session.scalars(
        select(Interest).where(Interest.meeting_id == meeting_id).order_by(Interest.id)
    )
    return [InterestInfo(r.id, r.item_id, r.person, r.interest) for r in rows]


def declare_interest(
    session: Session,
    actor: Actor,
    meeting_id: int,
    person: str,
    interest: str,
    item_id: int | None = None,
) -> int:
    meeting = meeting_row(session, org_of(actor), meeting_id)
    editable(meeting)
    raise_if_any(
        [
            required_issue("person", person, "name of the person declaring", max_length=120),
            required_issue("interest", interest, "interest declared", max_length=2000),
        ]
    )
    row = Interest(
        meeting_id=meeting_id, item_id=item_id, person=person.strip(), interest=interest.strip()
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "interest", "meeting", meeting_id, after={"person": row.person})
    return row.id


def write_quorum_statement(session: Session, actor: Actor, meeting_id: int) -> str:
    """Write the quorum as it stands into the minutes; the statement."""
    meeting = meeting_row(session, org_of(actor), meeting_id)
    editable(meeting)
    meeting.quorum_statement = quorum(session, meeting_id).statement()
    session.flush()
    audit.record(
        session,
        actor,
        "quorum",
        "meeting",
        meeting_id,
        after={"statement": meeting.quorum_statement},
    )
    return meeting.quorum_statement
