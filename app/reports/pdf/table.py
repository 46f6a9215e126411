"""A TableReport as a PDF: a full-width table whose heading repeats on every page."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.reports.common import ColumnKind, TableReport, cell_text, make_private, uk_datetime
from app.reports.pdf import document

STRIPE = colors.HexColor("#eef2f5")


def _story(report: TableReport) -> list[Flowable]:
    style = document.styles()
    story: list[Flowable] = []
    if report.subtitle:
        story += [Paragraph(report.subtitle, style["body"]), Spacer(1, 6)]
    header = [Paragraph(c.heading, style["head"]) for c in report.columns]
    body = [
        [
            Paragraph(cell_text(value, col.kind), style["cell"])
            for value, col in zip(row, report.columns, strict=True)
        ]
        for row in report.rows
    ]
    data = [header, *body]
    if any(c.total for c in report.columns):
        totals = report.totals()
        data.append(
            [
                Paragraph("Total" if i == 0 else cell_text(v, c.kind), style["head"])
                for i, (v, c) in enumerate(zip(totals, report.columns, strict=True))
            ]
        )
    weight = sum(c.width for c in report.columns)
    available = A4[0] - 2 * document.MARGIN
    widths = [available * c.width / weight for c in report.columns]
    table = Table(data, colWidths=widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, document.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index in range(1, len(body) + 1, 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), STRIPE))
    for index, column in enumerate(report.columns):
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            commands.append(("ALIGN", (index, 0), (index, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    story.append(table)
    if not report.rows:
        story.append(Paragraph("There is nothing to list.", style["body"]))
    for note in report.notes:
        story += [Spacer(1, 6), Paragraph(note, style["small"])]
    return story


def write(report: TableReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
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
