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
    # (rank among a meeting's hits, table, columns searched, -> (where, passage source))
    sources: tuple[tuple[int, Any, tuple[Any, ...], Any], ...] = (
        (0, Motion, (Motion.text,), lambda r: (f"resolution {r.reference}", r.text)),
        (1, Action, (Action.text, Action.owner), lambda r: (f"action ({r.owner})", r.text)),
        (
            3,
            Interest,
            (Interest.person, Interest.interest),
            lambda r: ("declaration of interest", f"{r.person}: {r.interest}"),
        ),
        (
            4,
            Addendum,
            (Addendum.text,),
            lambda r: (f"addendum of {r.written_on:%d/%m/%Y}", r.text),
        ),
    )
    for rank, table, columns, describe in sources:
        for row, m in session.execute(
            select(table, Meeting)
            .join(Meeting, Meeting.id == table.meeting_id)
            .where(Meeting.organisation_id == organisation_id, contains(*columns))
        ):
            where, text = describe(row)
            hits.append((m.held_on, rank, Hit(m.id, _heading(m), where, _passage(text, term))))
    hits.sort(key=lambda h: (-h[0].toordinal(), h[1], h[2].where))
    return [h for _d, _k, h in hits[:limit]]
