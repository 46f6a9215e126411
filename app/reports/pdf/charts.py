"""Charts drawn once with ReportLab graphics: placed in PDFs as they are, and shown on
screen as SVG (``as_svg``). Budget and actual bars are told apart by a light and a
dark fill, always in the same order, with a key in words, and every bar carries its
figure, so nothing depends on colour alone."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from app.reports.pdf import fonts

BUDGET_FILL = colors.HexColor("#c9d6e3")
ACTUAL_FILL = colors.HexColor("#1d4e89")


def budget_chart(
    bars: tuple[tuple[str, int, int], ...], width: float = 460, title: str = ""
) -> Drawing:
    """Budget against actual to date for each service: (name, budget, actual) in pence."""
    regular, bold = fonts.register()
    rows = max(len(bars), 1)
    height = 60 + rows * 38
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    if title:
        drawing.add(String(0, height - 14, title, fontName=bold, fontSize=10))
    chart = HorizontalBarChart()
    chart.x, chart.y = 130, 30
    chart.width, chart.height = width - 200, height - 60
    chart.data = [[b // 100 for _n, b, _a in bars] or [0], [a // 100 for _n, _b, a in bars] or [0]]
    chart.categoryAxis.categoryNames = [n for n, _b, _a in bars] or ["(nothing budgeted)"]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"£{int(v):,}"
    chart.bars[0].fillColor = BUDGET_FILL
    chart.bars[1].fillColor = ACTUAL_FILL
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.4
    chart.barLabelFormat = lambda v: f"£{int(v):,}"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    # The key: a light box for the budget, a dark one for the actual, both named.
    for i, (fill, text) in enumerate(
        ((BUDGET_FILL, "Budget to date"), (ACTUAL_FILL, "Actual to date"))
    ):
        x = 130 + i * 120
        drawing.add(Rect(x, 6, 10, 10, fillColor=fill, strokeColor=colors.black, strokeWidth=0.4))
        drawing.add(String(x + 14, 8, text, fontName=regular, fontSize=8))
    return drawing


def as_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG (for the screen)."""
    from reportlab.graphics import renderSVG

    text: str = renderSVG.drawToString(drawing)
    return text.encode("utf-8")
