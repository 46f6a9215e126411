"""The audit trail's hash chain: how an entry's hash is made, and where the chain stands.

Each entry's hash covers the previous entry's hash and every field of its own,
including its seals (the digests of the rows it changed). An empty seal adds
nothing, so entries written before seals existed keep their hashes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.models import AuditEntry

GENESIS = "0" * 64
CHAIN_LOCK = 0x4D444155  # "MDAU": the one advisory lock that orders a server's trail


def hold_chain(session: Session) -> None:
    """Make this unit of work the only one adding to the trail until it ends.

    On a file the writer holds the whole file already (``BEGIN IMMEDIATE``). On a
    server, two writers reading the newest entry at once would each chain to it and the
    trail would fork; a transaction-scoped advisory lock makes the second wait, and
    its next statement sees the first one's entry."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})


# The columns of an entry in the order they are hashed (after the previous hash).
HASHED = (
    AuditEntry.at,
    AuditEntry.organisation_id,
    AuditEntry.user_id,
    AuditEntry.username,
    AuditEntry.action,
    AuditEntry.entity,
    AuditEntry.entity_id,
    AuditEntry.before,
    AuditEntry.after,
)


def hash_fields(prev_hash: str, fields: tuple[Any, ...], seals: str) -> str:
    """SHA-256 over the previous hash, the fields in ``HASHED`` order and the seals, as a
    JSON list: no text moved from one field into another (or into the seals) hashes the
    same. Entries written before seals existed were hashed by ``legacy_hash``."""
    parts = [prev_hash, *("" if value is None else str(value) for value in fields), seals]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def legacy_hash(prev_hash: str, fields: tuple[Any, ...]) -> str:
    """How versions before 0006 hashed an entry: the fields joined by a separator."""
    parts = [prev_hash, *("" if value is None else str(value) for value in fields)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def hash_matches(stored: str, prev_hash: str, fields: tuple[Any, ...], seals: str) -> bool:
    """Whether ``stored`` is the entry's hash: as this version makes it, or (for an entry
    with no seals) as an older version made it. Either way it is SHA-256 over a different
    text, so neither form can stand in for the other."""
    if hash_fields(prev_hash, fields, seals) == stored:
        return True
    return not seals and legacy_hash(prev_hash, fields) == stored


def link_problem(entry: StoredEntry, previous: str, noun: str = "entry") -> str | None:
    """What breaks the chain at ``entry`` (``previous``: the hash of the entry before it),
    in words, or None when it holds."""
    if entry.prev_hash != previous:
        return f"the {noun} before it was changed or removed"
    if not hash_matches(entry.hash, entry.prev_hash, entry.fields, entry.seals):
        return f"this {noun} was changed after it was written"
    return None


def entry_hash(entry: AuditEntry) -> str:
    """The hash ``entry`` should carry."""
    fields = tuple(getattr(entry, column.key) for column in HASHED)
    return hash_fields(entry.prev_hash, fields, entry.seals or "")


@dataclass(frozen=True)
class StoredEntry:
    """One entry as read back for checking."""

    id: int
    prev_hash: str
    hash: str
    fields: tuple[Any, ...]
    seals: str


def stored_entries(session: Session, batch: int = 2000) -> Iterator[StoredEntry]:
    """Every entry, oldest first, with its seals (read in batches)."""
    columns = (AuditEntry.id, AuditEntry.prev_hash, AuditEntry.hash, *HASHED, AuditEntry.seals)
    result = session.execute(select(*columns).order_by(AuditEntry.id)).yield_per(batch)
    for row in result:
        yield StoredEntry(row[0], row[1], row[2], tuple(row[3:-1]), row[-1] or "")


@dataclass(frozen=True)
class ChainEnd:
    """Where the chain stands: how many entries, the newest hash and the first."""

    length: int
    head: str
    first: str


def chain_end(session: Session) -> ChainEnd:
    """The chain's length, head and first hash ("" for an empty chain)."""
    length = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    first = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1))
    return ChainEnd(length, head or "", first or "")


def position_of(session: Session, entry_hash_: str) -> int | None:
    """The 1-based position in the chain of the entry with this hash, if it is there."""
    found = session.scalar(select(AuditEntry.id).where(AuditEntry.hash == entry_hash_))
    if found is None:
        return None
    return int(session.scalar(select(func.count()).where(AuditEntry.id <= found)) or 0)
