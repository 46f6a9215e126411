"""Journey 3: someone changes the file behind MutualDesk's back, and `check` says what.

Each tamper is done as anyone with the file could do it: with SQLite directly, or by
copying an old backup over the file. `mutualdesk check` must exit non-zero and name
what it found; an untouched file passes; a restore made through MutualDesk is
recorded, so it is explained rather than reported.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage.anchor import anchor_path
from tests.cli.conftest import run_in_process

Run = Callable[..., subprocess.CompletedProcess[str]]
pytestmark = pytest.mark.tampers
ADMIN = {"MUTUALDESK_PASSWORD": "mutualdesk"}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mutualdesk demo --members 30`, made once: its file and the anchor beside it."""
    folder = tmp_path_factory.mktemp("tamper-demo")
    path = folder / "demo.sqlite"
    made = run_in_process(
        ("demo", "--db", str(path), "--members", "30", "--seed", "3"),
        {"MUTUALDESK_HOME": str(folder / "home"), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def office_file(demo_file: Path, tmp_path: Path) -> Path:
    """This test's copy of the office's file, with its anchor, as a person copies a folder."""
    path = tmp_path / "office" / "tenants.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_file, path)
    shutil.copyfile(anchor_path(demo_file), anchor_path(path))
    return path


def sql(path: Path, statement: str) -> None:
    """What someone does with the sqlite3 tool (foreign keys off, as it starts)."""
    with sqlite3.connect(path) as conn:
        conn.execute(statement)
    conn.close()


def import_one_more(mutualdesk: Run, office_file: Path, tmp_path: Path) -> None:
    """Work done through the program: one more member imported, with a share."""
    more = tmp_path / "more.csv"
    more.write_text("First name,Last name,Postcode,Date joined,Shares\n"
                    "Grace,Hopper,E1 6AN,01/02/2024,1\n", encoding="utf-8")  # fmt: skip
    done = mutualdesk(
        "import", "members", str(more), "--db", str(office_file), "--user", "admin", env=ADMIN
    )
    assert done.returncode == 0, done.stderr


def failures(done: subprocess.CompletedProcess[str]) -> str:
    """The lines `check` marked FAIL."""
    return "\n".join(line for line in done.stdout.splitlines() if line.startswith("FAIL"))


def test_an_untouched_file_passes(mutualdesk: Run, office_file: Path) -> None:
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 0, done.stdout
    assert "every row matches its seal" in done.stdout
    assert "the trail contains the" in done.stdout  # the anchor agrees


def test_entries_removed_from_the_end_are_found(mutualdesk: Run, office_file: Path) -> None:
    # The last 20 entries of the audit trail are deleted: the chain that is left is intact,
    # but the anchor beside the file remembers how long it was.
    sql(office_file, "DELETE FROM audit_log WHERE id IN "
                     "(SELECT id FROM audit_log ORDER BY id DESC LIMIT 20)")  # fmt: skip
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "20 entries were removed from the end" in failures(done)


def test_a_name_changed_in_the_members_table_is_found(mutualdesk: Run, office_file: Path) -> None:
    sql(office_file, "UPDATE members SET family_name = 'Mallory' WHERE id = 3")
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "members: row 3 changed" in failures(done)


def test_a_deleted_member_is_found(mutualdesk: Run, office_file: Path) -> None:
    sql(office_file, "DELETE FROM member_consents WHERE member_id = 5")
    sql(office_file, "DELETE FROM members WHERE id = 5")
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "members: row 5 deleted" in failures(done)


def test_a_member_added_outside_the_program_is_found(mutualdesk: Run, office_file: Path) -> None:
    # A copy of member 1's row under a new number: a voter nobody admitted.
    with sqlite3.connect(office_file) as conn:
        names = [row[1] for row in conn.execute("PRAGMA table_info(members)") if row[1] != "id"]
        chosen = ", ".join("9999" if n == "membership_number" else n for n in names)
        conn.execute(
            f"INSERT INTO members ({', '.join(names)}) SELECT {chosen} FROM members WHERE id = 1"
        )
    conn.close()
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "members: row 31 added" in failures(done)


def test_an_edited_audit_entry_is_found(mutualdesk: Run, office_file: Path) -> None:
    sql(office_file, "UPDATE audit_log SET after = '{\"note\": \"nothing happened\"}' "
                     "WHERE id = 12")  # fmt: skip
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "audit trail broken at entry 12: this entry was changed" in failures(done)


def test_a_seal_rewritten_to_hide_a_change_breaks_the_chain(
    mutualdesk: Run, office_file: Path
) -> None:
    # A careful tamperer changes a row and then the seal that vouches for it: the entry
    # holding the seal no longer matches its hash.
    sql(office_file, "UPDATE members SET family_name = 'Mallory' WHERE id = 3")
    sql(office_file, "UPDATE audit_log SET seals = replace(seals, 'members' || char(9) || '3' "
                     "|| char(9), 'members' || char(9) || '3' || char(9) || 'x') "
                     "WHERE seals LIKE '%members' || char(9) || '3' || char(9) || '%'")  # fmt: skip
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "audit trail broken at entry" in failures(done)


def test_an_old_copy_put_over_the_file_is_found_unless_restored_through_the_program(
    mutualdesk: Run, office_file: Path, tmp_path: Path
) -> None:
    # The treasurer backs up, then more work is done.
    backup = tmp_path / "monday.sqlite"
    assert mutualdesk("backup", "--db", str(office_file), "--out", str(backup)).returncode == 0
    import_one_more(mutualdesk, office_file, tmp_path)
    # Someone copies Monday's backup over the file with the file manager.
    shutil.copyfile(backup, office_file)
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "an older copy of the file was put in its place" in failures(done)
    # The same restore made through MutualDesk is recorded beside the file, and explained.
    shutil.copyfile(backup, office_file)
    restored = mutualdesk(
        "restore", str(backup), "--db", str(office_file), "--user", "admin", env=ADMIN
    )
    assert restored.returncode == 0, restored.stderr
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 0, done.stdout
    assert "restored through MutualDesk from monday.sqlite" in done.stdout


def test_a_backup_ahead_of_the_file_is_found(
    mutualdesk: Run, office_file: Path, home: Path
) -> None:
    # A backup in the automatic backups folder records the trail as it was; then the file is
    # rewound outside the program and its anchor deleted too: the backup still tells.
    from app import paths

    folder = paths.backups_dir(office_file)
    done = mutualdesk("backup", "--db", str(office_file), "--out", str(folder / "daily.sqlite"))
    assert done.returncode == 0, done.stderr
    sql(office_file, "DELETE FROM audit_log WHERE id IN "
                     "(SELECT id FROM audit_log ORDER BY id DESC LIMIT 3)")  # fmt: skip
    anchor_path(office_file).unlink()
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "backups: the audit trail does not contain the end of the trail recorded in " \
           "daily.sqlite" in failures(done)  # fmt: skip


def test_a_seal_moved_into_the_entry_text_is_found(mutualdesk: Run, office_file: Path) -> None:
    # A careful tamperer puts a changed row back, then moves the newest entry's seals into
    # its text: the entry is hashed as a list of fields, so the text no longer matches.
    sql(office_file, "UPDATE audit_log SET after = after || char(31) || seals, seals = '' "
                     "WHERE id = (SELECT max(id) FROM audit_log)")  # fmt: skip
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "this entry was changed after it was written" in failures(done)


def test_an_emptied_trail_with_its_anchor_gone_is_found(mutualdesk: Run, office_file: Path) -> None:
    sql(office_file, "DELETE FROM audit_log")
    anchor_path(office_file).unlink()
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "the audit trail seals none of them" in failures(done)


def test_an_anchor_that_is_not_one_stops_nothing_and_is_reported(
    mutualdesk: Run, office_file: Path, tmp_path: Path
) -> None:
    # Something else written where the anchor goes: work carries on (the anchor is left as
    # it is, for whoever looks), and `check` says so.
    anchor_path(office_file).write_text("[]", encoding="utf-8")
    import_one_more(mutualdesk, office_file, tmp_path)
    assert anchor_path(office_file).read_text(encoding="utf-8") == "[]"
    done = mutualdesk("check", "--db", str(office_file))
    assert done.returncode == 1
    assert "is not an anchor MutualDesk wrote" in failures(done)
