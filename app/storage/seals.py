"""Row seals: a digest of every audited row's state, kept in the audit chain.

Whenever a unit of work changes rows of an audited table (every table but the
audit trail itself), the digests of those rows as committed are written into
the newest audit entry of that unit of work (or, if it recorded none, into an
entry of its own), before its hash is made. ``check`` recomputes the digest of
every row and compares it with the latest seal: a row changed, added or deleted
outside MutualDesk no longer matches, and a seal changed to match breaks the
chain.

The session factory calls ``install``; changes are seen at flush time (objects),
in ``do_orm_execute`` (``insert``/``update``/``delete`` statements) and through
``note_insert`` (the raw bulk insert of an import).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    LargeBinary,
    Table,
    event,
    func,
    inspect,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, load_all
from app.storage import anchor, audit_chain

NOT_AUDITED = frozenset({"audit_log", "alembic_version"})
DELETED = "-"
SYSTEM_USER = "MutualDesk"
_CHUNK = 400


@cache
def _tables() -> dict[str, Table]:
    """Every audited table by name (every model loaded first)."""
    return {t.name: t for t in load_all().metadata.sorted_tables if t.name not in NOT_AUDITED}


def audited_tables() -> list[Table]:
    """Every table whose rows are sealed, in dependency order."""
    return list(_tables().values())


def _has_id(table: Table) -> bool:
    return [c.name for c in table.primary_key] == ["id"]


def row_key(table: Table, row: Mapping[Any, Any]) -> str:
    """A row's key as seals name it: its id, or its key columns joined by ':'."""
    return ":".join(str(row[c.name]) for c in table.primary_key)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def row_digest(row: Mapping[Any, Any]) -> str:
    """128 bits of SHA-256 over a row's non-empty columns, by name (databases other than
    SQLite, where the database itself writes the row out: see ``_canonical``).

    Columns holding NULL are left out, so adding an empty column to a table in
    a later version leaves every seal as it was.
    """
    pairs = sorted((name, _text(value)) for name, value in row.items() if value is not None)
    return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


@cache
def _canonical(table: Table) -> Any:
    """SQLite writes each row out as one text, its columns in name order between
    separators: a column that may be empty as ``name=value``, left out when NULL (so
    adding an empty column later leaves the seals as they were); binary columns in hex.
    SQLite does this in C: 100,000 imported members are written out in about half a
    second."""

    def part(column: Any) -> str:
        value = f'"{column.name}"'
        if isinstance(column.type, LargeBinary):
            value = f"hex({value})"
        return f"ifnull('{column.name}=' || {value}, '')" if column.nullable else value

    return literal_column(
        " || char(31) || ".join(part(c) for c in sorted(table.c, key=lambda c: c.name))
    )


def _digests(session: Session, table: Table, where: Any = None) -> Iterator[tuple[str, str]]:
    """(key, digest) of the rows of ``table`` that ``where`` picks (every row for None), in
    key order."""
    if session.get_bind().dialect.name == "sqlite":
        query = select(*table.primary_key, _canonical(table)).order_by(*table.primary_key)
        if where is not None:
            query = query.where(where)
        sha = hashlib.sha256
        if len(table.primary_key) == 1:  # the driver's own cursor: no row objects made
            cursor = session.connection().execute(query).cursor
            while part := cursor.fetchmany(5000):
                yield from ((str(k), sha(t.encode()).hexdigest()[:32]) for k, t in part)
            return
        for row in session.execute(query).yield_per(5000):
            yield ":".join(str(v) for v in row[:-1]), sha(row[-1].encode()).hexdigest()[:32]
        return
    plain = select(table) if where is None else select(table).where(where)
    for mapped in session.execute(plain.order_by(*table.primary_key)).mappings().yield_per(2000):
        yield row_key(table, mapped), row_digest(mapped)


def current_digests(
    session: Session, table: Table, keys: Iterable[str] | None = None
) -> Iterator[tuple[str, str]]:
    """(key, digest) of the rows of ``table`` with these keys (every row for None)."""
    if keys is None:
        yield from _digests(session, table)
        return
    wanted = sorted(set(keys))
    columns = list(table.primary_key)
    for start in range(0, len(wanted), _CHUNK):
        chunk = [key.split(":") for key in wanted[start : start + _CHUNK]]
        if len(columns) == 1:
            where = columns[0].in_([int(k[0]) for k in chunk])
        else:
            where = tuple_(*columns).in_([tuple(int(v) for v in k) for k in chunk])
        yield from _digests(session, table, where)


def seal_lines(text: str) -> Iterator[tuple[str, str, str]]:
    """(table, key, digest) for each line of an entry's seals."""
    for line in text.splitlines():
        name, key, digest = line.split("\t")
        yield name, key, digest


