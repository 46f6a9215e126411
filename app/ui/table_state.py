"""Remembered table layouts (column widths and order), apart from preferences."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableView
from shiboken6 import isValid


def remember_columns(table: QTableView, state: QSettings, key: str) -> None:
    """Restore the table's column layout now and save it whenever it changes."""
    header = table.horizontalHeader()
    saved = state.value(f"tables/{key}")
    if saved is not None:
        header.restoreState(saved)

    def save() -> None:
        if not isValid(header):  # the table is being destroyed
            return
        state.setValue(f"tables/{key}", header.saveState())

    header.sectionResized.connect(save)
    header.sectionMoved.connect(save)
