"""`mutualdesk import members`: exit codes, row-numbered messages, dry run, rejected rows."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from tests import raw
from tests.cli.conftest import Run

ADMIN = {"MUTUALDESK_PASSWORD": "mutualdesk"}
HEAD = ["First name", "Surname", "Post Code", "Email", "Date Joined"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _count(db: Path) -> int:
    return int(raw.sql(db, "SELECT count(*) FROM members")[0][0])


def _import(mutualdesk: Run, db: Path, path: Path, *extra: str) -> object:
    return mutualdesk(
        "import", "members", str(path), "--db", str(db), "--user", "admin", *extra, env=ADMIN
    )


def test_good_file_imports_and_exits_0(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A clean file is imported whole and the command says so."""
    path = _csv(tmp_path / "m.csv", [HEAD, ["Ada", "Okafor", "SE1 7PB", "", "01/02/2010"]])
    before = _count(demo_db)
    done = _import(mutualdesk, demo_db, path)
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    assert "Imported: 1" in done.stdout  # type: ignore[attr-defined]
    assert _count(demo_db) == before + 1


def test_bad_rows_exit_1_with_spreadsheet_row_numbers(
    mutualdesk_process: Run, demo_db: Path, tmp_path: Path
) -> None:
    """Each bad row is printed as 'row N:' counting the title and blank rows; nothing changes."""
    rows = [
        ["Members 2019"],
        [],
        HEAD,
        ["Ada", "Okafor", "", "", ""],
        [],
        ["Bo", "", "", "", "31/02/2019"],
    ]
    path = _csv(tmp_path / "m.csv", rows)
    before = _count(demo_db)
    done = _import(mutualdesk_process, demo_db, path)
    assert done.returncode == 1  # type: ignore[attr-defined]
    lines = done.stdout.splitlines()  # type: ignore[attr-defined]
    assert "row 6: Date joined '31/02/2019' is not a real date." in lines
    assert "row 6: Enter the last name." in lines
    assert _count(demo_db) == before


def test_dry_run_changes_nothing(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """--dry-run checks a good file, exits 0 and adds nobody."""
    path = _csv(tmp_path / "m.csv", [HEAD, ["Ada", "Okafor", "", "", ""]])
    before = _count(demo_db)
    done = _import(mutualdesk, demo_db, path, "--dry-run")
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    assert _count(demo_db) == before


def test_skip_invalid_with_rejected_file(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """--skip-invalid imports the good rows and --rejected writes the others with a reason."""
    path = _csv(
        tmp_path / "m.csv", [HEAD, ["Ada", "Okafor", "", "", ""], ["=cmd()", "", "", "", ""]]
    )
    out = tmp_path / "rejected.xlsx"
    before = _count(demo_db)
    done = _import(mutualdesk, demo_db, path, "--skip-invalid", "--rejected", str(out))
    assert done.returncode == 1  # type: ignore[attr-defined]
    assert _count(demo_db) == before + 1
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [*HEAD, "Reason"]
    assert sheet["A2"].value == "=cmd()" and sheet["A2"].data_type == "s"
    assert sheet["F2"].value == "Row 3: Enter the last name."


def test_user_errors_exit_2(mutualdesk_process: Run, demo_db: Path, tmp_path: Path) -> None:
    """Not a spreadsheet, or no headings: a plain message and exit code 2."""
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    done = _import(mutualdesk_process, demo_db, pdf)
    assert done.returncode == 2  # type: ignore[attr-defined]
    assert "'minutes.pdf' is not a CSV or Excel (.xlsx) file." in done.stderr  # type: ignore[attr-defined]
    done = _import(mutualdesk_process, demo_db, _csv(tmp_path / "n.csv", [["a", "b"], ["1", "2"]]))
    assert done.returncode == 2 and "no heading row" in done.stderr  # type: ignore[attr-defined]
