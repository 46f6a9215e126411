"""Letters to members: one letter (one or more pages) per member, in one PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from app.reports.pdf import document, fonts
from app.services.common.reports import Letterhead, make_private
from app.services.membership.report_types import LetterRun

BLANK_LINES = re.compile(r"(\n(?:[ \t]*\n)+)")
MARGIN = 22 * mm
HEAD = 26 * mm
NORMAL_SIZE = 11.0
LARGE_SIZE = 16.0  # RNIB's clear print guidance: 16 pt or more for large print


def _style(size: float) -> ParagraphStyle:
    regular, _bold = fonts.register()
    return ParagraphStyle(
        f"letter{size}",
        fontName=regular,
        fontSize=size,
        leading=size * 1.3,
        spaceAfter=size * 0.8,
        textColor=document.INK,
    )


def _heading(head: Letterhead) -> Any:
    regular, bold = fonts.register()
    logo = ImageReader(io.BytesIO(head.logo)) if head.logo else None

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = A4
        top = height - 14 * mm
        x = MARGIN
        if logo is not None:
            iw, ih = logo.getSize()
            scale = min(16 * mm / ih, 36 * mm / iw)
            canvas.drawImage(logo, x, top - ih * scale, iw * scale, ih * scale, mask="auto")
            x += iw * scale + 4 * mm
        canvas.setFillColor(document.INK)
        canvas.setFont(bold, 13)
        canvas.drawString(x, top - 5 * mm, head.organisation)
        canvas.setFont(regular, 8.5)
        y = top - 3 * mm
        for line in head.address.splitlines():
            canvas.drawRightString(width - MARGIN, y, line)
            y -= 10.5
        canvas.setStrokeColor(document.RULE)
        canvas.line(
            MARGIN,
            height - 14 * mm - HEAD + 8 * mm,
            width - MARGIN,
            height - 14 * mm - HEAD + 8 * mm,
        )

    return draw


def story(run: LetterRun) -> list[Flowable]:
    """Each letter's paragraphs (a blank line separates them), a page break between letters."""
    normal, large = _style(NORMAL_SIZE), _style(LARGE_SIZE)
    flow: list[Flowable] = []
    for number, letter in enumerate(run.letters):
        if number:
            flow.append(PageBreak())
        style = large if letter.large_print else normal
        parts = BLANK_LINES.split(letter.text.replace("\r\n", "\n").strip("\n"))
        for index, part in enumerate(parts):
            if index % 2:  # the blank lines between paragraphs: more than one leaves a gap
                extra = part.count("\n") - 2
                if extra > 0:
                    flow.append(Spacer(1, extra * style.leading))
            elif part.strip():
                flow.append(Paragraph(part.replace("\n", "<br/>"), style))
    return flow


def write(run: LetterRun, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Write every letter in ``run`` to one PDF."""
    target: Any = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm + HEAD,
        bottomMargin=18 * mm,
        title=run.title,
        author=run.letterhead.organisation,
        creator="MutualDesk",
        invariant=1 if invariant else 0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="letter")
    doc.addPageTemplates(
        [PageTemplate(id="letter", frames=[frame], onPage=_heading(run.letterhead))]
    )
    doc.build(story(run))
    make_private(out)
