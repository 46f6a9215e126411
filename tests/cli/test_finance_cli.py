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
        "Performance",
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
        (
            ["export", "budget", "--year", "2026", "--quarter", "5"],
            "There is no quarter 5: give 1, 2, 3 or 4.",
        ),
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


def test_the_examiners_pack_holds_the_books_and_the_scans(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """`export examiner-pack --year 2026 --out pack.zip`: the accounts (workbook and PDF),
    the transaction listing naming each scan, the bank reconciliation and the scans."""
    import zipfile

    from sqlalchemy import select

    from app.cli.support import open_target
    from app.models import Entry
    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD
    from app.services.finance import cashbook

    scan = tmp_path / "invoice.pdf"
    scan.write_bytes(b"%PDF-1.4 a scanned invoice")
    database = open_target(demo_db, read_only=False)
    try:
        treasurer = auth.sign_in(database.sessions, "treasurer", DEMO_PASSWORD).actor
        with database.sessions.begin() as session:
            entry = session.scalars(
                select(Entry).where(Entry.kind == "payment", Entry.dated >= date(2026, 4, 1))
            ).first()
            assert entry is not None
            name = cashbook.attach_scan(
                session, treasurer, entry.id, scan, cashbook.attachments_folder(database.path)
            )
    finally:
        database.close(backup=False)
    out = tmp_path / "pack.zip"
    done = mutualdesk(
        "export", "examiner-pack", "--year", "2026", "--db", str(demo_db), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert "4 documents and 1 scanned receipt" in done.stdout
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert f"examiner-pack-2026-27/receipts/{name}" in names
        assert {
            "examiner-pack-2026-27/accounts-2026-27.xlsx",
            "examiner-pack-2026-27/accounts-2026-27.pdf",
            "examiner-pack-2026-27/transactions-2026-27.xlsx",
            "examiner-pack-2026-27/bank-reconciliation-2026-27.pdf",
        } <= names
        archive.extract("examiner-pack-2026-27/transactions-2026-27.xlsx", tmp_path)
    listing = load_workbook(tmp_path / "examiner-pack-2026-27" / "transactions-2026-27.xlsx")
    sheet = listing.active
    assert sheet is not None
    assert sheet.cell(1, sheet.max_column).value == "Receipt scan"
    assert name in {row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    # A scan gone from its folder is named, and no pack is written.
    (cashbook.attachments_folder(database.path) / name).unlink()
    again = tmp_path / "again.zip"
    done = mutualdesk(
        "export", "examiner-pack", "--year", "2026", "--db", str(demo_db), "--out", str(again)
    )
    assert done.returncode == 2 and f"(such as {name})" in done.stderr
    assert not again.exists()
