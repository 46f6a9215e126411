"""Shared set-up for the meeting tests: the 40-member demo with a board of six."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from app.services import board, meetings
from app.services.meetings import MeetingDetails
from tests.services.board_helpers import actor, plain, seat_type

__all__ = ["plain"]

BOARD = (1, 2, 4, 5, 6, 7)
ON = date(2026, 3, 12)


def bodies(db: Any) -> dict[str, int]:
    with db.sessions.begin() as session:
        return {b.kind: b.id for b in meetings.ensure_default_bodies(session, actor(db))}


def new_meeting(db: Any, held_on: date = ON, kind: str = "board", **kw: Any) -> int:
    body = bodies(db)["board" if kind == "board" else "general"]
    title = kw.pop("title", "Board meeting" if kind == "board" else "Annual general meeting")
    with db.sessions.begin() as session:
        return meetings.create_meeting(
            session, actor(db), MeetingDetails(body, kind, title, held_on, time(19), **kw)
        )


def held(db: Any, meeting_id: int) -> None:
    """Notice sent in good time, then held."""
    with db.sessions.begin() as session:
        info = meetings.get_meeting(session, actor(db).organisation_id, meeting_id)
        meetings.record_notice(session, actor(db), meeting_id, date(2026, 1, 1))
        meetings.advance(session, actor(db), meeting_id, "held", today=info.held_on)


def people(db: Any, meeting_id: int) -> dict[int, int]:
    """member id -> attendance row id (the board is filled in first)."""
    with db.sessions.begin() as session:
        meetings.fill_board(session, actor(db), meeting_id)
        return {a.member_id: a.id for a in meetings.attendees(session, meeting_id) if a.member_id}


def arrive(db: Any, row: int, at: time = time(19)) -> None:
    with db.sessions.begin() as session:
        meetings.mark(session, actor(db), row, "present", at)


@pytest.fixture
def boarded(plain: Any) -> Any:
    """The demo with six board members since 2025."""
    seats = seat_type(plain, "Community seats", None, seats=8)
    with plain.sessions.begin() as session:
        for member_id in BOARD:
            board.add_to_board(
                session, actor(plain), seat_type_id=seats, member_id=member_id,
                started_on=date(2025, 1, 1), how="elected",
            )  # fmt: skip
    return plain
