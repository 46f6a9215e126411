"""Opening a database file: lock, checks, upgrade, engine and sessions.

``open_database`` is called by the composition root (app and command line)
after the first window is on screen. The lock, the checks and any upgrade use SQLite
itself; SQLAlchemy is imported when the engine is made, which the desktop app leaves
until its main window has painted (``connect_now=False``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from app import paths
from app.errors import NewerDatabase
from app.storage import anchor, backups, lockfile, sqlite_file
from app.storage.revisions import KNOWN_REVISIONS, SCHEMA_HEAD, reseal_note

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenFile:
    """What pages may know of the open file: where it is, where its backups go, whether
    it was opened read-only, and any warning about where it is kept."""

    path: Path
    backup_folder: Path
    read_only: bool
    warnings: tuple[str, ...] = ()
    address: str | None = None  # a server's database (shown without its password)


class Database:
    """An open database: its lock, and its engine and session factory.

    A file opened with ``connect_now=False`` makes its engine (importing SQLAlchemy)
    the first time ``engine`` or ``sessions`` is asked for, from any thread: the desktop
    app paints its first window before that (see ``services.upkeep.first_look``).
    """

    def __init__(
        self,
        path: Path,
        connect: Callable[[], tuple[Engine, sessionmaker[Session]]],
        read_only: bool,
        lock: lockfile.DatabaseLock | None,
        backup_folder: Path,
        warnings: list[str] | None = None,
        address: str | None = None,  # a PostgreSQL server's database, not a file at ``path``
    ) -> None:
        self.path, self.read_only, self.lock = path, read_only, lock
        self.backup_folder, self.warnings, self.address = backup_folder, warnings or [], address
        self._connect: Callable[[], tuple[Engine, sessionmaker[Session]]] | None = connect
        self._made: tuple[Engine, sessionmaker[Session]] | None = None
        self._connecting = threading.Lock()

    def _ensure_connected(self) -> tuple[Engine, sessionmaker[Session]]:
        with self._connecting:
            if self._made is None:
                assert self._connect is not None
                self._made = self._connect()
                self._connect = None
            return self._made

    @property
    def connected(self) -> bool:
        """True once the engine has been made."""
        return self._made is not None

    @property
    def engine(self) -> Engine:
        """The engine (made now if not yet)."""
        return self._ensure_connected()[0]

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory (made now if not yet)."""
        return self._ensure_connected()[1]

    @property
    def sessions_when_used(self) -> sessionmaker[Session]:
        """The session factory, or until the engine is made, a stand-in that makes it
        when first called (for the desktop app's runner, made before the first look)."""
        if self._made is not None:
            return self._made[1]
        return cast("sessionmaker[Session]", _SessionsWhenUsed(self))

    @property
    def file(self) -> OpenFile:
        """The file as pages see it (no engine, no sessions)."""
        return OpenFile(
            self.path, self.backup_folder, self.read_only, tuple(self.warnings), self.address
        )

    def close(self, *, backup: bool = True) -> backups.Backup | None:
        """Dispose of the engine, back up (if writable) and release the lock."""
        if self._made is not None:
            self._made[0].dispose()
        made = None
        try:
            if backup and not self.read_only and self.address is None:
                made = backups.automatic_backup(self.path, self.backup_folder, "close")
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None
        return made


class _SessionsWhenUsed:
    """Stands in for the session factory of a file whose engine is not made yet."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def __call__(self, **kw: Any) -> Session:
        return self._database.sessions(**kw)

    def begin(self) -> Any:
        """As ``sessionmaker.begin``."""
        return self._database.sessions.begin()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._database.sessions, name)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise sqlite_file.environment_problem(exc, path) from exc
    os.close(fd)


def check_revision(path: Path) -> str | None:
    """The file's schema revision; NewerDatabase if this version cannot read it."""
    revision = sqlite_file.schema_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabase(
            f"'{path.name}' was saved by a newer version of MutualDesk (schema {revision}). "
            "This version cannot open it safely, so it has not been changed. "
            "Install the newest MutualDesk to open it."
        )
    return revision


def open_server(address: str, *, read_only: bool = False, password: str | None = None
                ) -> Database:  # fmt: skip
    """Open the database on a PostgreSQL server at ``address``; see ``storage.server``."""
    from app.storage import server
    from app.storage.engine import make_sessionmaker

    engine = server.open_engine(address, password, read_only=read_only)
    path = server.stand_in(address)
    made = engine, make_sessionmaker(engine)
    database = Database(path, lambda: made, read_only, None, paths.backups_dir(path),
                        address=address)  # fmt: skip
    database.sessions  # noqa: B018 (connected now: a server has no first look)
    return database


