"""Row seals and the anchor: what the program writes so that `check` can find tampering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Member
from app.services.upkeep.evidence import examine
from app.storage import anchor
from app.storage.database import open_database
from tests.storage.old_files import as_the_last_version_left_it


def _newest(db: Any) -> AuditEntry:
    with db.sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        _ = entry.seals  # loaded before the session closes
        return entry


def test_a_change_without_an_audit_entry_gets_one_of_its_own(demo: Any) -> None:
    """A unit of work that changed rows but named no action still leaves them sealed."""
    with demo.sessions.begin() as session:
        session.get_one(Member, 4).notes = "Rang about the lift"
    newest = _newest(demo)
    assert (newest.username, newest.action, newest.entity) == (
        "MutualDesk",
        "record changes",
        "rows",
    )
    assert newest.seals.startswith("members\t4\t")
    with demo.sessions() as session:
        assert examine(session).ok


def test_the_last_entry_of_a_unit_of_work_carries_its_seals(demo: Any) -> None:
    from app.services.membership import shares
    from tests.services.board_helpers import actor

    with demo.sessions.begin() as session:
        shares.issue_one_each(session, actor(demo), [4, 6], paid=True)
    newest = _newest(demo)
    assert newest.action == "issue shares"
    lines = newest.seals.splitlines()
    assert len(lines) == 2 and all(line.startswith("share_transactions\t") for line in lines)


def test_a_file_from_before_seals_is_sealed_once_upgraded(demo: Any, db_path: Path) -> None:
    """An older file has no seals: the upgrade seals every row, in one entry of the trail."""
    demo.close(backup=False)
    assert as_the_last_version_left_it(db_path, "0005") == "0005"
    reopened = open_database(db_path, daily_backup=False)
    try:
        newest = _newest(reopened)
        assert (newest.username, newest.action) == ("MutualDesk", "seal rows")
        with reopened.sessions() as session:
            found = examine(session, db_path)
        assert found.ok, [f.text for f in found.findings if not f.passed]
        assert "every row matches its seal" in " ".join(f.text for f in found.findings)
    finally:
        reopened.close(backup=False)


def test_the_anchor_moves_only_forward(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    anchor.advance(db, 10, "h10", "first", extends=True)
    anchor.advance(db, 8, "h8", "first", extends=True)  # shorter: rewound outside the program
    anchor.advance(db, 12, "h12", "first", extends=False)  # the anchored head is gone
    anchor.advance(db, 12, "h12", "other", extends=True)  # another file's chain
    held = anchor.read(db)
    assert held is not None and (held.length, held.head) == (10, "h10")
    anchor.advance(db, 11, "h11", "first", extends=True)
    assert anchor.read(db).length == 11  # type: ignore[union-attr]


def test_a_restore_through_the_program_is_recorded(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    anchor.advance(db, 10, "h10", "first", extends=True)
    anchor.rewind(db, "monday.sqlite", 6, "h6", "first")
    held = anchor.read(db)
    assert held is not None and (held.length, held.head) == (6, "h6")
    assert [(r.backup, r.from_length, r.to_length) for r in held.restores] == [
        ("monday.sqlite", 10, 6)
    ]


@pytest.mark.parametrize("text", ["", "not json", '{"length": "x"}'])
def test_an_unreadable_anchor_is_no_anchor(tmp_path: Path, text: str) -> None:
    db = tmp_path / "office.sqlite"
    anchor.anchor_path(db).write_text(text, encoding="utf-8")
    assert anchor.read(db) is None


def test_a_restore_in_the_app_rewinds_the_anchor_and_check_explains_it(
    demo: Any, db_path: Path, tmp_path: Path
) -> None:
    """Restoring an older backup from the Backups tab: the anchor follows the restored
    trail and says so, so `check` passes and names the restore instead of failing."""
    from app.services.membership import shares
    from app.services.upkeep.health import check_database
    from app.storage import backups
    from app.storage.database import restore_into
    from tests.services.board_helpers import actor

    made = backups.backup_to(db_path, tmp_path / "monday.sqlite", reason="manual")
    with demo.sessions.begin() as session:
        shares.issue_one_each(session, actor(demo), [4], paid=True)
    ahead = anchor.read(db_path)
    assert ahead is not None
    restore_into(demo, made.path)
    held = anchor.read(db_path)
    assert held is not None and held.length < ahead.length
    assert [(r.backup, r.from_length) for r in held.restores] == [("monday.sqlite", ahead.length)]
    report = check_database(db_path)
    assert report.ok, report.lines
    assert any("restored through MutualDesk from monday.sqlite" in line for line in report.lines)


def test_an_upgrade_cut_short_before_sealing_is_sealed_at_the_next_opening(
    demo: Any, db_path: Path
) -> None:
    """The upgrade ran but the program stopped before sealing: the next opening seals."""
    from app.services.upkeep.health import check_database
    from app.storage import migration

    demo.close(backup=False)
    as_the_last_version_left_it(db_path, "0005")
    migration.upgrade_file(db_path, db_path.parent / "backups")  # no sealing here
    reopened = open_database(db_path, daily_backup=False)
    try:
        assert _newest(reopened).action == "seal rows"
    finally:
        reopened.close(backup=False)
    assert check_database(db_path).ok


def test_an_anchor_of_an_empty_trail_anchors_nothing(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    anchor.rewind(db, "new.sqlite", 0, "", "")
    assert anchor.read(db) is None and not anchor.unreadable(db)
    anchor.advance(db, 3, "h3", "first", extends=True)
    assert anchor.read(db) is not None


def test_a_program_stopped_between_upgrade_and_sealing_seals_at_the_next_opening(
    demo: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade to 0007 committed, then the program stopped before sealing the grown
    rows again: the next opening seals them, and `check` finds nothing changed."""
    from app.services.upkeep.health import check_database
    from app.storage import reseal

    demo.close(backup=False)
    assert as_the_last_version_left_it(db_path, "0006") == "0006"

    def stopped(*_: Any) -> int:
        raise KeyboardInterrupt  # the power went, between the two units of work

    with monkeypatch.context() as patch:
        patch.setattr(reseal, "reseal_after_upgrade", stopped)
        with pytest.raises(KeyboardInterrupt):
            open_database(db_path, daily_backup=False)
    assert db_path.with_name(db_path.name + ".resealing").exists()
    reopened = open_database(db_path, daily_backup=False)
    try:
        assert "members\t1\t" in _newest(reopened).seals
    finally:
        reopened.close(backup=False)
    assert not db_path.with_name(db_path.name + ".resealing").exists()
    failed = [line for line in check_database(db_path).lines if line.startswith("FAIL")]
    assert not failed


