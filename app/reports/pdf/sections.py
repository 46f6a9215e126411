"""A SectionedReport as a PDF: an introduction, then one headed table per section."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.reports.pdf.table import NUMERIC, PADDING, STRIPE, _markup, column_widths
from app.services.common.reports import TableReport, cell_text, make_private, uk_datetime
from app.services.common.sections import Section, SectionedReport


def _natural_width(section: Section, style: dict[str, ParagraphStyle]) -> float:
    """The width the table needs to print every heading and cell on one line, plus slack."""
    cell, head = style["cell"], style["head"]
    total = 0.0
    for index, column in enumerate(section.columns):
        widest = max(stringWidth(w, head.fontName, head.fontSize) for w in column.heading.split())
        for row in section.rows:
            for line in cell_text(row[index], column.kind).splitlines():
                widest = max(widest, stringWidth(line, cell.fontName, cell.fontSize))
        total += widest + PADDING + 24
    return total


def _table(section: Section, report: SectionedReport, style: dict[str, ParagraphStyle]) -> Table:
    available = document.page_size()[0] - 2 * document.MARGIN
    sizing = TableReport(
        section.title, report.letterhead, report.generated, section.columns, section.rows
    )
    if not section.is_fields:  # a narrow table stays narrow, not stretched across the page
        available = min(available, _natural_width(section, style))
    widths = column_widths(sizing, style["cell"], style["head"], available)
    right = ParagraphStyle("right", parent=style["cell"], alignment=TA_RIGHT)
    head_right = ParagraphStyle("head_right", parent=style["head"], alignment=TA_RIGHT)
    numeric = [c.kind in NUMERIC for c in section.columns]
    header = [
        Paragraph(_markup(c.heading), head_right if n else style["head"])
        for c, n in zip(section.columns, numeric, strict=True)
    ]
    label = style["head"] if section.is_fields else style["cell"]
    body = [
        [
            Paragraph(
                _markup(cell_text(value, column.kind)),
                label if section.is_fields and i == 0 else right if n else style["cell"],
            )
            for i, (value, column, n) in enumerate(zip(row, section.columns, numeric, strict=True))
        ]
        for row in section.rows
    ]
    rows = body if section.is_fields else [header, *body]
    table = Table(rows, colWidths=widths, repeatRows=0 if section.is_fields else 1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    first = 0 if section.is_fields else 1
    if not section.is_fields:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, document.INK))
    if body:
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [STRIPE, colors.white]))
    table.setStyle(TableStyle(commands))
    return table


def _story(report: SectionedReport) -> list[Flowable]:
    style = document.styles()
    heading = ParagraphStyle("section", parent=style["h2"], keepWithNext=1, spaceBefore=12)
    story: list[Flowable] = [Paragraph(_markup(report.introduction), style["body"])]
    for section in report.sections:
        story.append(Paragraph(_markup(section.title), heading))
        if section.rows:
            story.append(_table(section, report, style))
        else:
            story.append(Paragraph(_markup(section.empty), style["body"]))
        if section.note and section.rows:
            story += [Spacer(1, 3), Paragraph(_markup(section.note), style["small"])]
    return story


def write(report: SectionedReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render ``report`` to ``out``."""
    document.render(
        _story(report),
        out,
        head=report.letterhead,
        title=report.title,
        generated=uk_datetime(report.generated),
        invariant=invariant,
    )
    make_private(out)
