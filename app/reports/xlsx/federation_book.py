"""The federation's roll-up as a workbook: a sheet for each centre with its figures, and
a first sheet, "Federation", whose every cell is a formula over the centres' sheets (each
centre's column refers to its sheet; the total adds the columns), so that a spreadsheet
recalculates the federation from the centres."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.reports.xlsx.cells import BOLD, as_text, money, pounds, total_row
from app.services.common.reports import make_private
from app.services.federation import FIGURES, Rollup

FIRST = 3  # the first figure's row on every sheet


def _sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name a spreadsheet accepts (31 characters, none of []:*?/\\), unique."""
    tail = " return" if name.endswith(" (return)") else ""  # a return stays told apart
    name = name.removesuffix(" (return)")
    base = (re.sub(r"[\[\]:*?/\\']", "", name)[: 28 - len(tail)].strip() or "Centre") + tail
    made, n = base, 2
    while made.casefold() in taken:
        made, n = f"{base[:25]} {n}", n + 1
    taken.add(made.casefold())
    return made


def _value(value: int, kind: str) -> Any:
    return pounds(value) if kind == "money" else value


def write(data: Rollup, out: Path | BinaryIO) -> None:
    """Write the roll-up as an .xlsx workbook."""
    book = Workbook()
    summary = book.active
    summary.title = "Federation"
    taken = {"federation"}
    sheets = []
    for centre in data.centres:
        sheet = book.create_sheet(_sheet_name(centre.name, taken))
        sheet.append([centre.name])
        sheet["A1"].font = Font(bold=True, size=13)
        as_text(sheet, 1, (1,))
        sheet.append([f"Financial year {centre.year_label}"])
        for field, label, kind in FIGURES:
            sheet.append([label, _value(getattr(centre, field), kind)])
            if kind == "money":
                money(sheet, sheet.max_row, range(2, 3))
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 16
        sheets.append(sheet.title)
    summary.append([f"{data.letterhead.organisation}: federation roll-up {data.start_year}"])
    summary["A1"].font = Font(bold=True, size=13)
    headings = ["", *(c.name for c in data.centres), "All centres"]
    summary.append(headings)
    for cell in summary[2]:
        cell.font = BOLD
    as_text(summary, 2, range(2, len(headings) + 1))
    last = get_column_letter(len(data.centres) + 1)
    for offset, (_field, label, kind) in enumerate(FIGURES):
        row = FIRST + offset
        refs = [f"='{name}'!B{row}" for name in sheets]
        total = f"=SUM(B{row}:{last}{row})" if sheets else 0
        total_row(summary, [label, *refs, total], range(2, len(headings) + 1))
        summary.cell(row=row, column=1).font = Font(bold=False)
        if kind != "money":
            for column in range(2, len(headings) + 1):
                summary.cell(row=row, column=column).number_format = "#,##0"
    summary.column_dimensions["A"].width = 40
    for column in range(2, len(headings) + 1):
        summary.column_dimensions[get_column_letter(column)].width = 18
    summary.freeze_panes = "B3"
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
