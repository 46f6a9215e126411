"""Cells as the treasurer's workbooks write them: money in pounds with a £ format, bold
headings and totals, text that looks like a formula kept as text."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.reports.xlsx.table import FORMULA_STARTS, MONEY_FORMAT

BOLD = Font(bold=True)


def pounds(pence: int | None) -> Decimal | None:
    return None if pence is None else Decimal(pence) / 100


def as_text(sheet: Any, row: int, columns: Iterable[int]) -> None:
    """Text in ``columns`` of ``row`` stays text even if it starts like a formula
    (a payee called '=SUM' is a name, not a sum)."""
    for column in columns:
        cell = sheet.cell(row=row, column=column)
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True


def header(sheet: Any, headings: list[str], widths: list[int]) -> None:
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def money(sheet: Any, row: int, columns: range) -> None:
    for column in columns:
        sheet.cell(row=row, column=column).number_format = MONEY_FORMAT


def total_row(sheet: Any, values: list[Any], money_columns: range) -> int:
    """A bold row of totals (formulas) under what it adds up; its row number."""
    sheet.append(values)
    n: int = sheet.max_row
    money(sheet, n, money_columns)
    for cell in sheet[n]:
        cell.font = BOLD
    return n
