"""The year's accounts as a workbook, for the independent examiner and the council.

Sheet one is the receipts and payments account by fund, this year beside last year;
sheet two the statement of assets and liabilities; sheet three the notes (members'
share capital, the LMA allowance expected and received, the community dividend).
Every total is a live formula over the figures it adds up (each line's total across
the funds, each section's total, the net of receipts and payments, the cash at the
year's end, share capital at the end), so that a spreadsheet recalculates them to the
same pence as the printed accounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from app.reports.xlsx.cells import BOLD, as_text, money, pounds, total_row
from app.services.common.reports import make_private
from app.services.finance.report_types import AccountsRow, AccountsStatement

FUNDS = "BCD"  # unrestricted, restricted, endowment
TOTAL, LAST = "E", "F"
FIRST_ROW = 5  # below the title, the date line, a blank row and the headings


def _figures(sheet: Any, row: AccountsRow, n: int, last_year: bool) -> list[Any]:
    """A line's cells: the funds as figures, the total across them as a formula."""
    funds = row.funds or (None, None, None)
    cells: list[Any] = [row.label, *(pounds(f) for f in funds), f"=SUM(B{n}:D{n})"]
    if last_year:
        cells.append(pounds(row.last_year))
    return cells


def _receipts_and_payments(book: Workbook, accounts: AccountsStatement) -> str:
    """The account, formulas all the way down; the cell holding the cash at the end."""
    sheet = book.active
    sheet.title = "Receipts and payments"
    last_year = bool(accounts.last_label)
    sheet.append([f"{accounts.letterhead.organisation}: receipts and payments account"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"Year ended {accounts.year_end:%d/%m/%Y}"])
    sheet.append([])
    headings = ["", "Unrestricted funds", "Restricted funds", "Endowment funds"]
    headings.append(f"Total {accounts.year_label}")
    if last_year:
        headings.append(f"Total {accounts.last_label}")
    sheet.append(headings)
    for cell in sheet[4]:
        cell.font = BOLD
    columns = [*FUNDS, TOTAL, *([LAST] if last_year else [])]
    sections: list[tuple[int, list[int]]] = []  # (total row, the lines after it)
    lines: list[int] = []
    in_section = False  # between a heading and its total
    net_row: int | None = None
    after_net: list[int] = []
    for row in accounts.rows:
        n = sheet.max_row + 1
        if row.style == "heading":
            sheet.append([row.label])
            sheet.cell(row=n, column=1).font = BOLD
            lines, in_section = [], True
            continue
        if row.style == "line":
            sheet.append(_figures(sheet, row, n, last_year))
            money(sheet, n, range(2, 3 + len(columns)))
            as_text(sheet, n, (1,))
            if net_row is not None:
                after_net.append(n)  # transfers, cash at the start
            elif in_section:
                lines.append(n)
            else:
                sections[-1][1].append(n)  # asset sales or purchases, after the section
            continue
        if row.style == "total" and in_section:
            sums = [f"=SUM({c}{lines[0]}:{c}{lines[-1]})" if lines else 0 for c in columns]
            total_row(sheet, [row.label, *sums], range(2, 2 + len(columns)))
            sections.append((n, []))
            in_section = False
            continue
        if row.style == "total":  # the net of receipts and payments
            (receipts, sales), (payments, purchases) = sections[0], sections[1]

            def net(c: str, rec: int = receipts, sal: list[int] = sales,
                    pay: int = payments, pur: list[int] = purchases) -> str:  # fmt: skip
                plus = "".join(f"+{c}{r}" for r in sal)
                minus = "".join(f"-{c}{r}" for r in pur)
                return f"={c}{rec}{plus}-{c}{pay}{minus}"

            total_row(sheet, [row.label, *(net(c) for c in columns)], range(2, 2 + len(columns)))
            net_row = n
            continue
        # the cash at the year's end: the net, the transfers and the cash at the start
        assert net_row is not None
        total_row(
            sheet,
            [row.label, *(f"={c}{net_row}" + "".join(f"+{c}{r}" for r in after_net)
                          for c in columns)],
            range(2, 2 + len(columns)),
        )  # fmt: skip
    sheet.column_dimensions["A"].width = 46
    for c in columns:
        sheet.column_dimensions[c].width = 18
    sheet.freeze_panes = f"B{FIRST_ROW}"
    return f"'Receipts and payments'!{TOTAL}{sheet.max_row}"


def _assets(book: Workbook, accounts: AccountsStatement, cash_end: str) -> None:
    """The statement: each section's lines and a SUM of them; the cash funds' total
    checked against the cash at the end of the receipts and payments account."""
    sheet = book.create_sheet("Assets and liabilities")
    sheet.append([f"Statement of assets and liabilities at {accounts.year_end:%d/%m/%Y}"])
    sheet["A1"].font = Font(bold=True, size=14)
    cash_total: int | None = None
    for section in accounts.statement:
        sheet.append([])
        sheet.append([section.title, "Details", "Amount"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        first = sheet.max_row + 1
        for what, detail, pence in section.lines:
            sheet.append([what, detail, pounds(pence)])
            money(sheet, sheet.max_row, range(3, 4))
            as_text(sheet, sheet.max_row, (1, 2))
        if not section.lines:
            sheet.append([section.empty])
        last = sheet.max_row
        total = f"=SUM(C{first}:C{last})" if section.lines else 0
        n = total_row(sheet, [section.total_label, None, total], range(3, 4))
        if section.key == "cash":
            cash_total = n
    if cash_total is not None:
        sheet.append([])
        sheet.append(["Cash at the end, from the receipts and payments account", None,
                      f"={cash_end}"])  # fmt: skip
        check = sheet.max_row
        money(sheet, check, range(3, 4))
        total_row(sheet, ["Difference (should be nil)", None, f"=C{cash_total}-C{check}"],
                  range(3, 4))  # fmt: skip
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 18


def _notes(book: Workbook, accounts: AccountsStatement) -> None:
    """The notes; share capital's end is a formula over its start and movements."""
    sheet = book.create_sheet("Notes")
    sheet.append(["Notes to the accounts"])
    sheet["A1"].font = Font(bold=True, size=14)
    for number, (heading, lines) in enumerate(accounts.notes, start=1):
        sheet.append([])
        sheet.append([f"{number}. {heading}"])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        first = sheet.max_row + 1
        for label, pence in lines:
            sheet.append([label, pounds(pence)])
            money(sheet, sheet.max_row, range(2, 3))
        last = sheet.max_row
        if lines and lines[-1][0].startswith("Paid up at the end"):  # start + movements
            sheet.cell(row=last, column=2).value = f"=SUM(B{first}:B{last - 1})"
            sheet.cell(row=last, column=1).font = BOLD
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 18


def write(accounts: AccountsStatement, out: Path | BinaryIO) -> None:
    """Write the accounts as an .xlsx workbook."""
    book = Workbook()
    cash_end = _receipts_and_payments(book, accounts)
    _assets(book, accounts, cash_end)
    _notes(book, accounts)
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
