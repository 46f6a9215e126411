"""The Board & Elections page: the board and its officers, and every election."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.context import PageContext
from app.ui.elections.board_tab import BoardTab
from app.ui.elections.elections_tab import ElectionsTab
from app.ui.forms import named
from app.ui.pages import heading


class ElectionsPage(QWidget):
    """Two tabs: the Board and the Elections."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Board & Elections"))
        self.tabs = named(QTabWidget(), "Board and elections")
        self.board = BoardTab(ctx)
        self.elections = ElectionsTab(ctx)
        self.tabs.addTab(self.board, "&Board")
        self.tabs.addTab(self.elections, "&Elections")
        layout.addWidget(self.tabs, 1)
        self.setAccessibleName("Board & Elections")
