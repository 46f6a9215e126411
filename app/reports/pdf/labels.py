"""Address labels on Avery sheets, drawn straight onto the page at Avery's positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.reports.pdf import document, fonts
from app.services.common.reports import make_private
from app.services.membership.label_sheets import LabelSheet
from app.services.membership.report_types import Label, LabelRun

PAD_X = 4 * mm  # printers drift: keep text well inside the label
PAD_Y = 3 * mm
NORMAL_SIZE = 10.0
LARGE_SIZE = 14.0
SMALLEST = 6.5


def fit(lines: tuple[str, ...], size: float, width: float, height: float) -> float:
    """The largest font size up to ``size`` at which ``lines`` fit the box."""
    regular, _bold = fonts.register()
    widest = max((stringWidth(line, regular, 1) for line in lines), default=0)
    while size > SMALLEST and (widest * size > width or len(lines) * size * 1.2 > height):
        size -= 0.5
    return size


def _clip(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_label(canvas: Canvas, layout: LabelSheet, index: int, label: Label) -> None:
    regular, _bold = fonts.register()
    left, top = layout.position(index)
    x = left * mm + PAD_X
    width = layout.width * mm - 2 * PAD_X
    height = layout.height * mm - 2 * PAD_Y
    size = fit(label.lines, LARGE_SIZE if label.large_print else NORMAL_SIZE, width, height)
    leading = size * 1.2
    block = len(label.lines) * leading
    # centre the block of lines in the label, baseline of the first line below its top
    y = A4[1] - top * mm - (layout.height * mm - block) / 2 - size
    canvas.setFont(regular, size)
    canvas.setFillColor(document.INK)
    for line in label.lines:
        canvas.drawString(x, y, _clip(line, regular, size, width))
        y -= leading


def _draw_test_sheet(canvas: Canvas, layout: LabelSheet, start: int) -> None:
    regular, bold = fonts.register()
    canvas.setFont(regular, 8)
    canvas.setFillColor(document.INK)
    canvas.drawCentredString(
        A4[0] / 2,
        A4[1] - 8 * mm,
        f"MutualDesk test sheet for Avery {layout.code}: print on plain paper and hold it "
        "against a sheet of labels to check the alignment.",
    )
    canvas.setStrokeColor(document.RULE)
    canvas.setLineWidth(0.4)
    for index in range(layout.per_sheet):
        left, top = layout.position(index)
        x, y = left * mm, A4[1] - (top + layout.height) * mm
        canvas.roundRect(x, y, layout.width * mm, layout.height * mm, 2 * mm)
        canvas.setFont(bold if index + 1 == start else regular, 16)
        canvas.drawCentredString(
            x + layout.width * mm / 2, y + layout.height * mm / 2 - 2 * mm, str(index + 1)
        )
        canvas.setFont(regular, 6.5)
        canvas.drawCentredString(
            x + layout.width * mm / 2,
            y + 3 * mm,
            f"{layout.width} x {layout.height} mm",
        )


def write(run: LabelRun, out: Path | BinaryIO, *, invariant: bool = False) -> int:
    """Draw ``run`` (first label at position ``run.start``); returns the number of sheets."""
    target: Any = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=A4, invariant=1 if invariant else 0)
    canvas.setTitle(f"Address labels (Avery {run.sheet.code})")
    canvas.setCreator("MutualDesk")
    layout = run.sheet
    sheets = 1
    if run.test_sheet:
        _draw_test_sheet(canvas, layout, run.start)
    else:
        for offset, label in enumerate(run.labels):
            index = run.start - 1 + offset
            if index and index % layout.per_sheet == 0:
                canvas.showPage()
                sheets += 1
            _draw_label(canvas, layout, index, label)
    canvas.showPage()
    canvas.save()
    make_private(out)
    return sheets
