"""The reach report as a PDF: each quarter's families and children, by group, and the
activities' sessions; every count under 5 printed as "fewer than 5"."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.reports.pdf import document
from app.reports.pdf.ruled import text_grid
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.reach import FEWER, shown
from app.services.performance.reach_report import ReachReport


def _count(value: int | None) -> str:
    return "–" if value is None else shown(value)


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
        story.append(text_grid(grid, [52 * mm, 48 * mm, *([19 * mm] * 4)], st, 2))
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
        story.append(text_grid(sessions, [60 * mm, 22 * mm, 26 * mm, 28 * mm, 36 * mm], st, 2))
    document.render(story, out, head=data.letterhead, title=data.title,
                    generated=uk_datetime(data.generated), invariant=invariant)  # fmt: skip
    make_private(out)
