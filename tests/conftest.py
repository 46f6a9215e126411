"""Shared fixtures: every path points into tmp_path; Qt runs offscreen."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests import pg

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
def database(db_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """A new, empty, migrated database, opened for writing."""
    from app.storage.database import open_database, open_server

    db = open_server(pg.shared().database()) if pg.on_server() else open_database(db_path)
    yield db
    _rows_match_their_seals(db, request)
    db.close(backup=False)


def _rows_match_their_seals(db: Any, request: pytest.FixtureRequest) -> None:
    """Whatever a test did through the services left every row sealed in the audit trail
    (a write path that escaped the seals would show here as a row changed outside).
    Tests marked ``tampers`` change the file behind the program's back on purpose."""
    from app.services.upkeep.evidence import examine

    if request.node.get_closest_marker("tampers") or db.engine.url.database is None:
        return
    with db.sessions() as session:
        found = examine(session)
    failed = [f.text for f in found.findings if not f.passed]
    assert not failed, failed


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``demo_files(members=40, seed=7, ...)`` -> a demo database file, made once per test
    process for each set of ``create_demo`` arguments; tests open copies of it."""
    from app.services.demo import create_demo
    from app.storage.database import open_database, open_server

    made: dict[tuple[tuple[str, object], ...], Path] = {}

    def make(**options: object) -> Path:
        key = tuple(sorted(options.items()))
        if key not in made:
            folder = tmp_path_factory.mktemp("demo")
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("MUTUALDESK_HOME", str(folder / "home"))
                if pg.on_server():  # a template database on the server, copied per test
                    address = pg.shared().database("tpl")
                    db = open_server(address)
                else:
                    db = open_database(folder / "demo.sqlite", daily_backup=False)
                with db.sessions.begin() as session:
                    create_demo(session, **options)  # type: ignore[arg-type]
                db.close(backup=False)
            # on a server, the template's address (``open_copy`` copies it)
            made[key] = db.address or db.path  # type: ignore[assignment]
        return made[key]

    return make


def copy_database(source: Path, target: Path) -> None:
    """Copy a closed database with SQLite's backup API (milliseconds for the demo)."""
    target.touch(mode=0o600)  # private, as the program makes it
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def open_copy(source: Path, target: Path) -> Any:
    """A copy of the demo file ``source`` at ``target``, opened for writing as a new file
    would be (no backup on opening); on a server, a new database copied from ``source``."""
    from app.storage.database import open_database, open_server

    if isinstance(source, str):
        return open_server(pg.shared().copy_of(source))
    copy_database(source, target)
    return open_database(target, daily_backup=False)


@pytest.fixture
def demo(
    demo_files: Callable[..., Path], db_path: Path, request: pytest.FixtureRequest
) -> Iterator[object]:
    """A database holding the small demo organisation (40 members), opened for writing:
    this test's own copy of one made once."""
    db = open_copy(demo_files(members=40, seed=7), db_path)
    yield db
    _rows_match_their_seals(db, request)
    db.close(backup=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, so that in parallel they never run alone at the end; on a
    server run, the tests about the database file itself are skipped, saying why."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    if pg.on_server():
        for item in items:
            marker = item.get_closest_marker("file_only")
            if marker is not None:
                why = marker.args[0] if marker.args else "about the database file itself"
                item.add_marker(pytest.mark.skip(reason=f"a database file only: {why}"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop this process's PostgreSQL server, if one was started (in each worker)."""
    pg.stop_shared()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A PostgreSQL server of this test process's own (see ``tests/pg.py``); the tests
    that need one are skipped, saying why, where PostgreSQL is not installed."""
    missing = pg.available()
    if missing:
        pytest.skip(missing)
    yield pg.shared()
