"""`mutualdesk report` and `export` for the membership reports, as a script would run them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from app import paths
from tests.cli.conftest import Run

TEMPLATE = paths.resources_dir() / "templates" / "agm-notice.txt"


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(pdf: Path) -> int:
    return _text(pdf).count("\f")


def test_every_pdf_report_writes(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """Each membership report comes out as a PDF with what it should say."""
    cases = {
        "member-list": ([], "Member list"),
        "register": ([], "Register of members"),
        "year-end": (["--year", "2024"], "Year-end figures 2024/25"),
        "labels": (["--label", "L7163", "--start", "3"], "London"),
        "letters": (["--template", str(TEMPLATE)], "Notice of the Annual General Meeting"),
        "certificate": (["--member", "2"], "Share certificate"),
    }
    for name, (extra, expected) in cases.items():
        out = tmp_path / f"{name}.pdf"
        done = mutualdesk("report", name, "--db", str(demo_db), "--out", str(out), *extra)
        assert done.returncode == 0, (name, done.stderr)
        assert expected in _text(out), name
        assert out.stat().st_mode & 0o777 == 0o600


def test_member_list_filters_from_the_command_line(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """--status and --category narrow the list; --columns chooses what it shows."""
    out = tmp_path / "list.pdf"
    done = mutualdesk(
        "report", "member-list", "--db", str(demo_db), "--out", str(out),
        "--status", "former", "--columns", "number,name,left", "--landscape", "--large-print",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    listed = json.loads(
        mutualdesk("list", "members", "--db", str(demo_db), "--json", "--status", "former").stdout
    )
    assert f"({len(listed)} rows)" in done.stdout
    assert "Former members" in _text(out) and "Left" in _text(out)
    every = json.loads(mutualdesk("list", "members", "--db", str(demo_db), "--json").stdout)
    assert len(every) == 60 and {"membership_number", "status", "shares"} <= set(every[0])


def test_spreadsheets_export(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """members, register and year-end export as spreadsheets with formula totals."""
    for name in ("members", "register", "year-end"):
        out = tmp_path / f"{name}.xlsx"
        done = mutualdesk("export", name, "--db", str(demo_db), "--out", str(out))
        assert done.returncode == 0, done.stderr
        sheet = load_workbook(out).active
        assert sheet is not None
        last = [c.value for c in sheet[sheet.max_row]]
        assert any(isinstance(v, str) and v.startswith("=SUM(") for v in last), name


def test_bad_input_gets_a_plain_message(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A missing member, a label start off the sheet, an unknown template field: plain words."""
    out = str(tmp_path / "x.pdf")
    db = str(demo_db)
    bad_template = tmp_path / "bad.txt"
    bad_template.write_text("Dear {first_name},", encoding="utf-8")
    cases = [
        (["certificate", "--member", "99999"], "There is no member number 99999"),
        (["certificate"], "give a membership number"),
        (["labels", "--start", "0"], "There is no label 0 on an L7160 sheet"),
        (["labels", "--start", "22"], "numbered 1 (top left) to 21"),
        (["labels", "--label", "L7163", "--start", "15"], "to 14"),
        (["letters", "--template", str(bad_template)], "{first_name}"),
        (["letters", "--template", str(tmp_path / "none.txt")], "There is no letter template"),
        (["letters"], "Choose a letter template"),
        (["member-list", "--category", "Martians"], "no member category called 'Martians'"),
    ]
    for args, message in cases:
        done = mutualdesk("report", *args, "--db", db, "--out", out)
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    done = mutualdesk("export", "labels", "--db", db, "--out", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2 and "printed document" in done.stderr


def test_the_register_and_minutes_print_where_the_audit_trail_stood(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """A printed register or set of minutes, kept in a file, anchors the audit trail: its
    footer gives the number of entries and the newest entry's hash when it was printed."""
    from tests import raw

    def footer() -> str:  # the trail as it stands (on a server, signing in is an entry too)
        length = raw.sql(demo_db, "SELECT count(*) FROM audit_log")[0][0]
        newest = raw.sql(demo_db, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")[0][0]
        return f"Audit trail when printed: {length:,} entries, the newest {newest[:16]}"

    register = tmp_path / "register.pdf"
    assert (
        mutualdesk("report", "register", "--db", str(demo_db), "--out", str(register)).returncode
        == 0
    )
    assert footer() in _text(register)
    listed = json.loads(mutualdesk("list", "meetings", "--json", "--db", str(demo_db)).stdout)
    approved = next(m["id"] for m in listed if m["status"] == "approved")
    minutes = tmp_path / "minutes.pdf"
    done = mutualdesk(
        "report", "minutes", "--meeting", str(approved), "--db", str(demo_db), "--out", str(minutes)
    )
    assert done.returncode == 0, done.stderr
    assert footer() in _text(minutes)
    member_list = tmp_path / "list.pdf"
    assert (
        mutualdesk(
            "report", "member-list", "--db", str(demo_db), "--out", str(member_list)
        ).returncode
        == 0
    )
    assert "Audit trail when printed" not in _text(member_list)


def test_share_ledger_and_voter_roll_as_spreadsheets(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """The share ledger and an election's roll export as tables: the ledger's totals are
    formulas over its lines; the roll says who had a paper and never how anyone voted."""
    ledger = tmp_path / "ledger.xlsx"
    done = mutualdesk("export", "share-ledger", "--db", str(demo_db), "--out", str(ledger))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(ledger).active
    assert sheet is not None
    headings = [c.value for c in sheet[1]]
    assert headings[:3] == ["No.", "Date", "What"] and "Amount" in headings
    last = sheet.max_row
    assert str(sheet.cell(last, headings.index("Shares") + 1).value).startswith("=SUM(")
    elections = json.loads(mutualdesk("list", "elections", "--json", "--db", str(demo_db)).stdout)
    frozen = next(e["id"] for e in elections if e["electors"])
    roll = tmp_path / "roll.xlsx"
    done = mutualdesk(
        "export", "voter-roll", "--election", str(frozen), "--db", str(demo_db), "--out", str(roll)
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(roll).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["Elector no.", "Member no.", "Name", "Paper issued"]
    issued = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert issued <= {"in person", "by post", "by proxy", None, ""}
