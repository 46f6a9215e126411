"""The spreadsheet base, read back as a council officer's spreadsheet would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.reports.xlsx import table as xlsx_table
from app.services.common.reports import Column, ColumnKind, Letterhead, TableReport


def _report() -> TableReport:
    return TableReport(
        title="Receipts",
        letterhead=Letterhead("Riverside TMO"),
        generated=datetime(2026, 11, 24, 9, 30),
        columns=(
            Column("Payer"),
            Column("Date", ColumnKind.DATE),
            Column("Amount", ColumnKind.MONEY, total=True),
            Column("Note"),
        ),
        rows=(
            ('=HYPERLINK("http://x")', date(2026, 4, 1), Decimal("10.10"), "+44 20 7946 0000"),
            ("Zoë Wróbel", date(2026, 5, 2), Decimal("0.20"), "-5 adjustment"),
            ("@risk Ltd", date(2026, 6, 3), Decimal("1234.56"), ""),
        ),
    )


def test_spreadsheet_is_well_formed(tmp_path: Path) -> None:
    """Bold frozen header, filter, real dates, £ numbers, a SUM total, no formulas from text."""
    path = tmp_path / "receipts.xlsx"
    xlsx_table.write(_report(), path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["Payer", "Date", "Amount", "Note"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet["B2"].value == datetime(2026, 4, 1) and sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["C2"].value == 10.1 and "£" in sheet["C2"].number_format
    assert sheet["C5"].value == "=SUM(C2:C4)"
    # text that looks like a formula stays text
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["D2"].data_type == "s" and sheet["D3"].data_type == "s"
    assert sheet["A4"].data_type == "s"
    assert sheet.column_dimensions["A"].width >= len("Zoë Wróbel")
    assert path.stat().st_mode & 0o777 == 0o600  # it names people: owner only


def test_days_and_times_read_back_as_written(tmp_path: Path) -> None:
    """Days are counted as Excel counts them, times of day kept to the second, and the
    early days Excel itself counts wrongly (before March 1900) still read back right."""
    when = (date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(1958, 7, 5))
    report = TableReport(
        title="Days",
        letterhead=Letterhead("Riverside TMO"),
        generated=datetime(2026, 11, 24, 9, 30),
        columns=(Column("Day", ColumnKind.DATE), Column("At")),
        rows=tuple((day, datetime(2026, 12, 4, 21, 33, 56)) for day in when),
    )
    path = tmp_path / "days.xlsx"
    xlsx_table.write(report, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    days = [sheet.cell(row, 1).value for row in range(2, 6)]
    assert days == [datetime(d.year, d.month, d.day) for d in when]
    assert sheet["B2"].value == datetime(2026, 12, 4, 21, 33, 56)
    assert sheet["B2"].number_format == "DD/MM/YYYY HH:MM"


def test_totals_agree_to_the_penny() -> None:
    """The report's own total is exact in Decimal (no float drift)."""
    assert _report().totals()[2] == Decimal("1244.86")


def test_text_a_spreadsheet_would_run_is_marked_as_text(tmp_path: Path) -> None:
    """Cells starting with = + - @, a tab or a carriage return carry the quote prefix, so
    no spreadsheet evaluates them; ordinary text does not."""
    report = _report()
    rows = (*report.rows, ("\t=1+1", date(2026, 7, 4), Decimal("1"), "\r=cmd|' /C calc'!A0"))
    path = tmp_path / "receipts.xlsx"
    xlsx_table.write(replace(report, rows=rows), path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A5"].quotePrefix and sheet["D5"].quotePrefix
    assert sheet["A2"].quotePrefix and sheet["D3"].quotePrefix and sheet["A4"].quotePrefix
    assert not sheet["A3"].quotePrefix  # Zoë Wróbel is plain text
