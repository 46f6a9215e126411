"""Actions: who agreed to do what, by when; carried under matters arising at each
later meeting of the body until done or dropped; the action log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Action, Meeting, MeetingBody
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.common import (
    ACTION_STATUSES,
    ActionStatus,
    editable,
    meeting_row,
    must_be_held,
    org_of,
)


@dataclass(frozen=True)
class ActionInfo:
    id: int
    body: str
    meeting_id: int
    raised_at: str  # 'Board meeting, 12/03/2026'
    raised_on: date
    item_id: int | None
    text: str
    owner: str
    due_on: date | None
    status: str
    done_on: date | None
    note: str

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES[self.status]

    def overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


def _query() -> Select[Action, Meeting, MeetingBody]:
    return (
        select(Action, Meeting, MeetingBody)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(MeetingBody, MeetingBody.id == Action.body_id)
    )


def _info(a: Action, m: Meeting, b: MeetingBody) -> ActionInfo:
    return ActionInfo(
        a.id,
        b.name,
        m.id,
        f"{m.title}, {m.held_on:%d/%m/%Y}",
        m.held_on,
        a.item_id,
        a.text,
        a.owner,
        a.due_on,
        a.status,
        a.done_on,
        a.note,
    )


def actions_of_meeting(session: Session, meeting_id: int) -> list[ActionInfo]:
    """Actions raised at the meeting, in the order raised."""
    rows = session.execute(_query().where(Action.meeting_id == meeting_id).order_by(Action.id))
    return [_info(a, m, b) for a, m, b in rows]


def matters_arising(session: Session, meeting_id: int) -> list[ActionInfo]:
    """Open actions of the meeting's body raised at earlier meetings: they stay under
    matters arising until done."""
    meeting = session.get_one(Meeting, meeting_id)
    rows = session.execute(
        _query()
        .where(
            Action.body_id == meeting.body_id,
            Action.status == ActionStatus.OPEN,
            Meeting.held_on < meeting.held_on,
        )
        .order_by(Meeting.held_on, Action.id)
    )
    return [_info(a, m, b) for a, m, b in rows]


def action_log(
    session: Session, organisation_id: int, *, body_id: int | None = None, open_only: bool = False
) -> list[ActionInfo]:
    """Every action, oldest meeting first."""
    query = _query().where(MeetingBody.organisation_id == organisation_id)
    if body_id is not None:
        query = query.where(Action.body_id == body_id)
    if open_only:
        query = query.where(Action.status == ActionStatus.OPEN)
    return [
        _info(a, m, b) for a, m, b in session.execute(query.order_by(Meeting.held_on, Action.id))
    ]


def add_action(
    session: Session,
    actor: Actor,
    meeting_id: int,
    *,
    text: str,
    owner: str,
    due_on: date | None = None,
    item_id: int | None = None,
) -> int:
    """An action agreed at the meeting; its id. Every action needs an owner."""
    meeting = meeting_row(session, org_of(actor), meeting_id)
    editable(meeting)
    must_be_held(meeting, "the actions it agreed")
    issues: list[Issue | None] = [
        required_issue("text", text, "action", max_length=2000),
        None
        if owner.strip()
        else Issue("owner", "Say who will do this: every action needs an owner."),
        None if len(owner.strip()) <= 120 else Issue("owner", "The owner's name is too long."),
    ]
    if due_on is not None and due_on < meeting.held_on:
        issues.append(
            Issue("due_on", f"The due date is before the meeting ({meeting.held_on:%d/%m/%Y}).")
        )
    raise_if_any(issues)
    row = Action(
        body_id=meeting.body_id,
        meeting_id=meeting_id,
        item_id=item_id,
        text=text.strip(),
        owner=owner.strip(),
        due_on=due_on,
        status=ActionStatus.OPEN,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "action",
        "meeting",
        meeting_id,
        after={"action": row.id, "owner": row.owner, "due_on": due_on},
    )
    return row.id


def update_action(
    session: Session, actor: Actor, action_id: int, *, status: str, on: date, note: str = ""
) -> None:
    """Mark an action done, dropped or open again (at any later meeting: the minutes in
    which it was raised stay as they were)."""
    org_id = org_of(actor)
    row = session.get(Action, action_id)
    if row is None:
        raise UserError("That action no longer exists.")
    raised = meeting_row(session, org_id, row.meeting_id)
    if status not in ACTION_STATUSES:
        raise UserError("Choose open, done or dropped.")
    if status != ActionStatus.OPEN and on < raised.held_on:
        raise UserError.from_issues(
            [
                Issue(
                    "on",
                    (
                        f"The action was raised on {raised.held_on:%d/%m/%Y}; it cannot be done "
                        "before that."
                    ),
                )
            ]
        )
    if len(note) > 2000:
        raise UserError.from_issues(
            [Issue("note", "The note is too long (at most 2,000 characters).")]
        )
    before = {"status": row.status, "done_on": row.done_on}
    row.status = status
    row.done_on = None if status == ActionStatus.OPEN else on
    row.note = note.strip()
    session.flush()
    audit.record(
        session,
        actor,
        "action_status",
        "meeting",
        raised.id,
        before=before,
        after={"action": row.id, "status": status, "done_on": row.done_on},
    )
