"""The A4 page every PDF shares: letterhead, title, date generated, page X of Y."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.reports.pdf import fonts
from app.services.common.reports import Letterhead

MARGIN = 18 * mm
HEADER = 28 * mm
FOOTER = 14 * mm
PAGE_NUMBER_ROOM = 34 * mm  # "Page 12,345 of 12,345" at 8 pt, from the right margin
INK = colors.HexColor("#1d2b36")
RULE = colors.HexColor("#8a9aa6")


LARGE_PRINT = 14 / 9  # large print: table text at 14 pt rather than 9 pt


def styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    """Paragraph styles in the bundled font (``scale`` 14/9 for large print)."""
    regular, bold = fonts.register()

    def style(name: str, font: str, size: float, **more: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size * scale,
            leading=size * scale * 1.25,
            textColor=INK,
            **more,
        )

    return {
        "body": style("body", regular, 10),
        "small": style("small", regular, 8),
        "cell": style("cell", regular, 9),
        "head": style("head", bold, 9),
        "h2": style("h2", bold, 12, spaceBefore=8, spaceAfter=4, keepWithNext=1),
    }


TOTAL_FORM = "pageTotal"


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Writes "Page 3 of 7" on each page as it is finished. The total is a PDF form drawn
    once at the end and only referred to on each page, so no page is kept back in memory
    waiting for the count."""

    def showPage(self) -> None:
        regular, _ = fonts.register()
        self.saveState()
        self.setFont(regular, 8)
        self.setFillColor(INK)
        said = f"Page {self._pageNumber:,} of "
        x = self._pagesize[0] - MARGIN - PAGE_NUMBER_ROOM
        self.drawString(x, FOOTER - 6 * mm, said)
        self.translate(x + self.stringWidth(said, regular, 8), FOOTER - 6 * mm)
        self.doForm(TOTAL_FORM)
        self.restoreState()
        super().showPage()
        self._compress_last_page()

    def _compress_last_page(self) -> None:
        """Squeeze the page just finished now, not when the file is written: a long report
        then holds its pages compressed (a tenth of the memory) until the end."""
        page = self._doc.Pages.pages[-1]
        if not self._pageCompression or page.Contents or not page.stream:
            return
        stream = PDFStream(content=zlib.compress(page.stream.encode("utf-8")))
        stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
        stream.__Comment__ = "page stream"
        page.Contents, page.stream = stream, None

    def save(self) -> None:
        regular, _ = fonts.register()
        self.beginForm(TOTAL_FORM)
        self.setFont(regular, 8)
        self.setFillColor(INK)
        self.drawString(0, 0, f"{self._pageNumber - 1:,}")
        self.endForm()
        super().save()


def page_size(landscape: bool = False) -> tuple[float, float]:
    """A4 portrait or landscape, in points."""
    return (A4[1], A4[0]) if landscape else A4


def width(landscape: bool = False) -> float:
    """The width a table may take on the page, in points (margins and frame padding off)."""
    return float(page_size(landscape)[0] - 2 * MARGIN - 12)


def _letterhead(head: Letterhead, title: str, generated: str, watermark: str = "") -> Any:
    regular, bold = fonts.register()
    logo = ImageReader(io.BytesIO(head.logo)) if head.logo else None

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        if watermark:  # DRAFT across the page, behind the text
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#d5dbe0"))
            canvas.setFont(bold, 96)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -32, watermark)
            canvas.restoreState()
        top = height - MARGIN
        x = MARGIN
        if logo is not None:
            iw, ih = logo.getSize()
            scale = min(18 * mm / ih, 40 * mm / iw)
            canvas.drawImage(logo, x, top - ih * scale, iw * scale, ih * scale, mask="auto")
            x += iw * scale + 4 * mm
        canvas.setFillColor(INK)
        canvas.setFont(bold, 13)
        canvas.drawString(x, top - 5 * mm, head.organisation)
        canvas.setFont(regular, 11)
        canvas.drawString(x, top - 11 * mm, title)
        canvas.setFont(regular, 8)
        canvas.drawRightString(width - MARGIN, top - 5 * mm, f"Generated {generated}")
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, top - HEADER + 6 * mm, width - MARGIN, top - HEADER + 6 * mm)
        canvas.line(MARGIN, FOOTER, width - MARGIN, FOOTER)
        canvas.setFont(regular, 8)
        canvas.drawString(MARGIN, FOOTER - 6 * mm, f"{head.organisation} · {title}")
        if head.anchor:  # where the audit trail stood: a printed copy anchors it
            canvas.setFont(regular, 7)
            canvas.drawString(MARGIN, FOOTER - 10 * mm, head.anchor)

    return draw


def render(
    story: Sequence[Flowable],
    out: Path | BinaryIO,
    *,
    head: Letterhead,
    title: str,
    generated: str,
    invariant: bool = False,
    landscape: bool = False,
    watermark: str = "",
) -> None:
    """Write ``story`` as an A4 PDF with our letterhead and page numbers.

    With ``invariant`` the same data gives the same bytes (for tests); ``watermark``
    (such as DRAFT) is printed large across every page.
    """
    target: Any = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=page_size(landscape),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER,
        bottomMargin=FOOTER + 6 * mm,
        title=title,
        author=head.organisation,
        creator="MutualDesk",
        invariant=1 if invariant else 0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates(
        [
            PageTemplate(
                id="page", frames=[frame], onPage=_letterhead(head, title, generated, watermark)
            )
        ]
    )
    doc.build(list(story), canvasmaker=_NumberedCanvas)
