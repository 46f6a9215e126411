"""Joining and leaving a federation's server: one organisation's whole record, moved
between databases (a centre's file into the server as a new centre, or a centre on the
server out to a file of its own).

Every row of the organisation is copied, table by table in the order their references
need, each given a new number in the destination and every reference to it renumbered
to match. The audit trail goes with it: each entry, in order, keeps when, who, what and
the before and after it recorded, renumbered like the rows (the organisation, the user,
and the record it names), and is chained onto the destination's trail; one closing
entry says where it came from and the source trail's last hash and length, so the
original file still proves the history. The row seals of the source do not travel
(they name the source's row numbers): the closing entry seals every row brought in.

Usernames are one namespace on a server: an account whose name is taken there is
renamed ``prefix-name``. Federation roles do not travel: such an account arrives as an
inactive viewer, so that nothing it did before loses its name. A centre's returns stay
with the federation.

The move is one unit of work at the destination: it commits whole or not at all. After
it, the rows are counted at both ends, the destination's trail is verified, and the
moved entries compared one by one with the source's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import AuditEntry, Organisation, User, load_all
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Role
from app.storage import statistics
from app.storage.audit_chain import entry_hash, hold_chain
from app.storage.snapshot import snapshot

NOT_MOVED = frozenset({"audit_log", "centre_returns"})
NOT_A_ROW = frozenset({"centre_return", "rows"})  # entities an entry names that do not travel
# The record an audit entry names, by the entry's ``entity``: the table its id is in.
ENTITY_TABLES = {
    "agreement": "agreements",
    "board seat": "board_memberships",
    "budget_line": "budget_lines",
    "cash_entry": "cash_entries",
    "category": "member_categories",
    "creditor": "owed_items",
    "debtor": "owed_items",
    "election": "elections",
    "equipment": "equipment",
    "finance_category": "finance_categories",
    "financial_year": "financial_years",
    "fund": "funds",
    "activity": "activities",
    "annual report": "annual_report_words",
    "indicator": "indicators",
    "sroi worksheet": "sroi_worksheets",
    "project": "community_projects",
    "project ballot": "project_ballots",
    "survey": "surveys",
    "meeting": "meetings",
    "meeting_body": "meeting_bodies",
    "member": "members",
    "money_account": "money_accounts",
    "officer": "officer_roles",
    "organisation": "organisations",
    "reconciliation": "reconciliations",
    "seat type": "seat_types",
    "user": "users",
}
COMPARED = ("at", "username", "action", "entity", "before", "after")


def _tables() -> list[Table]:
    return [t for t in load_all().metadata.sorted_tables if t.name not in NOT_MOVED]


def _has_id(table: Table) -> bool:
    return [c.name for c in table.primary_key] == ["id"]


def _parent(table: Table) -> tuple[str, str] | None:
    """(column, parent table) that places a row without an organisation column."""
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        if not fk.parent.nullable and fk.column.name == "id":
            return fk.parent.name, fk.column.table.name
    return None


@dataclass
class Records:
    """One organisation's rows, per table (in reference order), and its trail."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    entries: list[AuditEntry] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}


def read_records(session: Session, organisation_id: int, whole_trail: bool) -> Records:
    """Every row of ``organisation_id``; its audit entries (with ``whole_trail``, every
    entry: a file holds one organisation's trail, entries by the program included)."""
    found = Records()
    ids: dict[str, set[int]] = {}
    for table in _tables():
        if table.name == "organisations":
            query = select(table).where(table.c.id == organisation_id)
        elif "organisation_id" in table.c:
            query = select(table).where(table.c.organisation_id == organisation_id)
        elif (placed := _parent(table)) is not None:
            column, parent = placed
            query = select(table).where(table.c[column].in_(sorted(ids.get(parent, ()))))
        else:
            continue
        rows = [dict(r._mapping) for r in session.execute(query.order_by(*table.primary_key))]
        if table.name == "user_roles":  # roles here of people from elsewhere stay behind
            rows = [r for r in rows if r["user_id"] in ids.get("users", set())]
        found.rows[table.name] = rows
        if _has_id(table):
            ids[table.name] = {r["id"] for r in rows}
    trail = select(AuditEntry).order_by(AuditEntry.id)
    if not whole_trail:
        trail = trail.where(AuditEntry.organisation_id == organisation_id)
    found.entries = list(session.scalars(trail))
    return found


class _Renumbering:
    """Old number → new number, per table."""

    def __init__(self) -> None:
        self.maps: dict[str, dict[int, int]] = {}

    def new(self, table: str, old: int | None) -> int | None:
        if old is None:
            return None
        try:
            return self.maps[table][old]
        except KeyError:
            raise UserError(
                f"A row of this organisation's refers to {table} number {old}, which belongs "
                "to another organisation in that database (a ballot batch typed by the "
                "federation's people, say): nothing was moved."
            ) from None