@pytest.mark.parametrize("tampered", [False, pytest.param(True, marks=pytest.mark.tampers)])
def test_a_column_added_by_an_upgrade_keeps_the_seals_honest(
    demo: Any, db_path: Path, tampered: bool
) -> None:
    """0007 added a column to the organisation's row (and to the members'), which changes
    their digests: after the upgrade a row is sealed again if it matched its seal before,
    and if it was changed outside the program before the upgrade, `check` still says so."""
    import sqlite3

    from app.services.upkeep.health import check_database

    demo.close(backup=False)
    assert as_the_last_version_left_it(db_path, "0006") == "0006"
    if tampered:
        with sqlite3.connect(db_path) as conn:
            conn.execute("UPDATE organisations SET name = 'Someone else' WHERE id = 1")
        conn.close()
    reopened = open_database(db_path, daily_backup=False)
    try:
        newest = _newest(reopened)
        assert (newest.username, newest.action) == ("MutualDesk", "seal rows")
        assert "members\t1\t" in newest.seals  # members gained a column too (version)
        assert ("organisations\t1\t" in newest.seals) is not tampered
    finally:
        reopened.close(backup=False)
    failed = [line for line in check_database(db_path).lines if line.startswith("FAIL")]
    if tampered:
        assert failed == ["FAIL  rows changed without an audit entry: organisations: row 1 changed"]
    else:
        assert not failed
