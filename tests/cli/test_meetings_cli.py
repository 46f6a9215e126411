"""`mutualdesk list meetings`, the meeting papers and the meeting spreadsheets from the
command line, run on the demo as a secretary's script would."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import Run


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_meetings_listed_and_their_papers_written(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """The demo's year of meetings lists as JSON; each paper of one writes and says what it
    should; notice letters leave out those who chose email and list them beside."""
    done = mutualdesk("list", "meetings", "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    statuses = {m["status"] for m in listed}
    assert {"locked", "approved", "draft", "planned"} <= statuses
    assert sum(m["kind"] == "agm" for m in listed) == 2
    approved = next(m for m in listed if m["status"] == "approved" and m["kind"] == "board")
    planned = next(m for m in listed if m["status"] == "planned")
    expected = {
        "minutes": (approved, "Approved as a true record"),
        "agenda": (planned, "Matters arising"),
        "sign-in": (planned, "Signature"),
        "actions": (approved, "Action log"),
        "notice-letters": (planned, "Notice of meeting: Board meeting"),
    }
    for name, (meeting, words) in expected.items():
        out = tmp_path / f"{name}.pdf"
        done = mutualdesk(
            "report", name, "--meeting", str(meeting["id"]), "--db", str(demo_db), "--out", str(out)
        )
        assert done.returncode == 0, (name, done.stderr)
        assert words in _text(out), name
        assert out.stat().st_mode & 0o777 == 0o600
    emails = tmp_path / "notice-letters-emails.csv"
    if emails.exists():  # some board members chose email in this demo
        with emails.open(encoding="utf-8") as handle:
            chosen = [row["Name"] for row in csv.DictReader(handle)]
        letters = _text(tmp_path / "notice-letters.pdf")
        assert chosen and all(f"Dear {name.split()[1]}," not in letters for name in chosen)


def test_attendance_and_actions_exported(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """Attendance has a row per person per meeting held; actions one per action."""
    listed = json.loads(mutualdesk("list", "meetings", "--db", str(demo_db), "--json").stdout)
    held = [m for m in listed if m["status"] not in ("planned", "notice_sent")]
    for name in ("attendance", "actions"):
        out = tmp_path / f"{name}.xlsx"
        done = mutualdesk("export", name, "--db", str(demo_db), "--out", str(out))
        assert done.returncode == 0, done.stderr
        rows = list(load_workbook(out).active.iter_rows(values_only=True))
        if name == "attendance":
            titles = {m["title"] for m in held}
            assert {r[0] for r in rows if r[0] in titles} == titles
        else:
            assert any("Open" in r or "Done" in r for r in rows)


def test_meeting_papers_bad_input(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """No --meeting, a meeting that does not exist, minutes of a meeting not yet held:
    a plain message, exit code 2, and no file."""
    listed = json.loads(mutualdesk("list", "meetings", "--db", str(demo_db), "--json").stdout)
    planned = next(m for m in listed if m["status"] == "planned")
    out = tmp_path / "x.pdf"
    for extra, message in (
        ([], "Choose the meeting"),
        (["--meeting", "999"], "There is no meeting 999"),
        (["--meeting", str(planned["id"])], "has not been held yet"),
    ):
        done = mutualdesk("report", "minutes", *extra, "--db", str(demo_db), "--out", str(out))
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert not out.exists()
