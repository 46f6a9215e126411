"""The agenda: standard items from a template, then reordered, added to, removed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Action, AgendaItem, Interest, Meeting, Motion
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.common import MeetingKind, editable, meeting_row, org_of

STANDARD: tuple[tuple[str, str], ...] = (
    ("welcome", "Welcome and introductions"),
    ("apologies", "Apologies for absence"),
    ("interests", "Declarations of interest"),
    ("previous_minutes", "Minutes of the previous meeting"),
    ("matters_arising", "Matters arising"),
    ("reports", "Reports"),
    ("elections", "Elections and resolutions"),
    ("aob", "Any other business"),
    ("next_meeting", "Date of next meeting"),
)
# A general meeting's agenda adds the annual business; a focus group keeps it short.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "board": tuple(k for k, _ in STANDARD if k != "elections"),
    "agm": tuple(k for k, _ in STANDARD),
    "egm": ("welcome", "apologies", "interests", "elections", "aob"),
    "special": ("welcome", "apologies", "interests", "elections", "aob"),
    "committee": tuple(k for k, _ in STANDARD if k != "elections"),
    "focus_group": ("welcome", "apologies", "reports", "aob", "next_meeting"),
}
TITLES = dict(STANDARD)
AGM_TITLES = {"reports": "Annual report and accounts", "elections": "Election of the board"}
TITLE_LENGTH = 200


@dataclass(frozen=True)
class ItemInfo:
    id: int
    position: int
    kind: str
    title: str
    notes: str
    decisions: str
    saved_at: datetime | None


def _item(row: AgendaItem) -> ItemInfo:
    return ItemInfo(
        row.id, row.position, row.kind, row.title, row.notes, row.decisions, row.saved_at
    )


def add_template(session: Session, meeting: Meeting) -> None:
    """Fill a new meeting's agenda from the template for its kind."""
    for position, kind in enumerate(TEMPLATES[meeting.kind], start=1):
        title = (
            AGM_TITLES.get(kind, TITLES[kind]) if meeting.kind == MeetingKind.AGM else TITLES[kind]
        )
        session.add(AgendaItem(meeting_id=meeting.id, position=position, kind=kind, title=title))


def items(session: Session, meeting_id: int) -> list[ItemInfo]:
    rows = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
    )
    return [_item(row) for row in rows]


def _renumber(session: Session, meeting_id: int, order: list[int]) -> None:
    rows = {
        r.id: r
        for r in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    }
    for position, item_id in enumerate(order, start=1):
        rows[item_id].position = position
    session.flush()


def add_item(
    session: Session,
    actor: Actor,
    meeting_id: int,
    title: str,
    *,
    after_position: int | None = None,
) -> int:
    """Add an item (at the end, or after the item at ``after_position``); its id."""
    org_id = org_of(actor)
    meeting = meeting_row(session, org_id, meeting_id)
    editable(meeting, "the agenda")
    raise_if_any([required_issue("title", title, "item's title", max_length=TITLE_LENGTH)])
    order = [i.id for i in items(session, meeting_id)]
    row = AgendaItem(
        meeting_id=meeting_id, position=len(order) + 1, kind="other", title=title.strip()
    )
    session.add(row)
    session.flush()
    at = len(order) if after_position is None else max(0, min(after_position, len(order)))
    order.insert(at, row.id)
    _renumber(session, meeting_id, order)
    audit.record(session, actor, "add_item", "meeting", meeting_id, after={"title": row.title})
    return row.id


def _owned(session: Session, org_id: int, item_id: int) -> tuple[AgendaItem, Meeting]:
    row = session.get(AgendaItem, item_id)
    if row is None:
        raise UserError("That agenda item no longer exists.")
    return row, meeting_row(session, org_id, row.meeting_id)


def rename_item(session: Session, actor: Actor, item_id: int, title: str) -> None:
    row, meeting = _owned(session, org_of(actor), item_id)
    editable(meeting, "the agenda")
    raise_if_any([required_issue("title", title, "item's title", max_length=TITLE_LENGTH)])
    before = row.title
    row.title = title.strip()
    audit.record(
        session,
        actor,
        "rename_item",
        "meeting",
        meeting.id,
        before={"title": before},
        after={"title": row.title},
    )


def move_item(session: Session, actor: Actor, item_id: int, steps: int) -> None:
    """Move an item up (negative ``steps``) or down the agenda."""
    row, meeting = _owned(session, org_of(actor), item_id)
    editable(meeting, "the agenda")
    order = [i.id for i in items(session, meeting.id)]
    at = order.index(row.id)
    order.insert(max(0, min(len(order) - 1, at + steps)), order.pop(at))
    _renumber(session, meeting.id, order)
    audit.record(
        session,
        actor,
        "move_item",
        "meeting",
        meeting.id,
        after={"item": row.title, "position": order.index(row.id) + 1},
    )


def remove_item(session: Session, actor: Actor, item_id: int) -> None:
    """Take an item off the agenda; refused once anything is minuted against it."""
    row, meeting = _owned(session, org_of(actor), item_id)
    editable(meeting, "the agenda")
    used = any(
        session.scalar(select(func.count()).where(model.item_id == row.id))
        for model in (Motion, Action, Interest)
    )
    if used or row.notes.strip() or row.decisions.strip():
        raise UserError.from_issues(
            [
                Issue(
                    "item",
                    f"'{row.title}' has minutes written against it, so it stays. "
                    "Clear its notes first, or rename it.",
                )
            ]
        )
    title = row.title
    session.delete(row)
    session.flush()
    _renumber(session, meeting.id, [i.id for i in items(session, meeting.id)])
    audit.record(session, actor, "remove_item", "meeting", meeting.id, before={"title": title})
