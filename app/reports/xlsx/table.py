"""A TableReport as a spreadsheet a council officer can open, check and total.

Bold frozen header row, autofilter, column widths to fit, real dates, money
as numbers in a £ format, totals as SUM formulas, and any text that starts
with = + - @, a tab or a carriage return stored as text, never as a formula.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.services.common.reports import (
    Cell,
    ColumnKind,
    TableReport,
    cell_text,
    make_private,
    uk_datetime,
)

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
DATE_FORMAT = "DD/MM/YYYY"
# What a spreadsheet may take for a formula (OWASP's list): such text is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


SAMPLE_ROWS = 2000  # column widths are fitted to the first rows, not all 100,000


_BAD = str.maketrans({c: "-" for c in "[]:*?/\\"})


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique in the book."""
    base = title.translate(_BAD)[:31].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _width(value: Cell, kind: ColumnKind) -> int:
    return max((len(line) for line in cell_text(value, kind).splitlines()), default=0)


class _RowWriter:
    """Turns a row of values into cells, reusing one styled cell per column.

    In a write-only workbook each row is written out as soon as it is
    appended, so a styled cell can be refilled for the next row; this keeps
    100,000 rows close to the speed of writing bare values.
    """

    def __init__(self, sheet: Any, kinds: list[ColumnKind]) -> None:
        self.sheet = sheet
        self.kinds = kinds
        self.styled: list[WriteOnlyCell | None] = []
        for kind in kinds:
            if kind is ColumnKind.MONEY:
                cell = WriteOnlyCell(sheet)
                cell.number_format = MONEY_FORMAT
            elif kind is ColumnKind.DATE:
                cell = WriteOnlyCell(sheet)
                cell.number_format = DATE_FORMAT
            else:
                cell = None
            self.styled.append(cell)
        self.formatted = [(i, c) for i, c in enumerate(self.styled) if c is not None]
        self.text_columns = [i for i, c in enumerate(self.styled) if c is None]

    def cells(self, row: tuple[Cell, ...]) -> list[Any]:
        """The row's values, with styled cells where a column has a format."""
        out = list(row)
        for index, styled in self.formatted:
            value = out[index]
            if value is not None and not isinstance(value, str):
                styled.value = value
                out[index] = styled
        for index in self.text_columns:
            value = out[index]
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                out[index] = _text_cell(self.sheet, value)
        return out


def _text_cell(sheet: Any, text: str) -> WriteOnlyCell:
    """Text that a spreadsheet would take for a formula, kept as text."""
    cell = WriteOnlyCell(sheet)
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write(report: TableReport, out: Path | BinaryIO) -> None:
    """Write ``report`` as a one-sheet workbook, streamed (write-only mode)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name(report.title, set()))
    columns = report.columns
    widths = [len(c.heading) for c in columns]
    for row in report.rows[:SAMPLE_ROWS]:
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            widths[index] = max(widths[index], _width(value, column.kind))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 3)
    last = len(report.rows) + 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    writer = _RowWriter(sheet, [c.kind for c in columns])
    append, cells = sheet.append, writer.cells
    for row in report.rows:
        append(cells(row))
    if any(c.total for c in columns) and report.rows:
        totals: list[Any] = []
        for index, column in enumerate(columns, start=1):
            if index == 1 and not column.total:
                cell = WriteOnlyCell(sheet, report.total_label)
            elif column.total:
                letter = get_column_letter(index)
                cell = WriteOnlyCell(sheet, f"=SUM({letter}2:{letter}{last})")
                cell.number_format = MONEY_FORMAT if column.kind is ColumnKind.MONEY else "#,##0"
            else:
                totals.append(None)
                continue
            cell.font = bold
            totals.append(cell)
        sheet.append(totals)
    book.properties.creator = "MutualDesk"
    book.properties.title = f"{report.title} — {report.letterhead.organisation}"
    book.properties.description = f"Generated {uk_datetime(report.generated)}"
    try:
        book.save(out)
    except BaseException:
        # a streamed sheet still holds its temporary file open: close it quietly
        with contextlib.suppress(Exception):
            sheet.close()
        raise
    make_private(out)
