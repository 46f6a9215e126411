"""The registers beside the cash book from the command line (`export debtors`,
`export creditors`, `export equipment`), formula-like names kept as text, and `check`
comparing the share ledger with the cash book."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from tests import raw
from tests.cli.conftest import Run

ADMIN = {"MUTUALDESK_PASSWORD": "mutualdesk"}


def _export(mutualdesk: Run, db: Path, name: str, out: Path) -> list[tuple[object, ...]]:
    done = mutualdesk("export", name, "--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    sheet = load_workbook(out).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_debtors_creditors_and_equipment_export(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """Each register is a table whose amounts are totalled by a formula; the demo's
    debtors, creditors and equipment are in them."""
    debtors = _export(mutualdesk, demo_db, "debtors", tmp_path / "debtors.xlsx")
    assert debtors[0][:2] == ("Who", "What")
    assert "St Mary's Nursery" in {r[0] for r in debtors}
    assert str(debtors[-1][4]).startswith("=SUM(E2:")
    creditors = _export(mutualdesk, demo_db, "creditors", tmp_path / "creditors.xlsx")
    paid = next(r for r in creditors if r[0] == "A1 Drains")
    assert str(paid[6]).startswith("Paid ")
    assert "Zurich Municipal" in {r[0] for r in creditors}
    equipment = _export(mutualdesk, demo_db, "equipment", tmp_path / "equipment.xlsx")
    assert equipment[0][:3] == ("Item", "Bought", "Cost")
    mower = next(r for r in equipment if r[0] == "Ride-on mower (Hayter)")
    assert mower[2] == 2350 and mower[3] == "Estate store"
    strimmer = next(r for r in equipment if r[0] == "Strimmer")
    assert strimmer[5] is not None  # disposed of, with its date


def test_a_member_named_like_a_formula_exports_as_text(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """A member whose name begins with a tab and '=' is written as text that no
    spreadsheet evaluates, in the member list and the share ledger."""
    path = tmp_path / "m.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["First name", "Surname", "Date Joined"], ["\t=1+1", "Okafor", "01/02/2010"]]
        )
    done = mutualdesk(
        "import", "members", str(path), "--db", str(demo_db), "--user", "admin",
        "--issue-shares", "paid", env=ADMIN,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    for name in ("member-list", "share-ledger"):
        out = tmp_path / f"{name}.xlsx"
        assert mutualdesk("export", name, "--db", str(demo_db), "--out", str(out)).returncode == 0
        sheet = load_workbook(out).active
        assert sheet is not None
        cells = [c for row in sheet.iter_rows() for c in row if "=1+1" in str(c.value or "")]
        assert cells, name
        assert all(c.data_type == "s" and c.quotePrefix for c in cells), name


def test_check_finds_share_money_missing_from_the_cash_book(
    mutualdesk_process: Run, demo_db: Path
) -> None:
    """The demo's share ledger and cash book agree; a receipt deleted behind the program's
    back (its seal then fails too) makes them differ, and `check` names the line."""
    done = mutualdesk_process("check", "--db", str(demo_db))
    assert done.returncode == 0, done.stdout  # type: ignore[attr-defined]
    assert "share ledger and the cash book agree" in done.stdout  # type: ignore[attr-defined]
    ((entry,),) = raw.sql(
        demo_db,
        "SELECT entry_id FROM share_money JOIN cash_entries ON cash_entries.id = entry_id "
        "WHERE kind = 'receipt' ORDER BY entry_id DESC LIMIT 1",
    )
    raw.sql(demo_db, "DELETE FROM share_money WHERE entry_id = ?", (entry,))
    raw.sql(demo_db, "DELETE FROM cash_entries WHERE id = ?", (entry,))
    done = mutualdesk_process("check", "--db", str(demo_db))
    assert done.returncode != 0
    out = done.stdout  # type: ignore[attr-defined]
    failed = [x for x in out.splitlines() if x.startswith("FAIL") and "share capital" in x]
    assert failed and "has no receipt recorded with it" in failed[0], out
