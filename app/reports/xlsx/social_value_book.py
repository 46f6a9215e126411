"""The social value report as a workbook: a sheet per worksheet whose outcome rows hold
the figures typed, and whose gross value, impact, present value, total, net present
value and ratio are formulas. The present value of an outcome is the sum over the years
it lasts of year 1's impact × (1 − drop-off)^(n−1) ÷ (1 + rate)^n, written in closed
form so that a spreadsheet works it out for any number of years."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from app.reports.xlsx.cells import BOLD, as_text, money, pounds
from app.services.common.reports import make_private
from app.services.performance.sroi import SocialValueReport

HEADINGS = ["Who", "What changed", "Indicator", "Quantity", "Financial proxy (£)",
            "Source of the proxy", "Years it lasts", "Deadweight", "Displacement",
            "Attribution", "Drop-off", "Gross value (£)", "Impact in year 1 (£)",
            "Present value (£)"]  # fmt: skip
WIDTHS = [24, 34, 30, 10, 14, 40, 10, 11, 12, 11, 10, 14, 16, 16]
RATE = "$B$3"  # the discount rate's cell
FIRST = 6  # the first outcome's row


def _present_value(row: int) -> str:
    growth = f"(1-K{row})/(1+{RATE})"
    return (f"=IF(ABS(1-{growth})<1E-12,M{row}*G{row}/(1+{RATE}),"
            f"M{row}/(1+{RATE})*(1-({growth})^G{row})/(1-{growth}))")  # fmt: skip


def write(data: SocialValueReport, out: Path | BinaryIO) -> None:
    """Write the social value report as an .xlsx workbook."""
    book = Workbook()
    first = book.active
    taken: set[str] = set()
    for index, worksheet in enumerate(data.worksheets):
        sheet = first if index == 0 else book.create_sheet()
        name = re.sub(r"[\[\]:*?/\\']", "", worksheet.name)[:28] or "Worksheet"
        while name.casefold() in taken:
            name = f"{name[:25]} {index}"
        taken.add(name.casefold())
        sheet.title = name
        sums = worksheet.sums
        sheet.append([worksheet.name])
        sheet["A1"].font = Font(bold=True, size=13)
        as_text(sheet, 1, (1,))
        sheet.append(["Invested (£)", pounds(sums.investment_pence)])
        money(sheet, 2, range(2, 3))
        sheet.append(["Discount rate", sums.discount_bp / 10_000])
        sheet["B3"].number_format = "0.0%"
        sheet.append([])
        sheet.append(HEADINGS)
        for cell in sheet[5]:
            cell.font = BOLD
        for valued in sums.outcomes:
            o = valued.outcome
            row = sheet.max_row + 1
            sheet.append([
                o.stakeholder, o.outcome, o.indicator, o.quantity, pounds(o.proxy_pence),
                o.proxy_source, o.duration_years, o.deadweight_bp / 10_000,
                o.displacement_bp / 10_000, o.attribution_bp / 10_000, o.drop_off_bp / 10_000,
                f"=D{row}*E{row}", f"=L{row}*(1-H{row})*(1-I{row})*(1-J{row})",
                _present_value(row),
            ])  # fmt: skip
            as_text(sheet, row, (1, 2, 3, 6))
            money(sheet, row, range(5, 6))
            money(sheet, row, range(12, 15))
            for column in "HIJK":
                sheet[f"{column}{row}"].number_format = "0%"
        last = sheet.max_row  # the last outcome's row (the headings' when there is none)
        present = last + 2  # the total present value's row, after a blank line
        outcomes = f"SUM(N{FIRST}:N{last})" if last >= FIRST else "0"
        totals = (
            ("Total present value (£)", f"=ROUND({outcomes},2)"),
            ("Net present value (£)", f"=B{present}-B2"),
            ("Social return for each £1 invested (£)", f"=ROUND(B{present}/B2,2)"),
        )
        sheet.append([])
        for label, formula in totals:
            sheet.append([label, formula])
            sheet.cell(row=sheet.max_row, column=1).font = BOLD
            money(sheet, sheet.max_row, range(2, 3))
        sheet.append([])
        sheet.append(["Sensitivity: each assumption changed in turn", "Present value (£)",
                      "Return for each £1 (£)"])  # fmt: skip
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for line in sums.sensitivity:
            sheet.append([line.change, pounds(line.present_value_pence), line.ratio])
            money(sheet, sheet.max_row, range(2, 4))
        for column, width in zip("ABCDEFGHIJKLMN", WIDTHS, strict=True):
            sheet.column_dimensions[column].width = width
    if not data.worksheets:
        first.title = "Social value"
        first.append([f"There is no worksheet for {data.title.removeprefix('Social value ')}."])
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
