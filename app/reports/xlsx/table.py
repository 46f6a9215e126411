"""A TableReport as a spreadsheet a council officer can open, check and total.

Bold frozen header row, autofilter, column widths to fit, real dates, money
as numbers in a £ format, totals as SUM formulas, and any text that starts
with = + - or @ stored as text, never as a formula.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.reports.common import (
    Cell,
    ColumnKind,
    TableReport,
    cell_text,
    make_private,
    uk_datetime,
)

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
DATE_FORMAT = "DD/MM/YYYY"
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_WIDTH = 60


def _put(sheet: Worksheet, row: int, col: int, value: Cell, kind: ColumnKind) -> int:
    """Write one cell; returns its display width."""
    cell = sheet.cell(row=row, column=col)
    if value is None:
        return 0
    if kind is ColumnKind.MONEY and isinstance(value, Decimal | int):
        cell.value = Decimal(value)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | Decimal):
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    return len(cell_text(value, kind))


def write(report: TableReport, out: Path | BinaryIO) -> None:
    """Write ``report`` as a one-sheet workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.title[:31].replace("/", "-")
    widths = [len(c.heading) for c in report.columns]
    bold = Font(bold=True)
    for col, column in enumerate(report.columns, start=1):
        cell = sheet.cell(row=1, column=col, value=column.heading)
        cell.font = bold
    for r, row in enumerate(report.rows, start=2):
        for c, (value, column) in enumerate(zip(row, report.columns, strict=True), start=1):
            widths[c - 1] = max(widths[c - 1], _put(sheet, r, c, value, column.kind))
    last = len(report.rows) + 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(report.columns))}{last}"
    if any(c.total for c in report.columns) and report.rows:
        total_row = last + 1
        sheet.cell(row=total_row, column=1, value="Total").font = bold
        for c, column in enumerate(report.columns, start=1):
            if column.total:
                letter = get_column_letter(c)
                cell = sheet.cell(row=total_row, column=c, value=f"=SUM({letter}2:{letter}{last})")
                cell.number_format = MONEY_FORMAT if column.kind is ColumnKind.MONEY else "0"
                cell.font = bold
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 3)
    book.properties.creator = "MutualDesk"
    book.properties.title = f"{report.title} — {report.letterhead.organisation}"
    book.properties.description = f"Generated {uk_datetime(report.generated)}"
    book.save(out)
    make_private(out)
