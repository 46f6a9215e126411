"""Write any report's data to a file: PDF for everything, .xlsx for tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from app.errors import UserError
from app.services.common.reports import TableReport


def write_pdf(data: Any, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render a TableReport or any document (labels, letters, election or meeting papers)."""
    from app.services.elections.report_types import BallotPapers, Declaration, NominationForms
    from app.services.finance.report_types import AccountsStatement, BudgetReport
    from app.services.meetings.report_types import Agenda, Minutes, SignInSheet
    from app.services.membership.report_types import LabelRun, LetterRun, ShareCertificate

    if isinstance(data, TableReport):
        from app.reports.pdf import table

        table.write(data, out, invariant=invariant)
    elif isinstance(data, LabelRun):
        from app.reports.pdf import labels

        labels.write(data, out, invariant=invariant)
    elif isinstance(data, LetterRun):
        from app.reports.pdf import letters

        letters.write(data, out, invariant=invariant)
    elif isinstance(data, ShareCertificate):
        from app.reports.pdf import certificate

        certificate.write(data, out, invariant=invariant)
    elif isinstance(data, BallotPapers | NominationForms | Declaration):
        from app.reports.pdf import election_papers

        election_papers.write(data, out, invariant=invariant)
    elif isinstance(data, Agenda | SignInSheet | Minutes):
        from app.reports.pdf import meeting_papers

        meeting_papers.write(data, out, invariant=invariant)
    elif isinstance(data, AccountsStatement | BudgetReport):
        from app.reports.pdf import finance_papers

        finance_papers.write(data, out, invariant=invariant)
    else:  # pragma: no cover - a new kind of report without a renderer is a bug
        raise TypeError(f"No PDF renderer for {type(data).__name__}")


def write_xlsx(data: Any, out: Path | BinaryIO) -> None:
    """Write a TableReport (or the council's pack) as a spreadsheet (documents are PDF only)."""
    from app.services.finance.report_types import CouncilPack

    if isinstance(data, CouncilPack):
        from app.reports.xlsx import council_pack

        council_pack.write(data, out)
        return
    if not isinstance(data, TableReport):
        raise UserError("This report is a printed document: save it as PDF, not a spreadsheet.")
    from app.reports.xlsx import table

    table.write(data, out)


def row_count(data: Any) -> str:
    """'1,234 rows', '22 labels', '40 letters', '1 certificate' for the command line."""
    from app.services.elections.report_types import BallotPapers, Declaration, NominationForms
    from app.services.finance.report_types import AccountsStatement, BudgetReport, CouncilPack
    from app.services.meetings.report_types import Agenda, Minutes, SignInSheet
    from app.services.membership.report_types import LabelRun, LetterRun

    if isinstance(data, CouncilPack):
        return f"{len(data.transactions):,} transactions"
    if isinstance(data, BudgetReport):
        return f"{len(data.rows):,} budget lines"
    if isinstance(data, AccountsStatement):
        return f"the accounts for {data.year_label}"
    if isinstance(data, Agenda):
        return f"{len(data.items)} items"
    if isinstance(data, SignInSheet):
        return f"{len(data.people):,} names"
    if isinstance(data, Minutes):
        return f"{len(data.items)} items" + (", a draft" if data.draft else "")
    if isinstance(data, BallotPapers):
        return f"{data.copies:,} ballot papers"
    if isinstance(data, NominationForms):
        return f"{data.copies:,} nomination forms"
    if isinstance(data, Declaration):
        return "the declaration and count sheet"
    if isinstance(data, TableReport):
        return f"{len(data.rows):,} row{'' if len(data.rows) == 1 else 's'}"
    if isinstance(data, LabelRun):
        return "a test sheet" if data.test_sheet else f"{len(data.labels):,} labels"
    if isinstance(data, LetterRun):
        return f"{len(data.letters):,} letters"
    return "1 certificate"
