"""Backups: verified copies with manifests, rotation, encryption, restore."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.errors import NewerDatabase, UserError
from app.storage import backups, sqlite_file
from app.storage.revisions import SCHEMA_HEAD


def _lose_members(session: object, where: str = "") -> None:
    """Delete members (and what refers to them), as a mistake a restore puts right."""
    from sqlalchemy import text

    session.execute(text("DELETE FROM officer_roles"))  # type: ignore[attr-defined]
    session.execute(text("UPDATE attendance SET member_id = NULL, proxy_for_id = NULL"))  # type: ignore[attr-defined]
    session.execute(text("UPDATE motions SET member_id = NULL"))  # type: ignore[attr-defined]
    for table in ("ballots", "ballot_batches", "roll_entries", "nominations", "board_memberships"):
        session.execute(text(f"DELETE FROM {table}"))  # type: ignore[attr-defined]
    for table, column in (
        ("share_transactions", "member_id"),
        ("membership_periods", "member_id"),
        ("member_consents", "member_id"),
    ):
        session.execute(  # type: ignore[attr-defined]
            text(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM members {where})")
        )
    session.execute(text(f"DELETE FROM members {where}"))  # type: ignore[attr-defined]


def test_backup_is_verified_and_described(demo: object, db_path: Path, tmp_path: Path) -> None:
    """A backup's manifest names the version, schema, counts, checksum and audit head."""
    made = backups.backup_to(db_path, tmp_path / "out" / "copy.sqlite")
    manifest = made.manifest
    assert manifest.row_counts["members"] == 40
    assert manifest.row_counts["users"] == 4
    assert manifest.schema_revision == SCHEMA_HEAD
    assert manifest.audit_head == sqlite_file.audit_head(db_path)
    assert len(manifest.sha256) == 64
    assert backups.verify_backup(made.path) == manifest
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.manifest_path(made.path).stat().st_mode) == 0o600


def _fake_automatic(folder: Path, db_path: Path, when: datetime, reason: str = "daily") -> Path:
    return backups.backup_to(
        db_path, folder / f"b-{when:%Y%m%d-%H%M%S}-{reason}.sqlite", reason=reason, now=when
    ).path


