"""Search across all minutes: item notes and decisions, resolutions and actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Action, AgendaItem, Meeting, Motion


@dataclass(frozen=True)
class Hit:
    """One place a search matched."""

    meeting_id: int
    meeting: str  # 'Board meeting, 12/03/2026'
    where: str  # 'item 4: Reports', 'resolution B/2026/014', 'action (owner)'
    text: str  # the matching passage


def _passage(text: str, term: str, width: int = 80) -> str:
    at = text.casefold().find(term.casefold())
    start = max(0, at - width // 2)
    cut = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def _heading(m: Meeting) -> str:
    return f"{m.title}, {m.held_on:%d/%m/%Y}"


def search(session: Session, organisation_id: int, term: str, limit: int = 200) -> list[Hit]:
    """Minutes, decisions, resolutions and actions containing ``term``; newest first."""
    term = term.strip()
    if len(term) < 2:
        return []
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    hits: list[tuple[date, int, Hit]] = []
    # Plain columns, not ORM objects: a common word can match most of ten years' minutes.
    meeting = (
        Meeting.id.label("meeting_id"),
        Meeting.title.label("meeting_title"),
        Meeting.held_on,
    )
    for item in session.execute(
        select(
            AgendaItem.position, AgendaItem.title, AgendaItem.notes, AgendaItem.decisions, *meeting
        )
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Meeting.organisation_id == organisation_id,
            or_(
                AgendaItem.notes.ilike(like, escape="\\"),
                AgendaItem.decisions.ilike(like, escape="\\"),
                AgendaItem.title.ilike(like, escape="\\"),
            ),
        )
    ):
        text = next(
            (
                t
                for t in (item.decisions, item.notes, item.title)
                if term.casefold() in t.casefold()
            ),
            item.notes,
        )
        hits.append(
            (
                item.held_on,
                2,
                Hit(
                    item.meeting_id,
                    f"{item.meeting_title}, {item.held_on:%d/%m/%Y}",
                    f"item {item.position}: {item.title}",
                    _passage(text, term),
                ),
            )
        )
    for motion, m in session.execute(
        select(Motion, Meeting)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Meeting.organisation_id == organisation_id, Motion.text.ilike(like, escape="\\"))
    ):
        hits.append(
            (
                m.held_on,
                0,
                Hit(
                    m.id, _heading(m), f"resolution {motion.reference}", _passage(motion.text, term)
                ),
            )
        )
    for action, m in session.execute(
        select(Action, Meeting)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(
            Meeting.organisation_id == organisation_id,
            or_(Action.text.ilike(like, escape="\\"), Action.owner.ilike(like, escape="\\")),
        )
    ):
        hits.append(
            (
                m.held_on,
                1,
                Hit(m.id, _heading(m), f"action ({action.owner})", _passage(action.text, term)),
            )
        )
    hits.sort(key=lambda h: (-h[0].toordinal(), h[1], h[2].where))
    return [h for _d, _k, h in hits[:limit]]
