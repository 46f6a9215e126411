"""What the meeting services share: labels, plain data classes, and the checks
that every change makes first (permission, the meeting exists, minutes not locked)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Meeting, MeetingBody
from app.models.states import ActionStatus as ActionStatus  # re-exported
from app.models.states import AttendanceStatus as AttendanceStatus  # re-exported
from app.models.states import BodyKind as BodyKind  # re-exported
from app.models.states import MeetingKind as MeetingKind  # re-exported
from app.models.states import MeetingStatus as MeetingStatus  # re-exported
from app.services.accounts.roles import Actor, Permission

BODY_KINDS: dict[str, str] = {
    "board": "The board",
    "general": "General meetings",
    "committee": "A committee",
    "focus_group": "A community focus group",
}
MEETING_KINDS: dict[str, str] = {
    "board": "Board meeting",
    "agm": "Annual general meeting",
    "egm": "Extraordinary general meeting",
    "special": "Special general meeting",
    "committee": "Committee meeting",
    "focus_group": "Focus group",
}
# Which meeting kinds each kind of body holds.
KINDS_OF_BODY: dict[str, tuple[str, ...]] = {
    "board": ("board",),
    "general": ("agm", "egm", "special"),
    "committee": ("committee",),
    "focus_group": ("focus_group",),
}


STATUSES: dict[str, str] = {
    "planned": "Planned",
    "notice_sent": "Notice sent",
    "held": "Held",
    "draft": "Draft minutes",
    "approved": "Minutes approved",
    "locked": "Minutes locked",
}
ORDER = tuple(STATUSES)
ATTENDANCE: dict[str, str] = {"present": "Present", "apologies": "Apologies", "absent": "Absent"}
ROLES: dict[str, str] = {
    "board": "Board member",
    "member": "Member",
    "guest": "Guest",
    "officer": "Officer in attendance",
}
ACTION_STATUSES: dict[str, str] = {"open": "Open", "done": "Done", "dropped": "Dropped"}


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    body_id: int
    body: str
    body_kind: str
    kind: str
    title: str
    held_on: date
    starts_at: time | None
    place: str
    chair: str
    minute_taker: str
    status: str
    notice_sent_on: date | None
    quorum_statement: str
    approved_on: date | None
    approved_by: str
    approved_at: str  # the approving meeting's title and date, or ""

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    @property
    def kind_label(self) -> str:
        return MEETING_KINDS[self.kind]

    @property
    def locked(self) -> bool:
        return self.status in (MeetingStatus.APPROVED, MeetingStatus.LOCKED)

    @property
    def heading(self) -> str:
        """'Board meeting, 12/03/2026'."""
        return f"{self.title}, {self.held_on:%d/%m/%Y}"


def org_of(actor: Actor, *, change: bool = True) -> int:
    """The actor's organisation; changing anything needs the meetings permission."""
    if change:
        actor.require(Permission.EDIT_MEETINGS)
    if actor.organisation_id is None:
        raise UserError("Choose an organisation first.")
    return actor.organisation_id


def meeting_row(session: Session, org_id: int, meeting_id: int) -> Meeting:
    row = session.get(Meeting, meeting_id)
    if row is None or row.organisation_id != org_id:
        raise UserError(f"There is no meeting {meeting_id} in this organisation.")
    return row


def body_row(session: Session, org_id: int, body_id: int) -> MeetingBody:
    row = session.get(MeetingBody, body_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("Choose who is meeting (the board, general meetings, a committee).")
    return row


NOT_HELD = (
    MeetingStatus.PLANNED,
    MeetingStatus.NOTICE_SENT,
)  # the statuses of a meeting not yet held


def must_be_held(row: Meeting, recording: str) -> None:
    """Refuse to record what a meeting did (votes, actions) before it is held."""
    if row.status in NOT_HELD:
        raise UserError(f"Mark the meeting as held before recording {recording}.")


def editable(row: Meeting, what: str = "the minutes") -> None:
    """Refuse any change to approved or locked minutes: a correction is an addendum."""
    if row.status in (MeetingStatus.APPROVED, MeetingStatus.LOCKED):
        raise UserError(
            f"The minutes of '{row.title}' ({row.held_on:%d/%m/%Y}) have been approved as a "
            f"true record, so {what} cannot be changed. Add a dated addendum instead."
        )
