"""A SectionedReport as a workbook: a contents sheet, then one sheet per section.

Dates are real dates (dd/mm/yyyy), money numbers in a £ format, and text that
starts with = + - @, a tab or a carriage return is stored as text, never as a formula.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.reports.xlsx.table import (
    DATE_FORMAT,
    FORMULA_STARTS,
    MAX_WIDTH,
    MONEY_FORMAT,
    sheet_name,
)
from app.services.common.reports import Cell, ColumnKind, cell_text, make_private, uk_datetime
from app.services.common.sections import Section, SectionedReport


def _put(cell: Any, value: Cell, kind: ColumnKind) -> None:
    if isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = MONEY_FORMAT if kind is ColumnKind.MONEY else "0.00"
    elif isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.value = value


def _section_sheet(book: Workbook, section: Section, name: str) -> None:
    sheet = book.create_sheet(name)
    bold = Font(bold=True)
    widths = [len(c.heading) for c in section.columns]
    for index, column in enumerate(section.columns, start=1):
        sheet.cell(row=1, column=index, value=column.heading).font = bold
    for r, row in enumerate(section.rows, start=2):
        for index, (value, column) in enumerate(zip(row, section.columns, strict=True), start=1):
            _put(sheet.cell(row=r, column=index), value, column.kind)
            lines = cell_text(value, column.kind).splitlines() or [""]
            widths[index - 1] = max(widths[index - 1], *(len(x) for x in lines))
    if not section.rows:
        sheet.cell(row=2, column=1, value=section.empty)
    elif section.note:
        sheet.cell(row=len(section.rows) + 3, column=1, value=section.note)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 3)
    sheet.freeze_panes = "A2"


def write(report: SectionedReport, out: Path | BinaryIO) -> None:
    """Write ``report``: a 'Contents' sheet, then a sheet per section in order."""
    book = Workbook()
    contents = book.active
    assert contents is not None
    taken = {"contents"}
    contents.title = "Contents"
    contents["A1"] = report.title
    contents["A1"].font = Font(bold=True, size=13)
    contents["A2"] = report.letterhead.organisation
    contents["A3"] = f"Generated {uk_datetime(report.generated)}"
    contents["A4"] = report.introduction
    contents["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    contents.row_dimensions[4].height = 60
    contents["A6"] = "Sheet"
    contents["B6"] = "What it holds"
    contents["A6"].font = contents["B6"].font = Font(bold=True)
    for offset, section in enumerate(report.sections, start=7):
        name = sheet_name(section.title, taken)
        contents.cell(row=offset, column=1, value=name)
        count = len(section.rows)
        contents.cell(
            row=offset,
            column=2,
            value=f"{count:,} row{'s' if count != 1 else ''}" if count else section.empty,
        )
        _section_sheet(book, section, name)
    contents.column_dimensions["A"].width = 40
    contents.column_dimensions["B"].width = 80
    book.properties.creator = "MutualDesk"
    book.properties.title = f"{report.title} — {report.letterhead.organisation}"
    book.save(out)
    make_private(out)