@dataclass(frozen=True)
class Moved:
    """What a move did: the new organisation's id, rows per table, entries, renames."""

    organisation_id: int
    counts: dict[str, int]
    entries: int
    renamed: dict[str, str]
    numbers: _Renumbering = field(repr=False, compare=False)


def _prefix(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return words[0] if words else "centre"


def _users(session: Session, rows: list[dict[str, Any]], prefix: str) -> dict[str, str]:
    """Rename accounts whose names the destination has; federation roles arrive as
    inactive viewers. What was renamed."""
    taken = {u.casefold() for u in session.scalars(select(User.username))}
    renamed: dict[str, str] = {}
    for row in rows:
        if Role(row["role"]).sees_every_organisation:
            row["role"], row["active"] = Role.VIEWER.value, False
        name = row["username"]
        if name.casefold() in taken:
            stem = f"{prefix[:20]}-{name}"[:55]  # a username is at most 60 characters
            new, n = stem, 2
            while new.casefold() in taken:
                new, n = f"{stem}-{n}", n + 1
            row["username"] = renamed[name] = new
        taken.add(row["username"].casefold())
    return renamed


def write_records(
    session: Session, actor: Actor, records: Records, source: str,
    prefix: str | None = None, name: str | None = None, *, signed_in_here: bool = True,
) -> Moved:  # fmt: skip
    """Add ``records`` to the destination as a new organisation (called ``name``, if
    given), in the caller's unit of work, with its trail chained on and a closing entry;
    what was done."""
    org_rows = records.rows.get("organisations") or []
    if len(org_rows) != 1:
        raise UserError("There is no organisation to move.")
    was = org_rows[0]["name"]
    name = (name or "").strip() or was
    org_rows[0] = {**org_rows[0], "name": name}
    if session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise UserError(
            f"This database already has an organisation called '{name}': nothing was moved. "
            "Give it another name with --name."
        )
    renamed = _users(session, records.rows.get("users", []), prefix or _prefix(name))
    numbers = _Renumbering()
    later: list[tuple[Table, str, list[tuple[int, int]]]] = []
    for table in _tables():
        rows = records.rows.get(table.name)
        if rows is None:
            continue
        numbers.maps[table.name] = {}
        pending = _insert(session, table, rows, numbers)
        later += [(table, column, pairs) for column, pairs in pending.items() if pairs]
    for table, column, pairs in later:
        for old_id, old_target in pairs:
            session.execute(
                update(table)
                .where(table.c.id == numbers.new(table.name, old_id))
                .values({column: numbers.new(table.name, old_target)})
            )
    org_id = numbers.new("organisations", org_rows[0]["id"])
    assert org_id is not None
    statistics.refresh(session, [name for name, rows in records.rows.items() if len(rows) > 100])
    _chain_entries(session, records.entries, numbers, org_id, renamed)
    head = records.entries[-1].hash if records.entries else ""
    if not signed_in_here:  # the person signed in at the other end: no account here
        actor = Actor(None, actor.username, actor.role, org_id)
    audit.record(
        session, actor, "transfer in", "organisation", org_id, organisation_id=org_id,
        after={"from": source, "name there": was, "entries": len(records.entries),
               "source trail ends": head, "renamed users": renamed},
    )  # fmt: skip
    return Moved(org_id, records.counts(), len(records.entries), renamed, numbers)


def _insert(
    session: Session, table: Table, rows: list[dict[str, Any]], numbers: _Renumbering
) -> dict[str, list[tuple[int, int]]]:
    """Insert ``rows`` renumbered, in batches. A row naming an earlier row of its own table
    (a reversal naming the entry it reverses) is given its new number, the batch before
    it written first; one naming a later row is left empty and returned, to fill in."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name]
    pending: dict[str, list[tuple[int, int]]] = {column: [] for column in own}
    mapping = numbers.maps[table.name]
    batch: list[dict[str, Any]] = []
    originals: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        if _has_id(table):
            made = session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), batch
            ).scalars()
            mapping.update((row["id"], new) for row, new in zip(originals, made, strict=True))
        else:
            session.execute(insert(table), batch)
        batch.clear()
        originals.clear()

    for row in rows:
        new = {k: v for k, v in row.items() if not (k == "id" and _has_id(table))}
        for fk in table.foreign_keys:
            column, parent = fk.parent.name, fk.column.table.name
            if parent != table.name:
                new[column] = numbers.new(parent, row[column])
            elif row[column] is None:
                continue
            elif row[column] < row["id"]:
                if row[column] not in mapping:
                    flush()
                new[column] = numbers.new(parent, row[column])
            else:
                pending[column].append((row["id"], row[column]))
                new[column] = None
        batch.append(new)
        originals.append(row)
    flush()
    return pending


def _moved_entry(
    entry: AuditEntry, numbers: _Renumbering, org_id: int, renamed: dict[str, str]
) -> dict[str, Any]:
    table = ENTITY_TABLES.get(entry.entity)
    entity_id = entry.entity_id
    if table is not None and entity_id.isdigit():
        moved = numbers.maps.get(table, {}).get(int(entity_id))
        # a row that stays behind (a person from another centre given a role in this one,
        # named in the entry itself) is not pointed at whatever row here has its number
        entity_id = "" if moved is None else str(moved)
    user = numbers.maps.get("users", {}).get(entry.user_id) if entry.user_id else None
    return {
        **{name: getattr(entry, name) for name in COMPARED},
        "username": renamed.get(entry.username, entry.username),
        "entity_id": entity_id,
        "organisation_id": org_id,
        "user_id": user,
    }


def _chain_entries(
    session: Session, entries: Iterable[AuditEntry], numbers: _Renumbering, org_id: int,
    renamed: dict[str, str],
) -> None:  # fmt: skip
    hold_chain(session)
    head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    previous = head or "0" * 64
    for entry in entries:
        moved = AuditEntry(
            **_moved_entry(entry, numbers, org_id, renamed), prev_hash=previous, seals=""
        )
        moved.hash = entry_hash(moved)
        session.add(moved)
        previous = moved.hash
    session.flush()


def _expected(table: Table, row: dict[str, Any], numbers: _Renumbering) -> tuple[Any, ...]:
    """A source row as it should be at the destination: every number renumbered."""
    new = dict(row)
    if _has_id(table):
        new["id"] = numbers.new(table.name, row["id"])
    for fk in table.foreign_keys:
        new[fk.parent.name] = numbers.new(fk.column.table.name, row[fk.parent.name])
    return tuple(sorted(new.items()))


def compare(source: Records, destination: Records, moved: Moved) -> list[str]:
    """Where the moved organisation differs from its source: every row, value by value
    (its numbers renumbered), and the trail entry by entry. Empty when it is faithful."""
    tables = {t.name: t for t in _tables()}
    problems = []
    for name, rows in source.rows.items():
        want = Counter(_expected(tables[name], r, moved.numbers) for r in rows)
        got = Counter(tuple(sorted(r.items())) for r in destination.rows.get(name, []))
        if want != got:
            missing = sum((want - got).values())
            problems.append(f"{name}: {len(rows)} rows in the source, {missing} not as they were")
    arrived = destination.entries[:-1]  # less the closing entry
    if len(arrived) != len(source.entries):
        problems.append(
            f"audit trail: {len(source.entries)} entries in the source, {len(arrived)} moved"
        )
    for before, after in zip(source.entries, arrived, strict=False):
        fields = _moved_entry(before, moved.numbers, moved.organisation_id, moved.renamed)
        differs = [n for n, v in fields.items() if getattr(after, n) != v]
        if differs:
            problems.append(f"audit entry {before.id}: {', '.join(differs)} differ after the move")
            break
    return problems


@dataclass(frozen=True)
class Transfer:
    """A finished move (one whose copy matched its source: any other is undone)."""

    moved: Moved
    name: str


def move(
    source: Any, destination: Any, actor: Actor, organisation_id: int, label: str,
    prefix: str | None = None, name: str | None = None,
) -> Transfer:  # fmt: skip
    """Move one organisation from the ``source`` database to ``destination`` (both open
    ``Database`` objects); ``actor`` is signed in where the federation's server is."""
    from app.storage.unit_of_work import unit_of_work

    if not (actor.role.sees_every_organisation and actor.role is Role.FEDERATION_ADMINISTRATOR):
        raise UserError("Only a federation administrator moves a centre in or out.")
    with source.sessions() as session:
        snapshot(session)  # one consistent copy, whoever is writing meanwhile
        organisations = session.scalars(select(Organisation.id)).all()
        chain = audit.verify_chain(session)
        if not chain.ok:
            raise UserError(
                f"The source's audit trail is broken at entry {chain.first_broken_id} "
                f"({chain.reason}): nothing was moved. Run `mutualdesk check` on it."
            )
        records = read_records(session, organisation_id, whole_trail=len(organisations) == 1)
    with unit_of_work(destination.sessions) as session:
        moved = write_records(
            session, actor, records, label, prefix, name,
            signed_in_here=destination.address is not None,
        )  # fmt: skip
        arrived = read_records(session, moved.organisation_id, whole_trail=False)
        problems = compare(records, arrived, moved)
        chain = audit.verify_chain(session)
        if not chain.ok:
            problems.append(f"the audit trail would break at entry {chain.first_broken_id}")
        if problems:  # undone whole: the destination is as it was
            raise UserError(
                "The copy did not match its source, so nothing was moved:\n  "
                + "\n  ".join(problems)
            )
    return Transfer(moved, arrived.rows["organisations"][0]["name"])
