"""Looking at a SQLite file with the standard library alone.

These run before SQLAlchemy is imported (start-up stays quick), and sort
SQLite's failures by blame as qutebrowser's ``misc/sql.py`` does: the ones a
person can act on become an ``EnvironmentProblem`` with a plain message.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from app.errors import DatabaseDamaged, EnvironmentProblem, NotADatabase

SQLITE_HEADER = b"SQLite format 3\x00"


@contextmanager
def connect(path: Path, *, read_only: bool = True) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, closed on exit (read-only by default)."""
    mode = "ro" if read_only else "rw"
    uri = f"file:{path.resolve().as_posix()}?mode={mode}"
    if read_only and not os.access(path.resolve().parent, os.W_OK):
        uri += "&immutable=1"  # no shared-memory file can be made in a read-only folder
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5, isolation_level=None)
    except sqlite3.Error as exc:
        raise environment_problem(exc, path) from exc
    with closing(conn):
        yield conn


def has_sqlite_header(path: Path) -> bool:
    """True if the file starts with SQLite's magic header."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def ensure_sqlite_file(path: Path) -> None:
    """Raise NotADatabase unless ``path`` is a SQLite file (an empty file is new)."""
    if path.stat().st_size == 0:
        return
    if not has_sqlite_header(path):
        raise NotADatabase(
            f"'{path.name}' is not a MutualDesk database. It may be another kind of file "
            "that was given the wrong name. Choose the .sqlite file MutualDesk made, "
            "or restore one from a backup."
        )


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """Problems SQLite finds in the file ([] when it is sound)."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        with connect(path) as conn:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    except DatabaseDamaged as exc:
        return [exc.message]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def ensure_sound(path: Path, early: EarlyCheck | None = None) -> None:
    """Raise DatabaseDamaged if the file fails ``quick_check`` (done early, if it was)."""
    problems = early.problems_for(path) if early is not None else None
    if problems is None:
        problems = quick_check(path)
    if problems:
        raise DatabaseDamaged(
            f"The database '{path.name}' is damaged (SQLite reports: {problems[0]}). "
            "Nothing has been changed. Restore it from the newest good backup."
        )


def table_names(conn: sqlite3.Connection) -> list[str]:
    """User tables in the file, sorted."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def row_counts(path: Path) -> dict[str, int]:
    """How many rows each table holds."""
    with connect(path) as conn:
        return {
            name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in table_names(conn)
        }


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, or None for a new file.

    Raises NotADatabase for a SQLite file that some other program made.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with connect(path) as conn:
            tables = table_names(conn)
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                return None if row is None else str(row[0])
    except sqlite3.DatabaseError as exc:
        raise environment_problem(exc, path) from exc
    if tables:
        raise NotADatabase(
            f"'{path.name}' is a database, but not one MutualDesk made. "
            "Choose the .sqlite file MutualDesk made, or start a new one."
        )
    return None


def broken_foreign_keys(path: Path) -> int:
    """How many rows point at a row that is not there."""
    with connect(path) as conn:
        return len(conn.execute("PRAGMA foreign_key_check").fetchall())


def audit_head(path: Path) -> str:
    """The hash of the newest audit row ("" when there is none)."""
    with connect(path) as conn:
        if "audit_log" not in table_names(conn):
            return ""
        row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return "" if row is None else str(row[0])


def audit_chain_end(conn: sqlite3.Connection) -> tuple[int, str, str]:
    """The audit chain's length, newest hash and first hash, read with the standard library."""
    if "audit_log" not in table_names(conn):
        return 0, "", ""
    length = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    first = conn.execute("SELECT hash FROM audit_log ORDER BY id LIMIT 1").fetchone()
    return int(length), head[0] if head else "", first[0] if first else ""


def environment_problem(exc: BaseException, path: Path) -> EnvironmentProblem:
    """Turn a SQLite or OS failure into a message a volunteer can act on."""
    text = str(exc).lower()
    name = path.name
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text:
        return EnvironmentProblem(
            f"The disk holding '{name}' is full, so the change was not saved. "
            "Your data is as it was before. Free some space (or choose another drive) "
            "and try again."
        )
    if (
        code in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "readonly" in text
        or ("read-only" in text)
    ):
        return EnvironmentProblem(
            f"MutualDesk cannot write to '{path.parent}'. The folder or the file is read-only "
            "(it may be on a CD, a locked USB stick or a share you may only read). "
            "Copy the file to a folder you can write to, such as Documents, and open it there."
        )
    if code == errno.ENOENT:
        return EnvironmentProblem(
            f"The folder '{path.parent}' does not exist, so '{name}' could not be written. "
            "Choose a folder that exists."
        )
    if "locked" in text or "busy" in text:
        return EnvironmentProblem(
            f"'{name}' is busy: another program is writing to it. Wait a moment and try again."
        )
    if "not a database" in text or "file is encrypted" in text:
        return NotADatabase(
            f"'{name}' is not a MutualDesk database, or it is badly damaged. "
            "Nothing has been changed. Choose another file or restore from a backup."
        )
    if "disk i/o" in text:
        return EnvironmentProblem(
            f"MutualDesk could not write to the disk holding '{name}' (it may be full, removed "
            "or failing). The change was not saved: your data is as it was before. Free some "
            "space or check the drive, then try again."
        )
    if "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"The database '{name}' is damaged ({exc}). Nothing more has been written. "
            "Restore it from the newest good backup."
        )
    if "unable to open" in text:
        return EnvironmentProblem(
            f"MutualDesk could not open '{path}'. Check that the folder exists and that you "
            "may write to it."
        )
    return EnvironmentProblem(f"The database '{name}' could not be used: {exc}")


def _signature(path: Path) -> tuple[tuple[int, int], ...]:
    """Size and modification time of the file and its write-ahead log."""
    found = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            stat = part.stat()
        except OSError:
            found.append((-1, -1))
        else:
            found.append((stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class EarlyCheck:
    """``quick_check`` started on a thread as the program starts, used when the file opens.

    SQLite lets go of Python's lock while it checks, so the check runs while
    the sign-in window appears and SQLAlchemy is imported. If the file changed
    in between, the result is not used and the file is checked again.
    """

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path.expanduser().resolve()
        self._signature: tuple[tuple[int, int], ...] = ()
        self._problems: list[str] | None = None
        self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
        if _signature(self.path)[0][0] > 0 and has_sqlite_header(self.path):
            self._thread.start()

    def _run(self) -> None:
        problems = quick_check(self.path)
        # Taken after the check: closing its connection may checkpoint the log.
        self._signature = _signature(self.path)
        self._problems = problems

    def problems_for(self, path: Path) -> list[str] | None:
        """The early result for ``path``, or None when it has to be checked again."""
        if not self._thread.is_alive() and self._problems is None:
            return None  # never started (new or not a database) or failed
        self._thread.join()
        if path != self.path or _signature(path) != self._signature:
            return None
        return self._problems
