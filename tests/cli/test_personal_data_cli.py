"""`mutualdesk subject-access` and `mutualdesk retention`: outputs, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests import raw
from tests.cli.conftest import Run

ADMIN = {"MUTUALDESK_PASSWORD": "mutualdesk"}
TODAY = "01/06/2026"


def _audit_actions(db: Path, action: str) -> list[tuple[str, str]]:
    found = raw.sql(db, "SELECT username, entity_id FROM audit_log WHERE action = ?", (action,))
    return [(str(a), str(b)) for a, b in found]


def _due(db: Path) -> list[int]:
    rows = raw.sql(
        db,
        "SELECT membership_number FROM members WHERE left_on < '2020-06-01' "
        "AND merged_into_id IS NULL ORDER BY membership_number",
    )
    return [r[0] for r in rows]


def test_subject_access_writes_each_format(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A membership officer gets PDF, xlsx and JSON, and each export is in the audit trail."""
    for ext in ("pdf", "xlsx", "json"):
        out = tmp_path / f"sar.{ext}"
        done = mutualdesk(
            "subject-access", "--member", "3", "--db", str(demo_db), "--out", str(out),
            "--user", "admin", env=ADMIN,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "member 3" in done.stdout and out.stat().st_size > 0
    data = json.loads((tmp_path / "sar.json").read_text(encoding="utf-8"))
    assert data["record"]["membership_number"] == 3
    assert "Share ledger" in load_workbook(tmp_path / "sar.xlsx").sheetnames
    assert (tmp_path / "sar.pdf").read_bytes().startswith(b"%PDF")
    assert len(_audit_actions(demo_db, "subject access")) == 3


def test_subject_access_says_plainly_when_it_cannot(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """A wrong extension, an unknown member or no user name: exit 2, a plain message, no file."""
    base = ("subject-access", "--db", str(demo_db))
    cases = (
        (("--member", "3", "--out", str(tmp_path / "a.docx"), "--user", "admin"), ".pdf, .xlsx"),
        (("--member", "999", "--out", str(tmp_path / "b.pdf"), "--user", "admin"), "no member"),
        (("--member", "3", "--out", str(tmp_path / "c.pdf")), "--user NAME"),
    )
    for args, message in cases:
        done = mutualdesk(*base, *args, env=ADMIN)
        assert done.returncode == 2, done.stderr
        assert message in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.glob("?.*"))
    assert _audit_actions(demo_db, "subject access") == []


def test_retention_lists_then_erases(mutualdesk: Run, demo_db: Path) -> None:
    """The list names who is due; --erase erases them and says how many; then nobody is due."""
    due = _due(demo_db)
    assert due, "the demo should have former members who left long ago"
    listed = mutualdesk("retention", "--db", str(demo_db), "--today", TODAY)
    assert listed.returncode == 0, listed.stderr
    assert f"{len(due)} former member" in listed.stdout
    no_user = mutualdesk("retention", "--db", str(demo_db), "--erase", "--today", TODAY, env=ADMIN)
    assert no_user.returncode == 2 and "--user NAME" in no_user.stderr
    erased = mutualdesk(
        "retention", "--db", str(demo_db), "--erase", "--user", "admin", "--today", TODAY,
        env=ADMIN,
    )  # fmt: skip
    assert erased.returncode == 0, erased.stderr
    assert f"Erased the personal details of {len(due)} former member" in erased.stdout
    assert len(_audit_actions(demo_db, "erase personal data")) == len(due)
    again = mutualdesk("retention", "--db", str(demo_db), "--today", TODAY)
    assert again.returncode == 0 and "Nobody is due" in again.stdout
    check = mutualdesk("check", "--db", str(demo_db))
    assert check.returncode == 0, check.stdout + check.stderr


def test_retention_will_not_erase_early(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """Erasing 'as on' a future date is refused; the due report is in the catalogue."""
    future = mutualdesk(
        "retention", "--db", str(demo_db), "--erase", "--user", "admin", "--today", "01/01/2099",
        env=ADMIN,
    )  # fmt: skip
    assert future.returncode == 2 and "future" in future.stderr
    out = tmp_path / "due.xlsx"
    exported = mutualdesk("export", "retention-due", "--db", str(demo_db), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("No.", "Name", "Date left", "Years since")
