"""`mutualdesk export transactions|budget|council-pack` and `report budget|accounts` on the
demo's books, as a treasurer's script would run them; bad years and quarters refused."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import Run


def _year() -> int:
    """The year the demo's current financial year starts in (April to March)."""
    today = date.today()
    return today.year if today.month >= 4 else today.year - 1


def test_finance_exports_and_reports(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """Each writes its file and says so; the xlsx files open with their sheets."""
    year = str(_year())
    cases = [
        ("export", "transactions", ["--quarter", "1"], "xlsx"),
        ("export", "budget", [], "xlsx"),
        ("export", "council-pack", ["--quarter", "1"], "xlsx"),
        ("report", "budget", ["--quarter", "1"], "pdf"),
        ("report", "accounts", [], "pdf"),
        ("report", "transactions", [], "pdf"),
    ]
    for command, name, extra, suffix in cases:
        out = tmp_path / f"{name}-{command}.{suffix}"
        done = mutualdesk(
            command, name, "--db", str(demo_db), "--year", year, *extra, "--out", str(out)
        )
        assert done.returncode == 0, (name, done.stderr)
        assert out.exists() and out.stat().st_mode & 0o777 == 0o600
    book = load_workbook(tmp_path / "council-pack-export.xlsx")
    assert book.sheetnames == [
        "Cover", "Budget v actual", "Transactions", "Bank reconciliation", "Allowance received",
    ]  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "accounts-report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Receipts and payments account" in text and "Cash funds at the end" in text


def test_finance_bad_input(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """A year not set up, a quarter that does not exist, the pack as a PDF: plain
    messages, exit code 2, no file."""
    out = tmp_path / "x.xlsx"
    for args, message in (
        (["export", "transactions", "--year", "1999"], "No financial year starting in 1999"),
        (["export", "budget", "--year", "2026", "--quarter", "5"], "invalid choice"),
        (["report", "council-pack", "--year", "2026"], "is a workbook: use `mutualdesk export`"),
    ):
        done = mutualdesk(*args, "--db", str(demo_db), "--out", str(out))
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert not out.exists()


def test_allowance_export_lists_each_payment_and_what_settled_it(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """`export allowance`: the demo's last complete year, every quarter paid on time, the
    money due and received totalled as formulas."""
    from openpyxl import load_workbook

    out = tmp_path / "allowance.xlsx"
    done = mutualdesk(
        "export", "allowance", "--year", "2025", "--db", str(demo_db), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    quarters = [r for r in rows if r[1] is not None]
    assert len(quarters) == 4
    assert all(str(r[6]).startswith("Paid ") for r in quarters)
    assert all(r[2] == r[3] for r in quarters)  # each paid in full
    assert str(rows[-1][2]).startswith("=SUM(")


def test_agreements_export(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """`export agreements`: a row for each service the LMA pays for, the allowance totalled."""
    from openpyxl import load_workbook

    out = tmp_path / "agreements.xlsx"
    done = mutualdesk("export", "agreements", "--db", str(demo_db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:2] == ("Agreement", "With")
    assert {r[4] for r in rows[1:-1]} == {"Cleaning", "Grounds maintenance", "Caretaking"}
    assert rows[-1][5] == f"=SUM(F2:F{len(rows) - 1})"
