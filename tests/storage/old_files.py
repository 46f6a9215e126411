"""A database file as the version before this one left it (for upgrade tests and the
installer's smoke test): made with today's code, then taken back a revision."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def as_the_last_version_left_it(path: Path) -> str:
    """Take the closed file at ``path`` back to the revision before this one: the schema
    downgraded, and the audit chain's hashes made again without seals, as 0005 made them
    (an older version never wrote a seal). Returns the revision."""
    from alembic import command

    from app.models.schema import KNOWN_REVISIONS
    from app.storage import anchor, migration
    from app.storage.audit_chain import GENESIS, HASHED, legacy_hash
    from app.storage.engine import create_db_engine, sqlite_url

    revision = KNOWN_REVISIONS[-2]
    engine = create_db_engine(sqlite_url(path), foreign_keys=False)
    with engine.begin() as connection:
        command.downgrade(migration.alembic_config(connection), revision)  # type: ignore[arg-type]
    engine.dispose()
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
    anchor.forget(path)
    return revision
