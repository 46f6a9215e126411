"""The command line: every command does what it says, and says plainly when it cannot."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app import __version__
from app.storage import lockfile, sqlite_file
from tests import raw
from tests.cli.conftest import Run

ADMIN = {"MUTUALDESK_PASSWORD": "mutualdesk"}


def _add_sam(mutualdesk: Run, demo_db: Path, env: dict[str, str]) -> Any:
    """`mutualdesk user add sam ...` as the demo administrator."""
    return mutualdesk(
        "user",
        "add",
        "sam",
        "--full-name",
        "S",
        "--role",
        "viewer",
        "--db",
        str(demo_db),
        "--user",
        "admin",
        env=env,
    )


def test_version(mutualdesk_process: Run) -> None:
    """--version prints the program's name and version."""
    done = mutualdesk_process("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"MutualDesk {__version__}"


def _members_digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT membership_number, given_name, family_name, category_id, email, "
            "postcode, joined_on, left_on FROM members ORDER BY 1"
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_demo_is_deterministic_for_a_seed(mutualdesk: Run, tmp_path: Path) -> None:
    """The same seed gives the same members; another seed gives others."""
    paths = [tmp_path / f"{name}.sqlite" for name in ("a", "b", "c")]
    for path, seed in zip(paths, ("3", "3", "4"), strict=True):
        done = mutualdesk("demo", "--db", str(path), "--members", "300", "--seed", seed)
        assert done.returncode == 0, done.stderr
        assert "300 members" in done.stdout
    assert _members_digest(paths[0]) == _members_digest(paths[1])
    assert _members_digest(paths[0]) != _members_digest(paths[2])


@pytest.mark.file_only("a file that exists (on a server: tests/federation)")
def test_demo_refuses_to_overwrite(mutualdesk: Run, demo_db: Path) -> None:
    """Demo will not write over an existing file."""
    done = mutualdesk("demo", "--db", str(demo_db))
    assert done.returncode == 2 and "already exists" in done.stderr


def test_list_users_json(mutualdesk: Run, demo_db: Path) -> None:
    """`list users --json` gives every account with its role."""
    done = mutualdesk("list", "users", "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stderr
    users = {u["username"]: u["role"] for u in json.loads(done.stdout)}
    assert users == {
        "admin": "administrator",
        "secretary": "secretary",
        "treasurer": "treasurer",
        "viewer": "viewer",
    }
    orgs = json.loads(mutualdesk("list", "organisations", "--db", str(demo_db), "--json").stdout)
    assert orgs[0]["name"] == "Riverside Tenant Management Organisation"
    assert orgs[0]["share_value"] == "1.00"


def test_check_passes_then_names_the_tampered_row(mutualdesk: Run, demo_db: Path) -> None:
    """check is clean on a good file, and names the first audit row that was altered."""
    done = mutualdesk("check", "--db", str(demo_db))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "chain intact" in done.stdout
    raw.sql(demo_db, "UPDATE audit_log SET after = '{}' WHERE id = 4")
    done = mutualdesk("check", "--db", str(demo_db))
    assert done.returncode == 1
    assert "audit trail broken at entry 4" in done.stdout


def test_user_add_needs_an_administrator(mutualdesk: Run, demo_db: Path) -> None:
    """A viewer cannot add a user even from the command line; an administrator can."""
    env = {"MUTUALDESK_PASSWORD": "mutualdesk", "MUTUALDESK_NEW_PASSWORD": "welcome-123"}
    args = (
        "user",
        "add",
        "sam",
        "--full-name",
        "Sam Ali",
        "--role",
        "secretary",
        "--db",
        str(demo_db),
    )
    refused = mutualdesk(*args, "--user", "viewer", env=env)
    assert refused.returncode == 2
    assert "may not manage users" in refused.stderr
    done = mutualdesk(*args, "--user", "admin", env=env)
    assert done.returncode == 0, done.stderr
    users = json.loads(mutualdesk("list", "users", "--db", str(demo_db), "--json").stdout)
    assert "sam" in [u["username"] for u in users]


def test_wrong_password_on_the_command_line(mutualdesk: Run, demo_db: Path) -> None:
    """A wrong password is refused with the same plain message as the app."""
    done = _add_sam(
        mutualdesk,
        demo_db,
        env={"MUTUALDESK_PASSWORD": "guess", "MUTUALDESK_NEW_PASSWORD": "x" * 9},
    )
    assert done.returncode == 2 and "user name or password is wrong" in done.stderr


@pytest.mark.file_only("backups of a file (a server is backed up by pg_dump)")
def test_backup_and_restore(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A backup restores the file as it was; the file before is kept; a viewer may not."""
    out = tmp_path / "usb" / "copy.sqlite"
    done = mutualdesk("backup", "--db", str(demo_db), "--out", str(out))
    assert done.returncode == 0 and "60 members" in done.stdout
    with sqlite3.connect(demo_db) as conn:
        conn.execute("DELETE FROM members")
    refused = mutualdesk("restore", str(out), "--db", str(demo_db), "--user", "viewer", env=ADMIN)
    assert refused.returncode == 2 and "may not back up and restore" in refused.stderr
    assert sqlite_file.row_counts(demo_db)["members"] == 0
    done = mutualdesk("restore", str(out), "--db", str(demo_db), "--user", "admin", env=ADMIN)
    assert done.returncode == 0, done.stderr
    assert sqlite_file.row_counts(demo_db)["members"] == 60
    assert "kept in" in done.stdout


@pytest.mark.file_only("backups of a file")
def test_encrypted_backup_wrong_passphrase(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A wrong passphrase is refused plainly and the database is left as it was."""
    out = tmp_path / "copy.mdbackup"
    done = mutualdesk(
        "backup",
        "--db",
        str(demo_db),
        "--out",
        str(out),
        "--encrypt",
        env={"MUTUALDESK_PASSPHRASE": "river-side-42"},
    )
    assert done.returncode == 0, done.stderr
    before = sqlite_file.row_counts(demo_db)
    done = mutualdesk(
        "restore",
        str(out),
        "--db",
        str(demo_db),
        "--user",
        "admin",
        env={**ADMIN, "MUTUALDESK_PASSPHRASE": "wrong-passphrase"},
    )
    assert done.returncode == 2 and "passphrase is wrong" in done.stderr
    after = sqlite_file.row_counts(demo_db)
    assert after["members"] == before["members"] == 60
    assert after["audit_log"] == before["audit_log"] + 1  # only the sign-in was recorded


@pytest.mark.file_only("backups of a file")
def test_truncated_backup_is_refused(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A backup cut short while copying is refused and nothing changes."""
    out = tmp_path / "copy.sqlite"
    mutualdesk("backup", "--db", str(demo_db), "--out", str(out))
    out.write_bytes(out.read_bytes()[:5000])
    before = sqlite_file.row_counts(demo_db)
    done = mutualdesk("restore", str(out), "--db", str(demo_db), "--user", "admin", env=ADMIN)
    assert done.returncode == 2 and "incomplete or damaged" in done.stderr
    assert sqlite_file.row_counts(demo_db)["members"] == before["members"]


@pytest.mark.file_only("a file that is not a database")
def test_not_a_database_and_newer_version(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A text file and a file from a newer version are refused with plain reasons."""
    text = tmp_path / "notes.sqlite"
    text.write_text("Minutes of the AGM\n", encoding="utf-8")
    done = mutualdesk("list", "users", "--db", str(text))
    assert done.returncode == 3 and "is not a MutualDesk database" in done.stderr
    assert text.read_text(encoding="utf-8") == "Minutes of the AGM\n"
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    done = mutualdesk("list", "users", "--db", str(demo_db))
    assert done.returncode == 3 and "newer version of MutualDesk" in done.stderr


@pytest.mark.file_only("the file's lock")
def test_writing_while_the_app_has_the_file(mutualdesk_process: Run, demo_db: Path) -> None:
    """A command that writes is refused while another copy holds the file, naming it."""
    held = lockfile.acquire(demo_db, purpose="MutualDesk")
    try:
        done = _add_sam(
            mutualdesk_process,
            demo_db,
            env={**ADMIN, "MUTUALDESK_NEW_PASSWORD": "welcome-123"},
        )
    finally:
        held.release()
    assert done.returncode == 3
    assert "already open in MutualDesk" in done.stderr
    listed = mutualdesk_process("list", "users", "--db", str(demo_db))  # reading still works
    assert listed.returncode == 0


def test_report_and_export(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """report writes a PDF and export a spreadsheet; an unknown name lists the real ones."""
    pdf, xlsx = tmp_path / "users.pdf", tmp_path / "audit.xlsx"
    assert mutualdesk("report", "users", "--db", str(demo_db), "--out", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert mutualdesk("export", "audit", "--db", str(demo_db), "--out", str(xlsx)).returncode == 0
    assert xlsx.read_bytes().startswith(b"PK")
    done = mutualdesk("report", "nonsense", "--db", str(demo_db), "--out", str(pdf))
    assert done.returncode == 2 and "Choose one of: users, audit" in done.stderr


def test_self_test(mutualdesk_process: Run) -> None:
    """self-test opens every page and renders a report, and says so."""
    done = mutualdesk_process("self-test", timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "opened Administration › Backups" in done.stdout
    assert "self-test passed" in done.stdout


def test_export_to_a_missing_folder(mutualdesk_process: Run, demo_db: Path, tmp_path: Path) -> None:
    """Writing into a folder that does not exist gets a plain message, not a traceback."""
    done = mutualdesk_process(
        "export", "users", "--db", str(demo_db), "--out", str(tmp_path / "no" / "such" / "u.xlsx")
    )
    assert done.returncode == 3
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr


def test_output_into_a_program_that_stops_reading_is_quiet(
    mutualdesk: Run, tmp_path: Path, home: Path
) -> None:
    """`mutualdesk list members --json | head` ends without an error message."""
    import os
    import subprocess
    import sys

    demo_db = tmp_path / "big.sqlite"  # far more output than a pipe holds
    assert mutualdesk("demo", "--db", str(demo_db), "--members", "1000").returncode == 0
    env = {**os.environ, "MUTUALDESK_HOME": str(home)}
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "list", "members", "--db", str(demo_db), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(20)
    child.stdout.close()  # as `head` does once it has its lines
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0
    assert "Broken pipe" not in err and "Traceback" not in err


def test_election_papers_from_the_command_line(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """The demo's declared election: the result as PDF and xlsx; ballot papers; bad input."""
    import openpyxl

    listed = json.loads(mutualdesk("list", "elections", "--db", str(demo_db), "--json").stdout)
    assert listed and listed[0]["state"] == "declared"
    election = str(listed[0]["id"])
    for args in (
        ("report", "result", "--out", str(tmp_path / "r.pdf")),
        ("report", "ballot-papers", "--copies", "2", "--out", str(tmp_path / "b.pdf")),
        ("export", "election-result", "--out", str(tmp_path / "r.xlsx")),
    ):
        done = mutualdesk(*args, "--election", election, "--db", str(demo_db))
        assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None and sheet.cell(1, 1).value == "Candidate"
    missing = mutualdesk("report", "result", "--db", str(demo_db), "--out", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "Say which election" in missing.stderr


def test_ballot_file_of_an_election_counts_the_same_elsewhere(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """The declared election's papers as .blt, counted by `count` with the stored seed, elect
    the same people: the count can be checked by any STV program."""
    listed = json.loads(mutualdesk("list", "elections", "--db", str(demo_db), "--json").stdout)
    election = listed[0]
    out = tmp_path / "e.blt"
    done = mutualdesk(
        "ballots", "--election", str(election["id"]), "--db", str(demo_db), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    stored = json.loads(raw.sql(demo_db, "SELECT count_json FROM elections")[0][0])
    again = mutualdesk(
        "count", str(out), "--method", election["method"], "--seed", stored["seed"], "--json"
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["elected"] == stored["elected"]