def open_database(
    path: Path,
    *,
    read_only: bool = False,
    purpose: str = "MutualDesk",
    daily_backup: bool = True,
    early_check: sqlite_file.EarlyCheck | None = None,
    connect_now: bool = True,
) -> Database:
    """Open (creating if need be) the database file at ``path``.

    Raises an EnvironmentProblem subclass with a plain message if the file is
    locked, not a database, damaged, from a newer version or not writable. With
    ``connect_now`` False, a file that needs no upgrade is checked and locked but its
    engine is made (and SQLAlchemy imported) only when first used.
    """
    from app.storage import location

    path = path.expanduser().resolve()
    warnings = [w for w in [location.shared_folder_warning(path)] if w]
    if not read_only and not path.parent.exists():
        try:
            path.parent.mkdir(parents=True)
        except OSError as exc:
            raise sqlite_file.environment_problem(exc, path) from exc
    lock = None if read_only else lockfile.acquire(path, purpose=purpose)
    try:
        if read_only and not path.exists():
            raise sqlite_file.environment_problem(FileNotFoundError("unable to open"), path)
        if not read_only:
            _create_private_file(path)
            if not path.stat().st_size:
                anchor.forget(path)  # a new file: an anchor left here was another's
        sqlite_file.ensure_sqlite_file(path)
        if path.stat().st_size:
            sqlite_file.ensure_sound(path, early_check)
        revision = check_revision(path)
        folder = paths.backups_dir(path)
        pending_seal = reseal_note(path).exists()  # no daily copy until the rows are sealed again
        if revision != SCHEMA_HEAD:
            if read_only:
                raise NewerDatabase(
                    f"'{path.name}' was made by an older version and must be upgraded before it "
                    "can be read. Open it normally (not read-only) once."
                )
            from app.storage import reseal
            from app.storage.migration import upgrade_file

            reseal.before_upgrade(path, revision)
            upgrade_file(path, folder)
        elif daily_backup and not read_only and backups.backup_due(folder) and not pending_seal:
            backups.automatic_backup(path, folder, "daily")
        database = Database(
            path, partial(_connect, path, read_only, revision), read_only, lock, folder, warnings
        )
        if connect_now or revision != SCHEMA_HEAD or pending_seal:
            database.sessions  # noqa: B018 (made now: an upgrade is sealed before going on)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return database


def _connect(
    path: Path, read_only: bool, revision: str | None
) -> tuple[Engine, sessionmaker[Session]]:
    """The engine and session factory for an opened file; rows sealed if they were not."""
    from app.storage.engine import create_db_engine, make_sessionmaker, sqlite_url

    engine = create_db_engine(sqlite_url(path, read_only=read_only), read_only=read_only)
    sessions = make_sessionmaker(engine, None if read_only else path)
    if not read_only and revision is not None:
        from app.storage import reseal

        _seal_if_unsealed(sessions)  # after an upgrade, or one cut short before sealing
        reseal.finish_pending(path, sessions)  # likewise
    return engine, sessions


def _seal_if_unsealed(sessions: sessionmaker[Session]) -> None:
    """Seal the rows of a file made before seals existed (once, after its upgrade)."""
    from app.storage import seals

    with sessions() as session:
        needed = not seals.is_sealed(session) and seals.has_rows(session)
    if needed:
        seals.seal_everything(sessions)


def restore_into(
    database: Database, backup: Path, *, passphrase: str | None = None
) -> backups.Backup | None:
    """Replace the open database's contents with ``backup``, keeping the lock.

    The current file is backed up first; a backup from an older version is
    upgraded afterwards. Returns the safety backup.
    """
    from app.errors import UserError

    if database.read_only:
        raise UserError("This file is open read-only, so it cannot be restored over.")
    database.engine.dispose()
    safety = backups.restore(backup, database.path, database.backup_folder, passphrase=passphrase)
    restored = check_revision(database.path)
    if restored != SCHEMA_HEAD:
        from app.storage import reseal
        from app.storage.migration import upgrade_file

        reseal.before_upgrade(database.path, restored)
        upgrade_file(database.path, database.backup_folder)
        _seal_if_unsealed(database.sessions)
        reseal.finish_pending(database.path, database.sessions)
    _rewind_anchor(database.path, backup)
    return safety


def restore_file(
    path: Path, backup: Path, *, passphrase: str | None = None
) -> backups.Backup | None:
    """Restore ``backup`` over the closed file at ``path`` (taking its lock meanwhile)."""
    path = path.expanduser().resolve()
    lock = lockfile.acquire(path, purpose="a restore")
    try:
        safety = backups.restore(backup, path, paths.backups_dir(path), passphrase=passphrase)
        _rewind_anchor(path, backup)
        return safety
    finally:
        lock.release()


def _rewind_anchor(path: Path, backup: Path) -> None:
    """A restore through MutualDesk: the anchor follows the restored chain, and says so."""
    with sqlite_file.connect(path) as conn:
        length, head, first = sqlite_file.audit_chain_end(conn)
    anchor.rewind(path, backup.name, length, head, first)


@contextmanager
def read_only_session(path: Path) -> Iterator[Session]:
    """A session on ``path`` opened read-only, without the lock (for `check`)."""
    from app.storage.engine import create_db_engine, make_sessionmaker, sqlite_url

    engine = create_db_engine(sqlite_url(path, read_only=True), read_only=True)
    try:
        with make_sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()
