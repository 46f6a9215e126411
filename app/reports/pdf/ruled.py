"""The ruled table the measures' reports share: a shaded heading row that repeats on
each page, a rule under each row, and (where there is one) a heavier rule above the
total; ``text_grid`` makes one from plain text, figures set to the right."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from app.reports.pdf import document
from app.reports.pdf.finance_papers import HEAD_FILL


def ruled(rows: list[list[Any]], widths: list[float], *, totals: bool = False) -> Table:
    """``rows`` (the first the headings) as a ruled table."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, document.INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, document.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if totals:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, document.INK))
    table.setStyle(TableStyle(style))
    return table


def text_grid(rows: list[list[str]], widths: list[float], st: dict[str, Any],
              numeric_from: int = 99) -> Table:  # fmt: skip
    """Plain text ``rows`` as a ruled table; columns from ``numeric_from`` on are figures."""
    cell = ParagraphStyle("grid-cell", parent=st["cell"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("grid-right", parent=cell, alignment=TA_RIGHT)
    made = [[Paragraph(f"<b>{escape(t)}</b>" if r == 0 else escape(t),
                       right if c >= numeric_from else cell) for c, t in enumerate(row)]
            for r, row in enumerate(rows)]  # fmt: skip
    return ruled(made, widths)
