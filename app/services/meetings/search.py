"""Search across all minutes: item notes and decisions, resolutions, actions, declarations
of interest and addenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Action, Addendum, AgendaItem, Interest, Meeting, Motion


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


def _matcher(term: str) -> Any:
    """``column -> SQL condition`` that the column contains ``term`` whatever its case.
    SQLite folds the case of A-Z only, so a term with other letters ('café') is also
    looked for as written in lower, upper and title case ('CAFÉ', 'Café')."""
    spellings = {term}
    if not term.isascii():
        spellings |= {term.lower(), term.upper(), term.capitalize(), term.title()}
    likes = [
        "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for t in sorted(spellings)
    ]

    def contains(*columns: Any) -> Any:
        return or_(*(c.ilike(like, escape="\\") for c in columns for like in likes))

    return contains


def search(session: Session, organisation_id: int, term: str, limit: int = 200) -> list[Hit]:
    """Minutes, decisions, resolutions, actions, interests and addenda containing
    ``term``; newest first."""
    term = term.strip()
    if len(term) < 2:
        return []
    contains = _matcher(term)
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
            contains(AgendaItem.notes, AgendaItem.decisions, AgendaItem.title),
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
        .where(Meeting.organisation_id == organisation_id, contains(Motion.text))
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
            contains(Action.text, Action.owner),
        )
    ):
        hits.append(
            (
                m.held_on,
                1,
                Hit(m.id, _heading(m), f"action ({action.owner})", _passage(action.text, term)),
            )
        )
    for interest, m in session.execute(
        select(Interest, Meeting)
        .join(Meeting, Meeting.id == Interest.meeting_id)
        .where(
            Meeting.organisation_id == organisation_id,
            contains(Interest.person, Interest.interest),
        )
    ):
        text = f"{interest.person}: {interest.interest}"
        hits.append(
            (m.held_on, 3, Hit(m.id, _heading(m), "declaration of interest", _passage(text, term)))
        )
    for addendum, m in session.execute(
        select(Addendum, Meeting)
        .join(Meeting, Meeting.id == Addendum.meeting_id)
        .where(Meeting.organisation_id == organisation_id, contains(Addendum.text))
    ):
        hits.append(
            (
                m.held_on,
                4,
                Hit(
                    m.id,
                    _heading(m),
                    f"addendum of {addendum.written_on:%d/%m/%Y}",
                    _passage(addendum.text, term),
                ),
            )
        )
    hits.sort(key=lambda h: (-h[0].toordinal(), h[1], h[2].where))
    return [h for _d, _k, h in hits[:limit]]
