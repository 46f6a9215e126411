"""Write any report's data to a file: one table says how each kind of data is drawn.

``RENDERERS`` maps the type of a report's data (built by a service) to how it is
drawn as a PDF, as a spreadsheet where it has one, and how the command line counts
what it wrote. A new kind of report adds one row here; nothing asks ``isinstance``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import UserError

PdfWriter = Callable[..., Any]  # write(data, out, *, invariant=False)
XlsxWriter = Callable[[Any, Path | BinaryIO], Any]


@dataclass(frozen=True)
class Renderer:
    """How one kind of report data is drawn, and counted for the command line."""

    pdf: PdfWriter | None
    xlsx: XlsxWriter | None
    describe: Callable[[Any], str]


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


@cache
def renderers() -> dict[type, Renderer]:
    """The table (built on first use: the renderers import ReportLab and openpyxl)."""
    from app.reports.pdf import (
        annual_report,
        certificate,
        election_papers,
        federation,
        finance_papers,
        labels,
        letters,
        meeting_papers,
        performance,
        projects,
        reach,
        social_value,
    )
    from app.reports.pdf import table as pdf_table
    from app.reports.xlsx import (
        accounts_book,
        council_pack,
        federation_book,
        performance_book,
        projects_book,
        reach_book,
        social_value_book,
    )
    from app.reports.xlsx import table as xlsx_table
    from app.services.common.reports import TableReport
    from app.services.elections.report_types import BallotPapers, Declaration, NominationForms
    from app.services.federation import Rollup
    from app.services.finance.report_types import AccountsStatement, BudgetReport, CouncilPack
    from app.services.meetings.report_types import Agenda, Minutes, SignInSheet
    from app.services.membership.report_types import LabelRun, LetterRun, ShareCertificate
    from app.services.performance.annual import AnnualReport
    from app.services.performance.projects import ProjectsReport
    from app.services.performance.reach_report import ReachReport
    from app.services.performance.results import Performance
    from app.services.performance.sroi import SocialValueReport

    return {
        Performance: Renderer(
            performance.write,
            performance_book.write,
            lambda d: _plural(len(d.indicators), "indicator"),
        ),
        AnnualReport: Renderer(annual_report.write, None, lambda d: d.title.lower()),
        ProjectsReport: Renderer(
            projects.write, projects_book.write, lambda d: _plural(len(d.projects), "project")
        ),
        SocialValueReport: Renderer(
            social_value.write,
            social_value_book.write,
            lambda d: _plural(len(d.worksheets), "worksheet"),
        ),
        ReachReport: Renderer(
            reach.write, reach_book.write, lambda d: _plural(len(d.rows), "figure")
        ),
        Rollup: Renderer(
            federation.write,
            federation_book.write,
            lambda d: f"{len(d.centres):,} centre{'s' if len(d.centres) != 1 else ''}",
        ),
        TableReport: Renderer(
            pdf_table.write, xlsx_table.write, lambda d: _plural(len(d.rows), "row")
        ),
        LabelRun: Renderer(
            labels.write,
            None,
            lambda d: "a test sheet" if d.test_sheet else f"{len(d.labels):,} labels",
        ),
        LetterRun: Renderer(
            letters.write,
            None,
            lambda d: f"{len(d.letters):,} letter{'s' if len(d.letters) != 1 else ''}",
        ),
        ShareCertificate: Renderer(certificate.write, None, lambda d: "1 certificate"),
        BallotPapers: Renderer(
            election_papers.write_ballots, None, lambda d: f"{d.copies:,} ballot papers"
        ),
        NominationForms: Renderer(
            election_papers.write_nominations, None, lambda d: f"{d.copies:,} nomination forms"
        ),
        Declaration: Renderer(
            election_papers.write_declaration,
            None,
            lambda d: "the declaration and count sheet",
        ),
        Agenda: Renderer(meeting_papers.write_agenda, None, lambda d: f"{len(d.items)} items"),
        SignInSheet: Renderer(
            meeting_papers.write_sign_in, None, lambda d: f"{len(d.people):,} names"
        ),
        Minutes: Renderer(
            meeting_papers.write_minutes,
            None,
            lambda d: f"{len(d.items)} items" + (", a draft" if d.draft else ""),
        ),
        AccountsStatement: Renderer(
            finance_papers.write_accounts,
            accounts_book.write,
            lambda d: f"the accounts for {d.year_label}",
        ),
        BudgetReport: Renderer(
            finance_papers.write_budget, None, lambda d: f"{len(d.rows):,} budget lines"
        ),
        CouncilPack: Renderer(
            None, council_pack.write, lambda d: f"{len(d.transactions):,} transactions"
        ),
    }


def renderer(data: Any) -> Renderer:
    """The row of the table for ``data``'s type."""
    try:
        return renderers()[type(data)]
    except KeyError:  # pragma: no cover - a new kind of report without a renderer is a bug
        raise TypeError(f"No renderer for {type(data).__name__}") from None


def write_pdf(data: Any, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render any report's data as a PDF."""
    pdf = renderer(data).pdf
    if pdf is None:
        raise UserError("This report is a workbook: save it as a spreadsheet, not a PDF.")
    pdf(data, out, invariant=invariant)


def write_xlsx(data: Any, out: Path | BinaryIO) -> None:
    """Write a table (or the council's pack) as a spreadsheet (documents are PDF only)."""
    xlsx = renderer(data).xlsx
    if xlsx is None:
        raise UserError("This report is a printed document: save it as PDF, not a spreadsheet.")
    xlsx(data, out)


def row_count(data: Any) -> str:
    """'1,234 rows', '22 labels', '40 letters', '1 certificate' for the command line."""
    return renderer(data).describe(data)
