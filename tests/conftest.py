"""Shared fixtures: every path points into tmp_path; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user data folder, inside this test's temporary folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("MUTUALDESK_HOME", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test database goes."""
    return tmp_path / "test.sqlite"


@pytest.fixture
def database(db_path: Path) -> Iterator[object]:
    """A new, empty, migrated database, opened for writing."""
    from app.storage.database import open_database

    db = open_database(db_path)
    yield db
    db.close(backup=False)


@pytest.fixture
def demo(db_path: Path) -> Iterator[object]:
    """A database holding the small demo organisation (40 members), opened for writing."""
    from app.services.demo import create_demo
    from app.storage.database import open_database

    db = open_database(db_path)
    with db.sessions.begin() as session:
        create_demo(session, members=40, seed=7)
    yield db
    db.close(backup=False)
