"""The community projects as a workbook: the payments charged to each project on one
sheet, and a summary whose spent column adds them up (SUMIF), whose left column takes
spent from budget, and whose totals add the columns, all as formulas."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook

from app.reports.xlsx.cells import BOLD, as_text, header, money, pounds
from app.services.common.reports import make_private
from app.services.performance.projects import ProjectsReport


def write(data: ProjectsReport, out: Path | BinaryIO) -> None:
    """Write the community projects as an .xlsx workbook."""
    book = Workbook()
    summary = book.active
    summary.title = "Projects"
    payments = book.create_sheet("Payments")
    header(payments, ["Project", "Paid on", "What for", "Amount"], [36, 12, 50, 14])
    for project in data.projects:
        for paid in project.payments:
            payments.append([project.name, paid.on, paid.details, pounds(paid.amount_pence)])
            row = payments.max_row
            payments[f"B{row}"].number_format = "DD/MM/YYYY"
            as_text(payments, row, (1, 3))
            money(payments, row, range(4, 5))
    last = max(payments.max_row, 2)
    header(summary, ["Project", "Lead", "Starts", "Ends", "Status", "Budget", "Spent", "Left"],
           [36, 22, 12, 12, 14, 14, 14, 14])  # fmt: skip
    for project in data.projects:
        row = summary.max_row + 1
        spent = f"=SUMIF(Payments!A$2:A${last},A{row},Payments!D$2:D${last})"
        summary.append([
            project.name, project.lead, project.starts_on, project.ends_on, project.status,
            pounds(project.budget_pence), spent, f"=F{row}-G{row}",
        ])  # fmt: skip
        as_text(summary, row, (1, 2, 5))
        for column in "CD":
            summary[f"{column}{row}"].number_format = "DD/MM/YYYY"
        money(summary, row, range(6, 9))
    end = summary.max_row
    summary.append(["All projects", "", "", "", "", f"=SUM(F2:F{end})", f"=SUM(G2:G{end})",
                    f"=SUM(H2:H{end})"])  # fmt: skip
    money(summary, summary.max_row, range(6, 9))
    for cell in summary[summary.max_row]:
        cell.font = BOLD
    results = book.create_sheet("Results")
    header(results, ["Project", "Result", "Figure", "Unit"], [36, 60, 10, 16])
    for project in data.projects:
        for words, figure, unit in project.results:
            results.append([project.name, words, figure, unit])
            as_text(results, results.max_row, (1, 2, 4))
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
