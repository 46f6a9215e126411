"""One writer per database file: a lock file beside it.

The file ``<database>.lock`` names who holds it (machine, user, process,
since when) and is held with an operating-system lock for as long as the
program runs, so a crashed or killed program leaves no stale lock behind.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from app.errors import DatabaseLocked, EnvironmentProblem

# On Windows, lock a byte well past the JSON text, so others can still read it.
_LOCK_OFFSET = 1 << 20


def lock_path(database: Path) -> Path:
    """Where the lock file for ``database`` lives."""
    return database.with_name(database.name + ".lock")


def _try_os_lock(handle: IO[str]) -> bool:
    """Lock the open file; the lock goes with the handle (and with the process)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            handle.seek(0)
        return True
    import fcntl

    try:  # flock, not lockf: it holds per open file, so a second open in one process conflicts
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def describe_holder(holder: dict[str, str]) -> str:
    """'Pat Smith (pat) on OFFICE-PC since 24/11/2026 09:15'."""
    since = holder.get("since", "")
    with contextlib.suppress(ValueError):
        since = datetime.fromisoformat(since).strftime("%d/%m/%Y %H:%M")
    who = holder.get("user", "someone")
    machine = holder.get("machine", "another computer")
    return f"{who} on {machine} since {since}".strip()


@dataclass
class DatabaseLock:
    """A held lock; release it with ``release()`` or by leaving the program."""

    path: Path
    handle: IO[str] | None

    def release(self) -> None:
        """Let another program write to the database."""
        if self.handle is None:
            return
        # The file stays: removing it would let two programs lock two different files.
        with contextlib.suppress(OSError):
            self.handle.close()
        self.handle = None


def read_holder(database: Path) -> dict[str, str]:
    """What the lock file says about its holder ({} if unreadable)."""
    try:
        data = json.loads(lock_path(database).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def acquire(database: Path, *, purpose: str = "MutualDesk") -> DatabaseLock:
    """Take the lock for ``database`` or raise DatabaseLocked naming the holder."""
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise EnvironmentProblem(
            f"MutualDesk cannot write in the folder '{database.parent}', so it cannot open "
            f"'{database.name}' for changes ({exc.strerror}). Copy the file to a folder you "
            "can write to, such as Documents, or open it read-only."
        ) from exc
    handle = os.fdopen(fd, "r+", encoding="utf-8")
    if not _try_os_lock(handle):
        handle.close()
        holder = read_holder(database)
        raise DatabaseLocked(
            f"'{database.name}' is already open in {holder.get('purpose', 'MutualDesk')} "
            f"({describe_holder(holder)}). Only one copy can make changes at a time. "
            "Close it there first, or open this file read-only.",
            holder,
        )
    info = {
        "machine": socket.gethostname(),
        "user": getpass.getuser(),
        "pid": str(os.getpid()),
        "since": datetime.now().isoformat(timespec="seconds"),
        "purpose": purpose,
    }
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(info))
    handle.flush()
    return DatabaseLock(path, handle)
