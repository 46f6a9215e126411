"""The engine and session factory, and the only SQLite-specific SQL.

SQLite gets WAL, foreign keys, a busy timeout and ``synchronous=FULL``; the
pysqlite driver's own transaction handling is switched off and SQLAlchemy
emits ``BEGIN IMMEDIATE`` itself, as SQLAlchemy's SQLite dialect documentation
describes, so a writer takes its lock at the start of the unit of work.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def sqlite_url(path: Path, *, read_only: bool = False) -> str:
    """The SQLAlchemy URL for a database file."""
    if read_only:
        # In a folder nobody may write to, SQLite cannot make its shared-memory file:
        # the file is then read as immutable (nothing else can be changing it either).
        frozen = "&immutable=1" if not os.access(path.resolve().parent, os.W_OK) else ""
        return f"sqlite:///file:{path.resolve().as_posix()}?mode=ro{frozen}&uri=true"
    return f"sqlite:///{path.resolve().as_posix()}"


def create_db_engine(url: str, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    """An engine for ``url`` with our connection settings.

    Args:
        url: a SQLAlchemy database URL (SQLite file or PostgreSQL server).
        read_only: open a SQLite file so that nothing can be written.
        foreign_keys: False only while migrating a SQLite file.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def make_sessionmaker(engine: Engine, path: Path | None = None) -> sessionmaker[Session]:
    """The one session factory: a unit of work per user action.

    Every commit seals the rows it changed into the audit trail, and moves the
    anchor beside the file at ``path`` (when given) forward.
    """
    from app.storage import seals

    sessions = sessionmaker(
        engine, expire_on_commit=False, info={"database_path": path} if path else {}
    )
    seals.install(sessions)
    return sessions
