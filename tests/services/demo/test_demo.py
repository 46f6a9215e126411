"""The demo is made for any size, seed and day a new user (or CI) might try."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import BoardMembership, Meeting
from app.services.demo import create_demo
from app.storage.database import open_database


@pytest.mark.parametrize(
    ("members", "seed", "today"),
    [
        (150, 4, date(2026, 12, 1)),  # a board member had left before their seat began
        (20, 2, date(2027, 9, 16)),  # a small demo on the day of the AGM
        (40, 7, date(2027, 4, 1)),  # the first day of a financial year
    ],
)
def test_demo_is_made_whatever_the_size_seed_and_day(
    db_path: Path, members: int, seed: int, today: date
) -> None:
    """`mutualdesk demo` never stops half-way with an error about its own made-up data."""
    database = open_database(db_path, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=members, seed=seed, finance=True, today=today)
    with database.sessions() as session:
        seats = session.scalar(select(func.count(BoardMembership.id)))
        held = session.scalar(select(func.count(Meeting.id)).where(Meeting.held_on <= today))
    database.close(backup=False)
    assert seats and seats >= 5
    assert held and held >= 10
