"""The federation's roll-up as a PDF: a row for each centre and the total, a column for
each figure (membership, finance, meetings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.reports.pdf.finance_papers import HEAD_FILL, money
from app.services.common.reports import make_private, uk_datetime
from app.services.federation import FIGURES, Rollup

# The columns' headings, short enough to stand above a figure (the workbook has the
# figures' full names).
SHORT = {
    "members_at_start": "Members at start", "joined": "Joined", "left": "Left",
    "members_at_end": "Members at end", "eligible_at_end": "May vote at end",
    "receipts_pence": "Receipts", "payments_pence": "Payments",
    "funds_at_end_pence": "Cash funds at end", "budget_receipts_pence": "Budgeted receipts",
    "budget_payments_pence": "Budgeted payments", "meetings_held": "Meetings held",
    "meetings_quorate": "Quorate",
}  # fmt: skip


def _shown(value: int, kind: str) -> str:
    return money(value) if kind == "money" else f"{value:,}"


def write(data: Rollup, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the roll-up to ``out``."""
    st = document.styles()
    cell = ParagraphStyle("cell-7", parent=st["cell"], fontSize=7, leading=8.5)
    right = ParagraphStyle("right-7", parent=cell, alignment=TA_RIGHT)
    bold = "<b>{}</b>"
    head = ParagraphStyle("head-6", parent=right, fontSize=6.5, leading=7.5)
    rows: list[list[Any]] = [
        [Paragraph(bold.format("Centre"), cell)]
        + [Paragraph(bold.format(escape(SHORT[f])), head) for f, _l, _k in FIGURES]
    ]
    for centre in data.centres:
        rows.append(
            [Paragraph(escape(f"{centre.name} ({centre.year_label})"), cell)]
            + [Paragraph(_shown(getattr(centre, f), k), right) for f, _l, k in FIGURES]
        )
    rows.append(
        [Paragraph(bold.format(f"All {len(data.centres)} centres"), cell)]
        + [Paragraph(bold.format(_shown(data.total(f), k)), right) for f, _l, k in FIGURES]
    )
    widths = [(22 if kind == "money" else 15) * mm for _f, _l, kind in FIGURES]
    table = Table(rows, colWidths=[40 * mm, *widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, document.INK),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, document.INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    intro = st["body"]
    story = [
        Paragraph(
            f"Each centre's financial year starting in {data.start_year}"
            + (f", quarter {data.quarter}" if data.quarter else "")
            + ": its members, money "
            "and meetings as its own reports give them, and the federation's total. 'May vote "
            "at end': current members eligible to vote on the year's last day; 'Quorate': the "
            "meetings held that were quorate.",
            intro,
        ),
        Spacer(1, 4 * mm),
        table,
    ]
    document.render(
        story, out, head=data.letterhead, title=f"Federation roll-up {data.start_year}"
        + (f", quarter {data.quarter}" if data.quarter else ""),
        generated=uk_datetime(data.generated), invariant=invariant, landscape=True,
    )  # fmt: skip
    make_private(out)
