"""The anchor: a small file beside the database recording how far its audit trail reached.

``members.sqlite`` gets ``members.sqlite.anchor`` (JSON). After every unit of
work that adds audit entries the anchor moves forward to the new length and
head, and only forward: when the file's chain no longer contains the anchored
head (entries removed from the end, an older copy put in place of the file)
the anchor is left as it was, so ``check`` can say so. A restore made through
MutualDesk rewinds the anchor itself and records that it did.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

SUFFIX = ".anchor"


@dataclass(frozen=True)
class Restore:
    """A restore made through MutualDesk: when, from which backup, and what it rewound."""

    at: str
    backup: str
    from_length: int
    from_head: str
    to_length: int
    to_head: str


@dataclass(frozen=True)
class Anchor:
    """How far the chain reached: its length, newest hash and first hash."""

    length: int
    head: str
    first: str
    updated_at: str
    restores: tuple[Restore, ...] = field(default_factory=tuple)

    @property
    def updated(self) -> datetime:
        """When the anchor last moved."""
        return datetime.fromisoformat(self.updated_at)


def anchor_path(database: Path) -> Path:
    """Where the anchor of ``database`` lives."""
    return database.with_name(database.name + SUFFIX)


def read(database: Path) -> Anchor | None:
    """The anchor beside ``database``, or None if there is none (or it cannot be read)."""
    try:
        data = json.loads(anchor_path(database).read_text(encoding="utf-8"))
        restores = tuple(Restore(**item) for item in data.get("restores", []))
        for restore in restores:
            datetime.fromisoformat(restore.at)
        found = Anchor(
            int(data["length"]), str(data["head"]), str(data["first"]), str(data["updated_at"]),
            restores,
        )  # fmt: skip
        found.updated  # noqa: B018 - a date that does not parse is no anchor
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return None if found.length <= 0 else found  # an empty chain anchors nothing


def unreadable(database: Path) -> bool:
    """True if a file is beside ``database`` where its anchor goes, but is no anchor."""
    path = anchor_path(database)
    if not path.exists():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    if isinstance(data, dict) and data.get("length") == 0:
        return False  # written after a restore of an empty file: nothing to anchor yet
    return read(database) is None


def _write(database: Path, anchor: Anchor) -> None:
    path = anchor_path(database)
    tmp = path.with_name(path.name + ".partial")
    data = asdict(anchor)
    data["restores"] = [asdict(r) for r in anchor.restores]
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=2))
        os.replace(tmp, path)
    except OSError:  # pragma: no cover - the database itself was just written there
        tmp.unlink(missing_ok=True)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def advance(database: Path, length: int, head: str, first: str, *, extends: bool) -> None:
    """Move the anchor to ``length``/``head`` if the chain still contains the anchored head.

    ``extends`` says whether the file's chain contains the head the anchor holds
    now; when it does not, the anchor is evidence and stays as it is.
    """
    if unreadable(database):
        return  # evidence of something: left for `check` to report, never overwritten
    current = read(database)
    if current is not None:
        if not extends or current.first != first or length < current.length:
            return
        _write(database, replace(current, length=length, head=head, updated_at=_now()))
        return
    _write(database, Anchor(length, head, first, _now()))


def rewind(database: Path, backup: str, length: int, head: str, first: str) -> None:
    """Record a restore through MutualDesk: the anchor now matches the restored chain."""
    current = read(database)
    restores = current.restores if current else ()
    if current is not None:
        restores = (
            *restores,
            Restore(_now(), backup, current.length, current.head, length, head),
        )
    _write(database, Anchor(length, head, first, _now(), restores))


def forget(database: Path) -> None:
    """Remove the anchor (a new, empty database is being made at this path)."""
    anchor_path(database).unlink(missing_ok=True)
