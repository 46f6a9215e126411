"""Schema upgrades run at start-up, safely.

For a file that holds data: a verified backup first; the migration with
foreign keys off; then ``foreign_key_check`` and a row-count comparison; on
any mismatch or error the backup is put back and the person is told.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from app.errors import EnvironmentProblem
from app.storage import backups, sqlite_file
from app.storage.revisions import SCHEMA_HEAD

log = logging.getLogger(__name__)


def alembic_config(connection: object) -> object:
    """An Alembic Config for the bundled scripts, running on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def run_alembic_upgrade(url: str, *, target: str = SCHEMA_HEAD) -> None:
    """Bring the database at ``url`` to ``target`` (foreign keys off on SQLite)."""
    from alembic import command

    from app.storage.engine import create_db_engine

    engine = create_db_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), target)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _foreign_key_problems(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{row[0]} row {row[1]} refers to a missing {row[2]}" for row in rows]


def upgrade_file(path: Path, backup_folder: Path, *, target: str = SCHEMA_HEAD) -> None:
    """Upgrade a SQLite file to ``target``, restoring it on any failure."""
    from app.storage.engine import sqlite_url

    revision = sqlite_file.schema_revision(path)
    if revision is None:
        run_alembic_upgrade(sqlite_url(path), target=target)
        return
    log.info("Upgrading %s from schema %s to %s", path, revision, target)
    safety = backups.automatic_backup(path, backup_folder, "before-upgrade")
    before = sqlite_file.row_counts(path)
    try:
        run_alembic_upgrade(sqlite_url(path), target=target)
        problems = _foreign_key_problems(path)
        after = sqlite_file.row_counts(path)
        problems += [
            f"table {table} had {count} rows and now has {after.get(table, 0)}"
            for table, count in before.items()
            if table != "alembic_version" and after.get(table, 0) != count
        ]
    except Exception as exc:  # any failure at all means: put the file back
        problems = [f"{type(exc).__name__}: {exc}"]
    if problems:
        log.error("Upgrade of %s failed: %s; restoring %s", path, problems, safety.path)
        with closing(sqlite3.connect(safety.path)) as src, closing(sqlite3.connect(path)) as dst:
            src.backup(dst)
        raise EnvironmentProblem(
            f"MutualDesk could not upgrade '{path.name}' to this version ({problems[0]}). "
            f"The file has been put back exactly as it was (a copy is also in {safety.path}). "
            "Please report this, with the log file."
        )
