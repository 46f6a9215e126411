"""A database file as an earlier version left it (for upgrade tests and the installer's
smoke test): made with today's code, then taken back a revision or more."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BEFORE_SEALS = "0005"


def as_the_last_version_left_it(path: Path, revision: str | None = None) -> str:
    """Take the closed file at ``path`` back to ``revision`` (the one before this
    version's, unless said): the schema downgraded, and the audit trail as that version
    would have written it. Before 0006 no version wrote a seal, and hashed an entry the
    older way; from 0006 on, seals name only the tables that revision had, and each row's
    digest is of the row as that revision holds it. Returns the revision."""
    from alembic import command

    from app.storage import anchor, migration
    from app.storage.engine import create_db_engine, sqlite_url
    from app.storage.revisions import KNOWN_REVISIONS

    revision = revision or KNOWN_REVISIONS[-2]
    engine = create_db_engine(sqlite_url(path), foreign_keys=False)
    with engine.begin() as connection:
        command.downgrade(migration.alembic_config(connection), revision)  # type: ignore[arg-type]
    engine.dispose()
    if revision <= BEFORE_SEALS:
        _hash_as_before_seals(path)
    else:
        _seal_as_then(path)
    anchor.forget(path)
    return revision


def _hash_as_before_seals(path: Path) -> None:
    from app.storage.audit_chain import GENESIS, HASHED, legacy_hash

    columns = ", ".join(c.key for c in HASHED)
    previous = GENESIS
    with sqlite3.connect(path) as conn:
        for row in conn.execute(f"SELECT id, {columns} FROM audit_log ORDER BY id").fetchall():
            made = legacy_hash(previous, tuple(row[1:]))
            conn.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                (previous, made, row[0]),
            )
            previous = made
    conn.close()


def _seal_as_then(path: Path) -> None:
    """Seals of dropped tables left out, the rest digesting the rows as they are now, and
    the chain hashed again over them."""
    from sqlalchemy import MetaData, Table, select
    from sqlalchemy.orm import Session

    from app.models import AuditEntry, load_all
    from app.storage import seals
    from app.storage.audit_chain import GENESIS, entry_hash
    from app.storage.engine import create_db_engine, sqlite_url

    engine = create_db_engine(sqlite_url(path), foreign_keys=False)
    old = MetaData()
    old.reflect(engine)
    models = load_all().metadata.tables
    then = MetaData()  # each table as the models declared it, less what the file lacks
    tables = [
        Table(name, then, *(c._copy() for c in models[name].c if c.name in found.c))
        for name, found in old.tables.items()
        if name in models and name not in seals.NOT_AUDITED
    ]
    try:
        with Session(engine) as session, session.begin():
            now: dict[str, dict[str, str]] = {
                table.name: dict(seals.current_digests(session, table)) for table in tables
            }
            previous = GENESIS
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
                if entry.seals:
                    entry.seals = "\n".join(
                        f"{name}\t{key}\t{now[name].get(key, digest)}"
                        for name, key, digest in seals.seal_lines(entry.seals)
                        if name in now
                    )
                entry.prev_hash = previous
                entry.hash = entry_hash(entry)
                previous = entry.hash
    finally:
        engine.dispose()
