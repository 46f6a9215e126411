"""The chosen indicator's trend over eight quarters, drawn on screen as the printed report
draws it: a bar a quarter with its figure written on it, "none" where nothing was
recorded, and the target as a dashed line named in words, so nothing depends on colour.
Its accessible description reads every figure out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.services.performance.results import IndicatorResult


def _figure(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}"


def _span(row: IndicatorResult) -> str:
    return "the last eight quarters" if len(row.periods) == 4 else "the last eight years"


def describe(row: IndicatorResult) -> str:
    """The trend in words: each quarter's (or year's) figure, and the target."""
    said = "; ".join(f"{label}: {_figure(v) if v is not None else 'none recorded'}"
                     for label, v in row.trend)  # fmt: skip
    target = f" Target {row.target_shown}." if row.target is not None else ""
    return f"{row.name}, {_span(row)}: {said}.{target}"


class TrendChart(QWidget):
    """A bar chart of one indicator's last eight quarters (or years)."""

    def __init__(self) -> None:
        super().__init__()
        self.row: IndicatorResult | None = None
        self.setAccessibleName("Trend over eight quarters")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can read it out
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.fontMetrics().height() * 10)

    def show_row(self, row: IndicatorResult | None) -> None:
        self.row = row
        self.setAccessibleDescription(describe(row) if row else "No indicator chosen.")
        self.setToolTip(self.accessibleDescription())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(ink)
        line = self.fontMetrics().height()
        if self.row is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Choose an indicator "
                             "in the table to see its trend.")  # fmt: skip
            return
        row = self.row
        title = f"{row.code} {row.name}: {_span(row)}"
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        values = [v for _label, v in row.trend if v is not None]
        top = max([*values, row.target or Decimal(0), Decimal(1)]) * Decimal("1.15")
        bottom, plot = self.height() - 2.2 * line, self.height() - 4.6 * line
        step = self.width() / max(len(row.trend), 1)
        bar = self.palette().color(QPalette.ColorRole.Highlight)
        labels: list[tuple[QRectF, str]] = []
        for index, (label, value) in enumerate(row.trend):
            x = index * step
            under = QRectF(x, bottom + 0.2 * line, step, line)
            painter.drawText(under, Qt.AlignmentFlag.AlignCenter, label[2:])  # "24/25 Q1"
            if value is None:
                painter.drawText(QRectF(x, bottom - line, step, line),
                                 Qt.AlignmentFlag.AlignCenter, "none")  # fmt: skip
                continue
            height = float(value / top) * plot
            painter.fillRect(QRectF(x + step * 0.2, bottom - height, step * 0.6, height), bar)
            painter.drawRect(QRectF(x + step * 0.2, bottom - height, step * 0.6, height))
            labels.append((QRectF(x, bottom - height - line, step, line), _figure(value)))
        painter.drawLine(0, int(bottom), self.width(), int(bottom))
        if row.target is not None:
            y = bottom - float(row.target / top) * plot
            pen = QPen(ink)
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawLine(0, int(y), self.width(), int(y))
            painter.setPen(ink)
        for where, text in labels:  # over the target's line, on a clear patch
            width = self.fontMetrics().horizontalAdvance(text) + 6
            patch = QRectF(where.center().x() - width / 2, where.top(), width, where.height())
            painter.fillRect(patch, self.palette().color(QPalette.ColorRole.Window))
            painter.drawText(where, Qt.AlignmentFlag.AlignCenter, text)
        if row.target is not None:  # the line named in words, once
            painter.drawText(QRectF(0, self.height() - line, self.width(), line),
                             Qt.AlignmentFlag.AlignRight,
                             f"- - - dashed line: target {row.target_shown}")  # fmt: skip
