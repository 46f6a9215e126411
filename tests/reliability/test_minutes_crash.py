"""Minute-taking survives the office PC losing power: the app is killed while the
secretary types, and every word the screen showed as saved is in the file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.services import meetings
from app.services.demo import create_demo
from app.storage.database import open_database
from tests.services.board_helpers import actor

ROOT = Path(__file__).resolve().parents[2]


def _meeting(db_file: Path) -> tuple[int, int]:
    """A board meeting held last week in a small demo; (meeting id, item id)."""
    database = open_database(db_file, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=20, seed=3, board=False)
    who = actor(database)
    last_week = date.today() - timedelta(days=7)
    with database.sessions.begin() as session:
        body = meetings.ensure_default_bodies(session, who)[0].id
        m = meetings.create_meeting(session, who, meetings.MeetingDetails(
            body, "board", "Board meeting", last_week))  # fmt: skip
        meetings.record_notice(session, who, m, last_week - timedelta(days=10))
        meetings.advance(session, who, m, "held", date.today())
        item = meetings.items(session, m)[5].id
    database.close(backup=False)
    return m, item


@pytest.mark.slow
def test_killed_while_typing_minutes_loses_nothing_shown_as_saved(db_path: Path) -> None:
    """Three times: type, kill -9 at a random moment after a save; the text shown as saved
    is in the file (a later save may have added more), and the file opens cleanly."""
    meeting_id, item_id = _meeting(db_path)
    rng = random.Random(20261125)
    for _round in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.typist", str(db_path), str(meeting_id),
             str(item_id)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        assert child.stdout is not None
        saves: list[str] = []
        deadline = time.monotonic() + 60
        wanted = rng.randint(2, 6)
        while len(saves) < wanted and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("saved "):
                saves.append(json.loads(line[len("saved ") :]))
        time.sleep(rng.uniform(0.0, 0.3))  # kill mid-keystroke or mid-save
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
        assert saves, f"the typist never saw a save: {err[-2000:]}"
        database = open_database(db_path, daily_backup=False)
        with database.sessions() as session:
            stored = next(i for i in meetings.items(session, meeting_id) if i.id == item_id)
        database.close(backup=False)
        assert stored.notes.startswith(saves[-1]), (saves[-1], stored.notes)