def test_rotation_keeps_7_daily_5_weekly_12_monthly(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """Two years of daily backups rotate down to the newest per day, week and month."""
    folder = tmp_path / "auto"
    start = datetime(2026, 11, 24, 17, 0)
    for day in range(0, 400, 3):
        _fake_automatic(folder, db_path, start - timedelta(days=day))
    backups.rotate(folder)
    kept = sorted(b.manifest.created for b in backups.list_backups(folder))
    days = {d.date() for d in kept}
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12
    assert {(start - timedelta(days=n)).date() for n in range(0, 21, 3)} <= days
    assert len(kept) <= 7 + 5 + 12
    assert kept[-1] == start


def test_rotation_keeps_the_newest_safety_copies(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """Copies made before upgrades and restores are kept, the five newest."""
    folder = tmp_path / "auto"
    start = datetime(2026, 1, 1)
    for n in range(8):
        _fake_automatic(folder, db_path, start + timedelta(hours=n), "before-restore")
    backups.rotate(folder)
    kept = backups.list_backups(folder)
    assert len(kept) == 5
    assert kept[0].manifest.created == start + timedelta(hours=7)


def test_daily_backup_due_once_a_day(demo: object, db_path: Path, tmp_path: Path) -> None:
    """After today's automatic backup, another is not due until tomorrow."""
    folder = tmp_path / "auto"
    now = datetime(2026, 11, 24, 9, 0)
    assert backups.backup_due(folder, now)
    _fake_automatic(folder, db_path, now)
    assert not backups.backup_due(folder, now + timedelta(hours=8))
    assert backups.backup_due(folder, now + timedelta(days=1))


def test_restore_brings_back_the_data_and_keeps_the_current_file(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """Restoring replaces the data, and the file as it was is kept as a backup first."""
    saved = backups.backup_to(db_path, tmp_path / "usb" / "saved.sqlite")
    with demo.sessions.begin() as session:  # type: ignore[attr-defined]
        _lose_members(session)
    folder = tmp_path / "auto"
    safety = backups.restore(saved.path, db_path, folder)
    assert sqlite_file.row_counts(db_path)["members"] == 40
    assert safety is not None and safety.manifest.members == 0


def test_encrypted_backup_round_trip_and_wrong_passphrase(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """An encrypted backup restores with its passphrase; a wrong one changes nothing."""
    made = backups.backup_to(db_path, tmp_path / "usb" / "b.mdbackup", passphrase="correct horse")
    assert b"Wr\xc3\xb3bel" not in made.path.read_bytes()  # no names in clear text
    with demo.sessions.begin() as session:  # type: ignore[attr-defined]
        _lose_members(session, "WHERE id > 10")
    with pytest.raises(UserError, match="passphrase is wrong"):
        backups.restore(made.path, db_path, tmp_path / "auto", passphrase="wrong horse")
    assert sqlite_file.row_counts(db_path)["members"] == 10
    backups.restore(made.path, db_path, tmp_path / "auto", passphrase="correct horse")
    assert sqlite_file.row_counts(db_path)["members"] == 40


def test_short_passphrase_is_refused(demo: object, db_path: Path, tmp_path: Path) -> None:
    """A passphrase too short to protect personal data is refused before anything is written."""
    with pytest.raises(UserError, match="at least 8 characters"):
        backups.backup_to(db_path, tmp_path / "b.mdbackup", passphrase="abc")
    assert not (tmp_path / "b.mdbackup").exists()


@pytest.mark.parametrize("keep_fraction", [0.5, 0.01])
def test_truncated_backup_is_refused(
    demo: object, db_path: Path, tmp_path: Path, keep_fraction: float
) -> None:
    """A backup that did not finish copying is refused, and the database is left alone."""
    made = backups.backup_to(db_path, tmp_path / "usb" / "b.sqlite")
    data = made.path.read_bytes()
    made.path.write_bytes(data[: max(1, int(len(data) * keep_fraction))])
    before = sqlite_file.row_counts(db_path)
    with pytest.raises(UserError, match="incomplete or damaged"):
        backups.restore(made.path, db_path, tmp_path / "auto")
    assert sqlite_file.row_counts(db_path) == before


def test_truncated_encrypted_backup_is_refused(demo: object, db_path: Path, tmp_path: Path) -> None:
    """A cut-short encrypted backup fails its check; nothing is restored."""
    made = backups.backup_to(db_path, tmp_path / "b.mdbackup", passphrase="correct horse")
    made.path.write_bytes(made.path.read_bytes()[:-500])
    with pytest.raises(UserError, match="passphrase is wrong, or the backup file is damaged"):
        backups.restore(made.path, db_path, tmp_path / "auto", passphrase="correct horse")
    assert sqlite_file.row_counts(db_path)["members"] == 40


def test_backup_from_newer_version_is_refused(demo: object, db_path: Path, tmp_path: Path) -> None:
    """A backup made by a newer version is not restored over this version's file."""
    import sqlite3

    made = backups.backup_to(db_path, tmp_path / "b.sqlite")
    backups.manifest_path(made.path).unlink()
    with sqlite3.connect(made.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerDatabase):
        backups.restore(made.path, db_path, tmp_path / "auto")
    assert sqlite_file.schema_revision(db_path) == SCHEMA_HEAD


def test_restoring_the_oldest_safety_copy_keeps_it(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """Restoring the oldest kept safety copy restores its data (rotation must not eat it)."""
    folder = tmp_path / "auto"
    start = datetime(2026, 1, 1)
    for n in range(backups.KEEP_SAFETY):
        _fake_automatic(folder, db_path, start + timedelta(hours=n), "before-restore")
    oldest = backups.list_backups(folder)[-1].path
    with demo.sessions.begin() as session:  # type: ignore[attr-defined]
        _lose_members(session)
    backups.restore(oldest, db_path, folder)
    assert sqlite_file.row_counts(db_path)["members"] == 40


def test_backup_onto_the_database_itself_is_refused(demo: object, db_path: Path) -> None:
    """Choosing the live file as the backup's name is refused and the file is untouched."""
    with pytest.raises(UserError, match="is the database itself"):
        backups.backup_to(db_path, db_path)
    assert sqlite_file.row_counts(db_path)["members"] == 40


def test_scans_of_receipts_are_backed_up_and_restored(
    demo: object, db_path: Path, tmp_path: Path
) -> None:
    """The attachments folder goes with every backup (encrypted when the backup is) and a
    restore brings back a scan that was lost."""
    from app.services.finance.cashbook import attachments_folder

    scans = attachments_folder(db_path)
    scans.mkdir()
    (scans / "000001-receipt.pdf").write_bytes(b"%PDF receipt for Wr\xc3\xb3bel")
    plain = backups.backup_to(db_path, tmp_path / "usb" / "plain.sqlite")
    kept = tmp_path / "usb" / f"{db_path.stem}-attachments" / "000001-receipt.pdf"
    assert kept.read_bytes() == b"%PDF receipt for Wr\xc3\xb3bel"
    secret = backups.backup_to(
        db_path, tmp_path / "safe" / "b.mdbackup", passphrase="correct horse"
    )
    hidden = secret.path.parent / f"{db_path.stem}-attachments" / "000001-receipt.pdf.enc"
    assert b"Wr\xc3\xb3bel" not in hidden.read_bytes()
    (scans / "000001-receipt.pdf").unlink()
    backups.restore(secret.path, db_path, tmp_path / "auto", passphrase="correct horse")
    assert (scans / "000001-receipt.pdf").read_bytes() == b"%PDF receipt for Wr\xc3\xb3bel"
    assert plain.path.exists()
