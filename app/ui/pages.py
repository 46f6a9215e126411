"""The areas of the main window, keyed by an enum, and the page for areas not built yet."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Page(Enum):
    """An area in the left-hand list; the value is its label."""

    MEMBERS = "Members"
    ELECTIONS = "Board && Elections"
    MEETINGS = "Meetings"
    FINANCE = "Budgets && Accounts"
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


class PlaceholderPage(QWidget):
    """An area that is not built yet says so plainly."""

    def __init__(self, page: Page, coming: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(page.label))
        text = QLabel(
            f"This part of MutualDesk is not ready yet. When it is, this is where you will "
            f"{coming}.\n\nNothing you do elsewhere is affected."
        )
        text.setWordWrap(True)
        text.setAccessibleName(f"{page.label}: not ready yet")
        layout.addWidget(text)
        layout.addStretch(1)
        self.setAccessibleName(page.label)
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


PLACEHOLDER_TEXT = {
    Page.FINANCE: "record receipts and payments against the LMA budget and prepare the accounts",
}
