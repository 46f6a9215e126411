"""The Members area: for now, the register's totals and what is coming."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import members_summary
from app.ui.context import PageContext
from app.ui.ops import Change
from app.ui.pages import heading


class MembersPage(QWidget):
    """The register's totals; the full register arrives with the membership area."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Members"))
        self.totals = QLabel("Counting members…")
        self.totals.setObjectName("memberTotals")
        self.totals.setAccessibleName("Number of members")
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-size: 13pt;")
        layout.addWidget(self.totals)
        later = QLabel(
            "Adding, finding and editing members, the share register, address labels and "
            "importing from a spreadsheet are not ready yet; they will appear on this page."
        )
        later.setWordWrap(True)
        layout.addWidget(later)
        layout.addStretch(1)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        """Count the register again."""
        org_id = self.ctx.organisation.id
        self.ctx.runner.run(
            self, lambda s: members_summary.summary(s, org_id), on_success=self._show, write=False
        )

    def _show(self, summary: members_summary.RegisterSummary) -> None:
        self.totals.setText(
            f"{summary.current:,} current members on the register of "
            f"{self.ctx.organisation.name}, and {summary.former:,} former members."
        )

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.MEMBERS in changes or Change.DATABASE in changes:
            self.refresh()
