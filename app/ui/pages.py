"""The areas of the main window, keyed by an enum, and the page for areas not built yet."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QLabel


class Page(Enum):
    """An area in the left-hand list; the value is its label."""

    MEMBERS = "Members"
    ELECTIONS = "Board && Elections"
    MEETINGS = "Meetings"
    FINANCE = "Budgets && Accounts"
    PERFORMANCE = "Performance"
    REPORTS = "Reports"
    ADMIN = "Administration"

    @property
    def label(self) -> str:
        """The label without the mnemonic ampersands."""
        return self.value.replace("&&", "&")


def heading(text: str) -> QLabel:
    """A page heading."""
    label = QLabel(text)
    label.setObjectName("pageHeading")
    label.setStyleSheet("font-size: 15pt; font-weight: bold;")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label
