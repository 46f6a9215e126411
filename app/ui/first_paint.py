"""Doing something once a window has painted (start-up's deferred imports)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

NEVER_PAINTED_MS = 2000  # a window shown minimised never paints: go on anyway


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(NEVER_PAINTED_MS, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._go)  # once this paint has reached the screen
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._widget.removeEventFilter(self)
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once, on the GUI thread, after ``widget`` first paints."""
    _AfterPaint(widget, then)
