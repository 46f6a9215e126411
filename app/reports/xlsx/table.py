"""A TableReport as a spreadsheet a council officer can open, check and total, written
a row at a time in constant memory (XlsxWriter; openpyxl reads, and writes the books
that need it).

Bold frozen header row, autofilter, column widths to fit, real dates, money
as numbers in a £ format, totals as SUM formulas, and any text that starts
with = + - @, a tab or a carriage return stored as text, never as a formula.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

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


def write(report: TableReport, out: Path | BinaryIO) -> None:
    """Write ``report`` as a one-sheet workbook, a row at a time in constant memory
    (XlsxWriter): 100,000 members as fast as the rows can be written."""
    import xlsxwriter
    import xlsxwriter.exceptions

    book = xlsxwriter.Workbook(
        str(out) if isinstance(out, Path) else out,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
         "strings_to_urls": False},
    )  # fmt: skip
    sheet = book.add_worksheet(sheet_name(report.title, set()))
    columns = report.columns
    widths = [len(c.heading) for c in columns]
    for row in report.rows[:SAMPLE_ROWS]:
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            widths[index] = max(widths[index], _width(value, column.kind))
    for index, width in enumerate(widths):
        sheet.set_column(index, index, min(MAX_WIDTH, width + 3))
    last = len(report.rows)  # the last row, counted from 0 with the heading
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    bold = book.add_format({"bold": True})
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.heading, bold)
    _rows(book, sheet, report)
    if any(c.total for c in columns) and report.rows:
        for index, column in enumerate(columns):
            if index == 0 and not column.total:
                sheet.write_string(last + 1, 0, report.total_label, bold)
            elif column.total:
                letter = get_column_letter(index + 1)
                shown = MONEY_FORMAT if column.kind is ColumnKind.MONEY else "#,##0"
                total = book.add_format({"bold": True, "num_format": shown})
                sheet.write_formula(last + 1, index, f"=SUM({letter}2:{letter}{last + 1})", total)
    book.set_properties({
        "author": "MutualDesk",
        "title": f"{report.title} — {report.letterhead.organisation}",
        "comments": f"Generated {uk_datetime(report.generated)}",
    })  # fmt: skip
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as error:  # the folder or file refused
        cause = error.args[0] if error.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(error)) from error
    make_private(out)


# A day is stored as its count of days from Excel's day 0 (what write_datetime works out,
# done here in one subtraction: the dates of 100,000 members took a tenth of the export).
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL_FROM = date(1900, 3, 1)


def _by_numbers(sheet: Any, name: str) -> Any:
    """XlsxWriter's ``name`` without the wrapper that first checks for "A1" notation (we
    always give row and column numbers): a tenth of the time of a large export."""
    method = getattr(type(sheet), name)
    return getattr(method, "__wrapped__", method).__get__(sheet)


def _rows(book: Any, sheet: Any, report: TableReport) -> None:
    """Every row, each cell written by its kind: money and dates as numbers in their
    formats, text as text (with the quote prefix where it looks like a formula)."""
    money = book.add_format({"num_format": MONEY_FORMAT})
    day = book.add_format({"num_format": DATE_FORMAT})
    stamp = book.add_format({"num_format": DATE_FORMAT + " HH:MM"})
    quoted = book.add_format({"quote_prefix": True})
    text, number = _by_numbers(sheet, "write_string"), _by_numbers(sheet, "write_number")
    write_datetime = sheet.write_datetime

    def when(at: int, index: int, value: date, shown: Any) -> None:
        if (value.date() if isinstance(value, datetime) else value) < _SERIAL_FROM:
            write_datetime(at, index, value, shown)  # Excel's own count is off before then
        elif isinstance(value, datetime):
            since = value - _EXCEL_EPOCH
            number(at, index, since.days + since.seconds / 86400, shown)
        else:
            number(at, index, (value - _EXCEL_EPOCH.date()).days, shown)

    kinds = [(index, c.kind) for index, c in enumerate(report.columns)]
    for at, row in enumerate(report.rows, start=1):
        for (index, kind), value in zip(kinds, row, strict=True):
            if isinstance(value, str):  # the commonest: asked first
                if not value:
                    continue
                if value.startswith(FORMULA_STARTS):
                    text(at, index, value, quoted)
                else:
                    text(at, index, value)
            elif value is None:
                continue
            elif isinstance(value, date):  # a time too, where a column holds one
                timed = isinstance(value, datetime) and kind is not ColumnKind.DATE
                when(at, index, value, stamp if timed else day)
            elif kind is ColumnKind.MONEY:
                number(at, index, value, money)
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                number(at, index, value)
            else:
                text(at, index, cell_text(value, kind))
