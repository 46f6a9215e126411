"""The reach report as a PDF: each quarter's families and children, by group, and the
activities' sessions; every count under 5 printed as "fewer than 5"."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from app.reports.pdf import document
from app.reports.pdf.finance_papers import HEAD_FILL
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.reach import FEWER, shown
from app.services.performance.reach_report import ReachReport


def _count(value: int | None) -> str:
    return "–" if value is None else shown(value)


def _grid(
    rows: list[list[str]], widths: list[float], st: dict[str, Any], numeric_from: int
) -> Table:
    cell = ParagraphStyle("reach-cell", parent=st["cell"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("reach-right", parent=cell, alignment=TA_RIGHT)
    made = [
        [Paragraph(f"<b>{escape(t)}</b>" if r == 0 else escape(t), right if c >= numeric_from
                   else cell) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]  # fmt: skip
    table = Table(made, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, document.INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, document.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table


def write(data: ReachReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the reach report to ``out``."""
    st = document.styles()
    story: list[Any] = [Paragraph(
        "How many families and children the centre reached each quarter, in the groups the "
        "council asks about, and how many came to each activity. Only counts are kept, never "
        f"a child's record; any count under 5 is shown as \u201c{FEWER}\u201d so that no family "
        "can be picked out.", st["body"],
    )]  # fmt: skip
    story.append(Paragraph("Families and children", st["h2"]))
    grid = [["Figure", "Group", *(q.split()[-1] for q in data.quarters)]]
    grid += [[m, g, *(_count(c) for c in counts)] for m, g, counts in data.rows]
    if len(grid) == 1:
        story.append(Paragraph("No counts were recorded for this year.", st["body"]))
    else:
        story.append(_grid(grid, [52 * mm, 48 * mm, *([19 * mm] * 4)], st, 2))
    story.append(Paragraph("Activities", st["h2"]))
    sessions = [["Activity", "Quarter", "Sessions", "Attendance", "Average a session"]]
    for label, activities in data.activities:
        for activity in activities:
            if activity.sessions:
                sessions.append([activity.name, label.split()[-1], str(activity.sessions),
                                 shown(activity.attendance), shown(activity.average)])  # fmt: skip
    if len(sessions) == 1:
        story.append(Paragraph("No sessions were recorded for this year.", st["body"]))
    else:
        story.append(_grid(sessions, [60 * mm, 22 * mm, 26 * mm, 28 * mm, 36 * mm], st, 2))
    document.render(story, out, head=data.letterhead, title=data.title,
                    generated=uk_datetime(data.generated), invariant=invariant)  # fmt: skip
    make_private(out)
