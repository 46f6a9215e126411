"""Backing up and restoring a server's database (a federation's: every centre at once).

Where PostgreSQL's own ``pg_dump`` is installed on this PC, a backup is its custom-format
dump of the database, and a restore is ``pg_restore --clean`` of one. Where it is not,
the program writes its own full export instead: every row of every table of the
program's, as gzipped JSON lines under a header naming the schema revision and each
table's row count; restoring one replaces every table's rows in one transaction and
sets each table's numbering to follow on. Either way, the database as it was is backed
up first, and after a restore the rows are counted (for the program's own export, against
the counts it was written with, before the restore commits) and the audit trail is
verified; a pg_dump restore is pg_restore's one transaction.
"""

from __future__ import annotations

import base64
import glob
import gzip
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Engine, Time, delete, func, insert, select, text

from app.errors import UserError
from app.models import load_all

EXPORT_FORMAT = "mutualdesk-server-export/1"
DUMP_MAGIC = b"PGDMP"
BYTES = "$base64"


def tool(name: str) -> str | None:
    """PostgreSQL's ``pg_dump`` or ``pg_restore`` here (the newest installed), or None."""
    if os.environ.get("MUTUALDESK_NO_PG_DUMP"):
        return None  # as on a PC without PostgreSQL's tools
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """The address as PostgreSQL's tools take it, and the environment with the password."""
    url = engine.url
    address = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return address, env


def _tables() -> list[Any]:
    return list(load_all().metadata.sorted_tables)


def counts(engine: Engine) -> dict[str, int]:
    """Rows in each of the program's tables."""
    with engine.connect() as connection:
        return _counts(connection)


def _counts(connection: Connection) -> dict[str, int]:
    return {
        t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()
    }


@dataclass(frozen=True)
class ServerBackup:
    """A finished backup: where, how it was made, the rows it holds."""

    path: Path
    kind: str  # "pg_dump" or "export"
    rows: int


def backup(engine: Engine, out: Path, revision: str) -> ServerBackup:
    """Back the whole database up to ``out`` (pg_dump where it is installed)."""
    if out.exists():
        raise UserError(f"'{out}' already exists: a backup is never written over.")
    held = counts(engine)
    dump = tool("pg_dump")
    if dump is not None:
        address, env = _libpq(engine)
        _private(out)  # every centre's people: readable by whoever runs the program only
        done = subprocess.run(
            [dump, "--format=custom", "--no-owner", "--file", str(out), address],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        if done.returncode != 0:
            out.unlink(missing_ok=True)
            raise UserError(f"pg_dump could not back the database up: {done.stderr.strip()}")
        return ServerBackup(out, "pg_dump", sum(held.values()))
    partial = out.with_name(out.name + ".partial")
    try:
        _private(partial)
        with (
            gzip.open(partial, "wt", encoding="utf-8") as stream,
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection,
            connection.begin(),
        ):  # one snapshot: the counts and rows agree
            held = _counts(connection)
            header = {"format": EXPORT_FORMAT, "revision": revision, "rows": held}
            stream.write(json.dumps(header) + "\n")
            for table in _tables():
                result = connection.execution_options(yield_per=2000).execute(
                    select(table).order_by(*table.primary_key)
                )
                for row in result.mappings():
                    line = {"t": table.name, "r": dict(row)}
                    stream.write(json.dumps(line, default=_plain) + "\n")
            stream.write(json.dumps({"end": sum(held.values())}) + "\n")
        partial.replace(out)  # only a whole export takes the name asked for
    finally:
        partial.unlink(missing_ok=True)
    return ServerBackup(out, "export", sum(held.values()))


def _private(path: Path) -> None:
    """Make ``path`` empty, readable and writable by its owner only, before it is filled."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)


def _plain(value: object) -> object:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, bytes):  # the organisation's logo
        return {BYTES: base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot write {type(value).__name__}")


def kind_of(path: Path) -> str:
    """'pg_dump' or 'export', from the file's first bytes; a plain message otherwise."""
    with path.open("rb") as stream:
        start = stream.read(5)
    if start == DUMP_MAGIC:
        return "pg_dump"
    if start[:2] == b"\x1f\x8b":
        return "export"
    raise UserError(f"'{path.name}' is not a backup of a server's database made by MutualDesk.")


def _typed(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    for column in table.c:
        value = row.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            row[column.name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            row[column.name] = date.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Time):
            row[column.name] = time.fromisoformat(value)
        elif isinstance(value, dict) and BYTES in value:
            row[column.name] = base64.b64decode(value[BYTES])
    return row


def restore(engine: Engine, path: Path, revision: str) -> dict[str, int]:
    """Replace the database's contents with the backup at ``path``; the rows it held."""
    kind = kind_of(path)
    if kind == "pg_dump":
        restorer = tool("pg_restore")
        if restorer is None:
            raise UserError(
                f"'{path.name}' was made by pg_dump, and PostgreSQL's pg_restore is not "
                "installed on this PC: restore it where it is, or install PostgreSQL's tools."
            )
        address, env = _libpq(engine)
        engine.dispose()
        done = subprocess.run(
            [restorer, "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--dbname", address, str(path)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        if done.returncode != 0:
            raise UserError(f"pg_restore could not restore the backup: {done.stderr.strip()}")
        return counts(engine)
    try:
        return _restore_export(engine, path, revision)
    except (EOFError, OSError, json.JSONDecodeError, KeyError) as error:  # rolled back
        raise UserError(
            f"'{path.name}' is damaged ({error.__class__.__name__}): nothing was restored."
        ) from None


def _restore_export(engine: Engine, path: Path, revision: str) -> dict[str, int]:
    tables = {t.name: t for t in _tables()}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        try:
            header = json.loads(stream.readline())
            assert header.get("format") == EXPORT_FORMAT
        except (ValueError, AssertionError, AttributeError):
            raise UserError(f"'{path.name}' is not a MutualDesk export of a server.") from None
        if header.get("revision") != revision:
            raise UserError(
                f"'{path.name}' is of schema {header.get('revision')}, and this database is "
                f"of {revision}: restore it with the version of MutualDesk that made it."
            )
        with engine.begin() as connection:
            for table in reversed(list(tables.values())):
                connection.execute(delete(table))
            later: list[tuple[Any, str, int, int]] = []
            batch: list[dict[str, Any]] = []
            current: str | None = None

            def flush() -> None:
                if batch and current is not None:
                    connection.execute(insert(tables[current]), batch)
                batch.clear()

            ended = False
            for line in stream:
                item = json.loads(line)
                if "end" in item:
                    ended = True
                    break
                if item["t"] != current:
                    flush()
                    current = item["t"]
                table = tables[item["t"]]
                row = _typed(table, item["r"])
                for fk in table.foreign_keys:  # a row naming a later row of its own table
                    column = fk.parent.name
                    if fk.column.table is table and (row[column] or 0) > row["id"]:
                        later.append((table, column, row["id"], row[column]))
                        row[column] = None
                batch.append(row)
                if len(batch) >= 2000:
                    flush()
            flush()
            for table, column, row_id, value in later:
                connection.execute(
                    table.update().where(table.c.id == row_id).values({column: value})
                )
            for table in tables.values():  # numbering follows on from the rows restored
                if [c.name for c in table.primary_key] == ["id"]:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
            held = {k: int(v) for k, v in header["rows"].items()}
            now = _counts(connection)
            if not ended or now != held:  # raised inside: nothing is changed
                raise UserError(
                    f"'{path.name}' is not a whole export (it stops before its end, or holds "
                    "other rows than its header says): nothing was restored."
                )
    return now