@dataclass
class _Touched:
    """What this unit of work changed, per table: keys; ids above which all rows are new;
    tables to seal whole (rows added in bulk to a table without an id)."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    above: dict[str, int] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    entries: list[AuditEntry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.keys or self.above or self.whole)


def _touched(session: Session) -> _Touched:
    found = session.info.get("seals")
    if found is None:
        found = session.info["seals"] = _Touched()
    return found


def _table_of(target: Any) -> Table | None:
    table = getattr(target, "__table__", target)
    if isinstance(table, Table) and table.name not in NOT_AUDITED:
        return table
    return None


def note_insert(session: Session, table: Table) -> None:
    """Rows are about to be inserted into ``table`` by other means than the ORM."""
    touched = _touched(session)
    if table.name in NOT_AUDITED or table.name in touched.above:
        return
    if not _has_id(table):
        touched.whole.add(table.name)
        return
    highest = session.scalar(select(func.max(table.c.id)))
    touched.above[table.name] = int(highest or 0)


def note_changed(session: Session, table: str, keys: Iterable[str]) -> None:
    """These rows of ``table`` are to be sealed again when the work commits."""
    _touched(session).keys.setdefault(table, set()).update(keys)


def _after_flush(session: Session, _context: Any) -> None:
    touched = _touched(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            if obj in session.new:
                touched.entries.append(obj)
            continue
        table = _table_of(type(obj))
        if table is None:
            continue
        # The key as the row has it now (a new object has no identity until after the flush).
        state = inspect(obj)
        values = state.identity or state.mapper.primary_key_from_instance(obj)
        if all(v is not None for v in values):
            touched.keys.setdefault(table.name, set()).add(":".join(str(v) for v in values))


def _on_execute(state: Any) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    statement = state.statement
    table = _table_of(getattr(statement, "table", None))
    if table is None:
        return
    session = state.session
    if state.is_insert:
        note_insert(session, table)
        return
    where = getattr(statement, "whereclause", None)
    query = select(*table.primary_key) if where is None else select(*table.primary_key).where(where)
    keys = {":".join(str(v) for v in row) for row in session.execute(query)}
    _touched(session).keys.setdefault(table.name, set()).update(keys)


def _touched_table(name: str) -> Table:
    """A table the unit of work wrote to: its model is loaded already, so there is no
    need to load every model (which the first sign-in would otherwise wait for)."""
    table = AuditEntry.metadata.tables.get(name)
    return table if table is not None else _tables()[name]


def _seals_text(session: Session, touched: _Touched) -> str:
    lines: list[str] = []
    for name in sorted(set(touched.keys) | set(touched.above) | touched.whole):
        table = _touched_table(name)
        keys = touched.keys.get(name, set())
        found = dict(current_digests(session, table, keys)) if keys else {}
        if name in touched.whole:
            found.update(_digests(session, table))
        elif name in touched.above:
            found.update(_digests(session, table, table.c.id > touched.above[name]))
        if keys - found.keys():  # deleted rows, among the rest in key order
            found.update((key, DELETED) for key in keys - found.keys())
            found = dict(sorted(found.items(), key=lambda item: _order(item[0])))
        elif keys:
            found = dict(sorted(found.items(), key=lambda item: _order(item[0])))
        lines.extend(f"{name}\t{key}\t{digest}" for key, digest in found.items())
    return "\n".join(lines)


def _order(key: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in key.split(":"))


def _before_commit(session: Session) -> None:
    session.flush()
    touched = session.info.pop("seals", None) or _Touched()
    if touched:
        text = _seals_text(session, touched)
        audit_chain.hold_chain(session)
        newest = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
        if newest is None or newest not in touched.entries:
            newest = AuditEntry(
                at=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
                username=SYSTEM_USER,
                action=session.info.pop("seal_action", "record changes"),
                entity="rows",
                entity_id="",
                before="",
                after=json.dumps({"rows": text.count("\n") + 1}),
                prev_hash=(newest.hash if newest is not None else audit_chain.GENESIS),
            )
            session.add(newest)
        newest.seals = text
        newest.hash = audit_chain.entry_hash(newest)
        session.flush()
        session.info.pop("seals", None)
    if touched or touched.entries:
        _prepare_anchor(session)


def _prepare_anchor(session: Session) -> None:
    path = session.info.get("database_path")
    if path is None:
        return
    end = audit_chain.chain_end(session)
    held = anchor.read(Path(path))  # None also for an anchor of an empty chain
    extends = held is None or audit_chain.position_of(session, held.head) == held.length
    session.info["anchor"] = (end, extends)


def _after_commit(session: Session) -> None:
    session.info.pop("seals", None)
    prepared = session.info.pop("anchor", None)
    path = session.info.get("database_path")
    if prepared is None or path is None:
        return
    end, extends = prepared
    anchor.advance(Path(path), end.length, end.head, end.first, extends=extends)


def _forget(session: Session, transaction: Any) -> None:
    """The outermost transaction ended (committed or rolled back): start afresh.

    A savepoint rolled back inside it keeps what it touched: those rows are sealed
    as they stand at the commit (as deleted, if they were never kept).
    """
    if transaction.parent is None:
        session.info.pop("seals", None)
        session.info.pop("anchor", None)


def install(sessions: sessionmaker[Session]) -> None:
    """Seal audited rows on every commit of sessions made by ``sessions``."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _on_execute)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_transaction_end", _forget)


def seal_everything(sessions: sessionmaker[Session]) -> int:
    """Seal every row of every audited table (a file made before seals existed).

    Returns how many rows were sealed, in one entry of the audit trail.
    """
    with sessions.begin() as session:
        session.info["seal_action"] = "seal rows"
        touched = _touched(session)
        for table in audited_tables():
            touched.whole.add(table.name)
        count = sum(
            int(session.scalar(select(func.count()).select_from(t)) or 0) for t in audited_tables()
        )
    return count


def is_sealed(session: Session) -> bool:
    """Whether any entry of the chain carries seals (False for a file not yet sealed); the
    newest entries are looked at first, where a file in use has its seals."""
    found = select(AuditEntry.id).where(AuditEntry.seals != "").order_by(AuditEntry.id.desc())
    return session.scalar(found.limit(1)) is not None


def has_rows(session: Session) -> bool:
    """Whether any audited table holds a row."""
    return any(
        session.execute(select(*table.primary_key).limit(1)).first() is not None
        for table in audited_tables()
    )
