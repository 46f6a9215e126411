"""Schema upgrades: backup first, checks after, the file put back on any mismatch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from app.errors import EnvironmentProblem
from app.storage import backups, migration, sqlite_file
from app.storage.revisions import KNOWN_REVISIONS, SCHEMA_HEAD


def test_known_revisions_match_the_migration_scripts() -> None:
    """Start-up's list of revisions is the one Alembic would run (else files are misjudged)."""
    config = migration.alembic_config(None)
    scripts = ScriptDirectory.from_config(config)  # type: ignore[arg-type]
    assert scripts.get_current_head() == SCHEMA_HEAD
    walked = [rev.revision for rev in scripts.walk_revisions()]
    assert sorted(walked) == sorted(KNOWN_REVISIONS)


def _pretend_old(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")


@pytest.fixture
def old_file(demo: object, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo file, closed, looking as if an older version wrote it."""
    demo.close(backup=False)  # type: ignore[attr-defined]
    monkeypatch.setattr(migration, "sqlite_file", sqlite_file)
    return db_path


def _counts(path: Path) -> dict[str, int]:
    return sqlite_file.row_counts(path)


def test_good_upgrade_keeps_every_row_and_a_backup(
    old_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A successful upgrade changes the schema, keeps all rows, and leaves a verified backup."""
    before = _counts(old_file)

    def upgrade(url: str, *, target: str = SCHEMA_HEAD) -> None:
        with sqlite3.connect(old_file) as conn:
            conn.execute("ALTER TABLE members ADD COLUMN nickname TEXT DEFAULT ''")
            conn.execute("UPDATE alembic_version SET version_num = ?", (target,))

    monkeypatch.setattr(migration, "run_alembic_upgrade", upgrade)
    folder = tmp_path / "backups"
    migration.upgrade_file(old_file, folder)
    assert _counts(old_file) == before
    made = backups.list_backups(folder)
    assert [b.manifest.reason for b in made] == ["before-upgrade"]
    backups.verify_backup(made[0].path)


@pytest.mark.parametrize(
    ("sabotage", "reason"),
    [
        ("DELETE FROM audit_log WHERE id % 2 = 0", "rows"),
        (
            "INSERT INTO members (organisation_id, membership_number, given_name, family_name, "
            "category_id, postcode, joined_on) VALUES (999, 99999, 'A', 'B', 1, '', '2020-01-01')",
            "refers to a missing",
        ),
    ],
)
def test_bad_upgrade_puts_the_file_back(
    old_file: Path, tmp_path: Path, sabotage: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If an upgrade loses rows or breaks a reference, the file is restored and the user told."""
    _pretend_old(old_file)
    before = _counts(old_file)

    def upgrade(url: str, *, target: str = SCHEMA_HEAD) -> None:
        with sqlite3.connect(old_file) as conn:
            conn.execute(sabotage)
            conn.execute("UPDATE alembic_version SET version_num = ?", (target,))

    monkeypatch.setattr(migration, "run_alembic_upgrade", upgrade)
    with pytest.raises(EnvironmentProblem, match="put back exactly as it was") as caught:
        migration.upgrade_file(old_file, tmp_path / "backups")
    assert reason in caught.value.message
    assert _counts(old_file) == before
    assert sqlite_file.schema_revision(old_file) == "0000"


def test_upgrade_that_crashes_is_rolled_back(
    old_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception half-way through a migration leaves the file as it was."""
    _pretend_old(old_file)
    before = _counts(old_file)

    def upgrade(url: str, *, target: str = SCHEMA_HEAD) -> None:
        with sqlite3.connect(old_file) as conn:
            conn.execute("DELETE FROM audit_log")
        raise RuntimeError("migration script bug")

    monkeypatch.setattr(migration, "run_alembic_upgrade", upgrade)
    with pytest.raises(EnvironmentProblem, match="migration script bug"):
        migration.upgrade_file(old_file, tmp_path / "backups")
    assert _counts(old_file) == before


def test_migrations_build_exactly_the_models(database: object) -> None:
    """A new file made by the migrations has every table, column and index the models expect."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.models import load_all

    with database.engine.connect() as conn:  # type: ignore[attr-defined]
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, load_all().metadata) == []


def test_real_upgrade_from_0001_makes_categories_periods_and_keeps_members(tmp_path: Path) -> None:
    """A file written by the first release gets categories and periods; no member is lost."""
    from app.storage.engine import sqlite_url

    path = tmp_path / "first-release.sqlite"
    migration.run_alembic_upgrade(sqlite_url(path), target="0001")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO organisations (id, name, kind, legal_form, registration_number, address,"
            " postcode, fy_start_month, fy_start_day, share_value_pence, idle_lock_minutes,"
            " created_at) VALUES (1, 'Old TMO', 'tmo', '', '', '', '', 4, 1, 100, 10,"
            " '2025-01-01 00:00:00')"
        )
        conn.executemany(
            "INSERT INTO members (organisation_id, membership_number, given_name, family_name,"
            " category, postcode, joined_on, left_on) VALUES (1, ?, ?, 'Wróbel', ?, 'SE1 7PB',"
            " '2020-01-01', ?)",
            [
                (1, "Zoë", "tenant", None),
                (2, "Ann", "Tenant ", "2021-05-01"),
                (3, "Bo", "TMO Board", None),
                (4, "Cy", "", None),
            ],
        )
    migration.upgrade_file(path, tmp_path / "backups")
    assert sqlite_file.schema_revision(path) == SCHEMA_HEAD
    with sqlite3.connect(path) as conn:
        cats = conn.execute(
            "SELECT name, is_default FROM member_categories ORDER BY name"
        ).fetchall()
        members = conn.execute(
            "SELECT m.given_name, c.name, m.search_text FROM members m"
            " JOIN member_categories c ON c.id = m.category_id ORDER BY m.membership_number"
        ).fetchall()
        periods = conn.execute("SELECT count(*), count(left_on) FROM membership_periods").fetchone()
    assert cats == [("Member", 0), ("TMO Board", 0), ("Tenant", 1)]
    assert [(m[0], m[1]) for m in members] == [
        ("Zoë", "Tenant"),
        ("Ann", "Tenant"),
        ("Bo", "TMO Board"),
        ("Cy", "Member"),
    ]
    assert "zoe wrobel" in members[0][2] and "se17pb" in members[0][2]
    assert periods == (4, 1)
