"""Opening files: new, locked, not a database, damaged, newer, read-only."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from app.errors import DatabaseDamaged, DatabaseLocked, NewerDatabase, NotADatabase
from app.storage import sqlite_file
from app.storage.database import open_database
from app.storage.revisions import SCHEMA_HEAD


def test_new_file_is_created_private_and_migrated(db_path: Path) -> None:
    """A new database is made at the newest schema, readable by its owner only."""
    db = open_database(db_path)
    db.close(backup=False)
    assert sqlite_file.schema_revision(db_path) == SCHEMA_HEAD
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_sqlite_settings(database: object) -> None:
    """The file runs in WAL mode with foreign keys on and full sync (committed means durable)."""
    with database.engine.connect() as conn:  # type: ignore[attr-defined]
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_second_writer_is_told_who_holds_the_file(database: object, db_path: Path) -> None:
    """A second copy on the same file is refused, names the holder, and may open read-only."""
    with pytest.raises(DatabaseLocked) as caught:
        open_database(db_path)
    assert "already open" in caught.value.message
    assert "Close it there first, or open this file read-only" in caught.value.message
    assert caught.value.holder["pid"]
    reader = open_database(db_path, read_only=True)
    try:
        assert reader.read_only
    finally:
        reader.close()


def test_text_file_is_not_a_database(tmp_path: Path) -> None:
    """A file that is not a database is refused with a plain message and left untouched."""
    path = tmp_path / "members.sqlite"
    path.write_text("name,postcode\nZoë Wróbel,SE1 7PB\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match="is not a MutualDesk database"):
        open_database(path)
    assert path.read_bytes() == before


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    """A SQLite file made by another program is not taken over."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match="not one MutualDesk made"):
        open_database(path)
    assert path.read_bytes() == before


def test_newer_version_is_refused_untouched(database: object, db_path: Path) -> None:
    """A file written by a newer version is refused and not changed at all."""
    database.close(backup=False)  # type: ignore[attr-defined]
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version of MutualDesk"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(12, len(data) // 4096):  # scribble over the header of every later page
        for offset in range(page * 4096, page * 4096 + 16):
            data[offset] = 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.tampers
def test_damaged_file_opens_nothing_for_writing(demo: object, db_path: Path) -> None:
    """A damaged file is reported as damaged, and nothing is written to it."""
    demo.close(backup=False)  # type: ignore[attr-defined]
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged, match="is damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_new_file_in_a_new_folder(tmp_path: Path) -> None:
    """Asking for a file in a folder that does not exist yet makes the folder."""
    path = tmp_path / "Documents" / "TMO" / "riverside.sqlite"
    db = open_database(path)
    db.close(backup=False)
    assert sqlite_file.schema_revision(path) == SCHEMA_HEAD


@pytest.mark.tampers
def test_early_check_finds_damage_before_the_file_opens(demo: object, db_path: Path) -> None:
    """The check started as the program starts is the one used, and it still refuses."""
    demo.close(backup=False)  # type: ignore[attr-defined]
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(db_path)
    early = sqlite_file.EarlyCheck(db_path)
    assert early.problems_for(db_path.resolve())
    with pytest.raises(DatabaseDamaged):
        open_database(db_path, early_check=early)


@pytest.mark.tampers
def test_early_check_is_not_trusted_after_the_file_changed(demo: object, db_path: Path) -> None:
    """A file changed since the early check is checked again."""
    demo.close(backup=False)  # type: ignore[attr-defined]
    early = sqlite_file.EarlyCheck(db_path)
    assert early.problems_for(db_path.resolve()) == []
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(db_path)
    assert early.problems_for(db_path.resolve()) is None
    with pytest.raises(DatabaseDamaged):
        open_database(db_path, early_check=early)
