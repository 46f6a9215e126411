"""One unit of work per action, with SQLite's failures turned into plain messages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import EnvironmentProblem
from app.storage.sqlite_file import environment_problem

# Failures that are the computer's, not a bug: the disk, the file, the lock.
_ENVIRONMENT_WORDS = (
    "full",
    "disk i/o",
    "readonly",
    "read-only",
    "locked",
    "busy",
    "unable to open",
    "not a database",
    "malformed",
    "corrupt",
)


def _database_path(sessions: sessionmaker[Session]) -> Path:
    bind = sessions.kw.get("bind")
    name = getattr(getattr(bind, "url", None), "database", None) or "the database"
    return Path(str(name).removeprefix("file:").split("?")[0])


def translate(error: BaseException, sessions: sessionmaker[Session]) -> BaseException:
    """An EnvironmentProblem for the computer's failures; anything else unchanged."""
    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, sqlite3.Error | OSError) and any(
        word in str(original).lower() for word in _ENVIRONMENT_WORDS
    ):
        return environment_problem(original, _database_path(sessions))
    return error


@contextmanager
def plain_failures(sessions: sessionmaker[Session]) -> Iterator[None]:
    """The computer's failures inside (a full disk, a file nobody may write to, a lock)
    raised as an EnvironmentProblem with a plain message; anything else unchanged."""
    try:
        yield
    except EnvironmentProblem:
        raise
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        translated = translate(exc, sessions)
        if translated is exc:
            raise
        raise translated from exc


@contextmanager
def unit_of_work(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """``with unit_of_work(sessions) as session:`` commits whole or not at all."""
    with plain_failures(sessions), sessions.begin() as session:
        yield session


@contextmanager
def reading(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reading only, with the same translation of failures."""
    with plain_failures(sessions), sessions() as session:
        yield session
