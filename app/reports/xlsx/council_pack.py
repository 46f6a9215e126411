"""The council's monitoring return as one workbook: a cover sheet, budget against actual
by service, the period's transactions and the bank reconciliation summary.

Every total and variance is a formula over the cells above it, so the council's
officer can check it and a spreadsheet program recalculates it to the same figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from app.reports.xlsx.cells import BOLD, as_text, header, money, pounds, total_row
from app.reports.xlsx.table import DATE_FORMAT
from app.services.common.reports import make_private
from app.services.finance.report_types import CouncilPack


def _cover(book: Workbook, pack: CouncilPack) -> None:
    sheet = book.active
    sheet.title = "Cover"
    sheet.append([f"Monitoring return: {pack.period_label}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for label, value in pack.cover:
        sheet.append([label, value])
        n = sheet.max_row
        as_text(sheet, n, range(2, 3))
        sheet.cell(row=n, column=1).font = BOLD
    sheet.append([])
    sheet.append(
        ["Sheets", "Budget v actual; Transactions; Bank reconciliation; Allowance received"]
    )
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 70


def _budget(book: Workbook, pack: CouncilPack) -> None:
    sheet = book.create_sheet("Budget v actual")
    header(
        sheet,
        [
            "Service",
            "Category",
            "Budget (period)",
            "Actual (period)",
            "Variance (period)",
            "Budget (to date)",
            "Actual (to date)",
            "Variance (to date)",
            "Forecast outturn",
            "Budget (year)",
        ],
        [22, 28, 16, 16, 16, 16, 16, 16, 16, 16],
    )
    totals: dict[str, int] = {}
    for direction, title in (("receipt", "Receipts"), ("payment", "Payments")):
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        first = sheet.max_row + 1
        for r in (x for x in pack.budget if x.direction == direction):
            n = sheet.max_row + 1
            sheet.append(
                [
                    r.service,
                    r.category,
                    pounds(r.budget),
                    pounds(r.actual),
                    f"=D{n}-C{n}",
                    pounds(r.budget_to_date),
                    pounds(r.actual_to_date),
                    f"=G{n}-F{n}",
                    pounds(r.forecast),
                    pounds(r.budget_year),
                ]
            )
            money(sheet, n, range(3, 11))
            as_text(sheet, n, range(1, 3))
        last = sheet.max_row
        totals[direction] = total_row(
            sheet,
            [f"Total {title.lower()}", ""]
            + [f"=SUM({c}{first}:{c}{last})" if last >= first else 0 for c in "CDEFGHIJ"],
            range(3, 11),
        )
        sheet.append([])
    rec, pay = totals["receipt"], totals["payment"]
    total_row(
        sheet,
        ["Receipts less payments", ""] + [f"={c}{rec}-{c}{pay}" for c in "CDEFGHIJ"],
        range(3, 11),
    )


def _transactions(book: Workbook, pack: CouncilPack) -> None:
    sheet = book.create_sheet("Transactions")
    header(
        sheet,
        [
            "No.",
            "Date",
            "Description",
            "Payer or payee",
            "Category",
            "Service",
            "Fund",
            "Money in",
            "Money out",
        ],
        [8, 12, 44, 26, 24, 20, 22, 14, 14],
    )
    # Rows are numbered as they go: openpyxl's max_row reads every cell each time.
    n = 1
    for (
        number,
        day,
        description,
        party,
        category,
        service,
        fund,
        money_in,
        money_out,
    ) in pack.transactions:
        sheet.append(
            [
                number,
                day,
                description,
                party,
                category,
                service,
                fund,
                pounds(money_in) if money_in else None,
                pounds(money_out) if money_out else None,
            ]
        )
        n += 1
        sheet.cell(row=n, column=2).number_format = DATE_FORMAT
        money(sheet, n, range(8, 10))
        as_text(sheet, n, range(3, 8))
    last = n
    total_row(
        sheet,
        ["", "", "Totals", "", "", "", "", f"=SUM(H2:H{last})", f"=SUM(I2:I{last})"],
        range(8, 10),
    )
    sheet.auto_filter.ref = f"A1:I{last}"


def _reconciliation(book: Workbook, pack: CouncilPack) -> None:
    sheet = book.create_sheet("Bank reconciliation")
    header(
        sheet,
        [
            "Account",
            "Statement date",
            "Statement balance",
            "Cash book balance",
            "Cash book less statement",
            "Where it stands",
        ],
        [24, 16, 18, 18, 22, 30],
    )
    for account, day, statement, balance, state in pack.reconciliation:
        n = sheet.max_row + 1
        sheet.append(
            [
                account,
                day,
                pounds(statement),
                pounds(balance),
                f"=D{n}-C{n}" if statement is not None else None,
                state,
            ]
        )
        sheet.cell(row=n, column=2).number_format = DATE_FORMAT
        money(sheet, n, range(3, 6))
        as_text(sheet, n, range(1, 2))
    sheet.append([])
    sheet.append(
        [
            "A difference is what was paid in or out after the statement date, or not yet "
            "shown on the bank's statement."
        ]
    )


def _allowance(book: Workbook, pack: CouncilPack) -> None:
    sheet = book.create_sheet("Allowance received")
    header(
        sheet,
        ["Agreement", "Due", "Amount due", "Received", "Still owed", "Where it stands"],
        [28, 12, 16, 16, 16, 50],
    )
    for agreement, due, amount, received, words in pack.allowance:
        n = sheet.max_row + 1
        sheet.append([agreement, due, pounds(amount), pounds(received), f"=C{n}-D{n}", words])
        sheet.cell(row=n, column=2).number_format = DATE_FORMAT
        money(sheet, n, range(3, 6))
        as_text(sheet, n, (1, 6))
    last = sheet.max_row
    if last > 1:
        total_row(
            sheet,
            ["Totals", ""] + [f"=SUM({c}2:{c}{last})" for c in "CDE"] + [""],
            range(3, 6),
        )


def write(pack: CouncilPack, out: Path | BinaryIO) -> None:
    """Write the pack as an .xlsx workbook."""
    book = Workbook()
    _cover(book, pack)
    _budget(book, pack)
    _transactions(book, pack)
    _reconciliation(book, pack)
    _allowance(book, pack)
    if pack.performance is not None:
        from app.reports.xlsx.performance_book import performance_sheet

        performance_sheet(book.create_sheet("Performance"), pack.performance)
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
