"""The community projects as a PDF: a summary table (budget, spent, left, status, with
totals), then each project: its lead and dates, what it is, its payments from the cash
book and its results in words and figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph

from app.reports.pdf import document
from app.reports.pdf.finance_papers import money
from app.reports.pdf.ruled import ruled
from app.services.common.dates import uk
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.projects import ProjectsReport, ProjectSummary


def _project(project: ProjectSummary, st: dict[str, Any], cell: Any, right: Any) -> list[Any]:
    dates = " to ".join(d for d in (uk(project.starts_on), uk(project.ends_on)) if d)
    parts: list[Any] = [
        Paragraph(escape(project.name), st["h2"]),
        Paragraph(f"Led by {escape(project.lead or 'nobody named yet')}"
                  + (f"; {escape(dates)}" if dates else "")
                  + f". Status: <b>{escape(project.status)}</b>.", st["body"]),
    ]  # fmt: skip
    if project.description:
        parts.append(Paragraph(escape(project.description), st["body"]))
    if project.payments:
        rows = [[Paragraph("<b>Paid on</b>", cell), Paragraph("<b>What for</b>", cell),
                 Paragraph("<b>Amount</b>", right)]]  # fmt: skip
        rows += [[Paragraph(uk(p.on), cell), Paragraph(escape(p.details), cell),
                  Paragraph(money(p.amount_pence), right)] for p in project.payments]  # fmt: skip
        rows.append([Paragraph("", cell), Paragraph("<b>Spent</b>", cell),
                     Paragraph(f"<b>{money(project.spent_pence)}</b>", right)])  # fmt: skip
        parts.append(ruled(rows, [28 * mm, 110 * mm, 30 * mm], totals=True))
    else:
        parts.append(Paragraph("Nothing has been paid from the cash book yet.", st["body"]))
    if project.results:
        said = "".join(
            f"<br/>• {escape(words)}" + (f": {figure:,} {escape(unit)}" if figure is not None
                                         else "")
            for words, figure, unit in project.results
        )  # fmt: skip
        parts.append(Paragraph(f"<b>Results so far</b>{said}", st["body"]))
    return [KeepTogether(parts[:2]), *parts[2:]]


def write(data: ProjectsReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the community projects to ``out``."""
    st = document.styles()
    cell = ParagraphStyle("proj-cell", parent=st["cell"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("proj-right", parent=cell, alignment=TA_RIGHT)
    story: list[Any] = [Paragraph(
        f"Each community project, what it was given and what the cash book shows paid for "
        f"it up to {uk(data.until)}, and its results.", st["body"],
    )]  # fmt: skip
    rows = [[Paragraph(f"<b>{h}</b>", right if n > 0 and n < 4 else cell)
             for n, h in enumerate(("Project", "Budget", "Spent", "Left", "Status"))]]  # fmt: skip
    for p in data.projects:
        figures = (p.budget_pence, p.spent_pence, p.left_pence)
        rows.append([Paragraph(escape(p.name), cell),
                     *(Paragraph(money(v), right) for v in figures),
                     Paragraph(escape(p.status), cell)])  # fmt: skip
    budget = sum(p.budget_pence for p in data.projects)
    spent = sum(p.spent_pence for p in data.projects)
    rows.append([Paragraph("<b>All projects</b>", cell),
                 *(Paragraph(f"<b>{money(v)}</b>", right) for v in (budget, spent, budget - spent)),
                 Paragraph("", cell)])  # fmt: skip
    story.append(ruled(rows, [62 * mm, 28 * mm, 28 * mm, 28 * mm, 30 * mm], totals=True))
    for project in data.projects:
        story += _project(project, st, cell, right)
    document.render(story, out, head=data.letterhead, title=data.title,
                    generated=uk_datetime(data.generated), invariant=invariant)  # fmt: skip
    make_private(out)
