"""An indicator's trend over eight quarters (or years) as a small bar chart: each bar
carries its figure in words, a missing quarter says so, and the target is a dashed line
named in the key, so nothing depends on colour alone."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from app.reports.pdf import fonts

BAR_FILL = colors.HexColor("#1d4e89")


def trend_chart(
    title: str, points: tuple[tuple[str, Decimal | None], ...], target: Decimal | None,
    unit: str, width: float = 250, height: float = 120,
) -> Drawing:  # fmt: skip
    """Bars for ``points`` (label, value), with the target as a dashed line."""
    regular, bold = fonts.register()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title if len(title) <= 52 else title[:51] + "…",
                       fontName=bold, fontSize=7.5))  # fmt: skip
    values = [v for _l, v in points if v is not None]
    top = max([*values, target or Decimal(0), Decimal(1)]) * Decimal("1.15")
    left, bottom, plot_h = 4.0, 22.0, height - 44
    step = (width - 8) / max(len(points), 1)
    for index, (label, value) in enumerate(points):
        x = left + index * step
        short = label[2:] if "Q" in label else label  # '24/25 Q1', or '2024/25'
        drawing.add(String(x + step / 2, 12, short, fontName=regular, fontSize=5.5,
                           textAnchor="middle"))  # fmt: skip
        if value is None:
            drawing.add(String(x + step / 2, bottom + 2, "none", fontName=regular, fontSize=5.5,
                               textAnchor="middle"))  # fmt: skip
            continue
        bar_h = float(value / top) * plot_h
        drawing.add(Rect(x + step * 0.15, bottom, step * 0.7, bar_h, fillColor=BAR_FILL,
                         strokeColor=colors.black, strokeWidth=0.3))  # fmt: skip
        figure = f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}"
        drawing.add(String(x + step / 2, bottom + bar_h + 2, figure, fontName=regular,
                           fontSize=5.5, textAnchor="middle"))  # fmt: skip
    if target is not None:
        y = bottom + float(target / top) * plot_h
        drawing.add(Line(left, y, width - 4, y, strokeColor=colors.black, strokeWidth=0.6,
                         strokeDashArray=[3, 2]))  # fmt: skip
        drawing.add(String(width - 4, 1, f"- - - target {target.normalize():f}{unit and ' ' + unit}"
                           .replace(" %", "%"), fontName=regular, fontSize=6,
                           textAnchor="end"))  # fmt: skip
    drawing.add(Line(left, bottom, width - 4, bottom, strokeColor=colors.black, strokeWidth=0.4))
    return drawing
