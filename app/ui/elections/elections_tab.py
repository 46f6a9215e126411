"""The Elections tab: every election, a new one, and the window for the chosen one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from app.services import elections
from app.services.accounts.roles import Permission
from app.ui.context import PageContext
from app.ui.elections.models import ElectionColumn, elections_model
from app.ui.ops import Change
from app.ui.widgets import button, result_label, selected, table


class ElectionsTab(QWidget):
    """The list of elections, newest ballot first."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.can_run = ctx.user.actor.can(Permission.RUN_ELECTIONS) and not ctx.read_only
        self.dialog: QDialog | None = None
        self.window_: QDialog | None = None
        layout = QVBoxLayout(self)
        self.model = elections_model()
        self.table = table(self.model, "Elections", "Every election; press Enter to open one")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ElectionColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = button("&New election…", "Set up a new election", self._on_new, row)
        self.open_button = button("&Open…", "Open the selected election", self._on_open, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.table.activated.connect(self._on_open)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Read the list again (and select ``select_id`` if given)."""
        org_id = self.ctx.organisation.id
        chosen = selected(self.table, self.model)
        wanted = select_id if select_id is not None else (chosen.id if chosen else None)

        def show(found: list[elections.ElectionInfo]) -> None:
            self.model.set_rows(found)
            for place, info in enumerate(found):
                if info.id == wanted:
                    self.table.selectRow(place)
            if not self.table.currentIndex().isValid() and found:
                self.table.selectRow(0)
            self._update_buttons()

        self.ctx.runner.run(
            self, lambda s: elections.list_elections(s, org_id), on_success=show, write=False
        )

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.can_run)
        self.open_button.setEnabled(selected(self.table, self.model) is not None)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.ELECTIONS, Change.DATABASE}:
            self.refresh()

    def _on_new(self) -> None:
        from app.ui.elections.election_form import ElectionDialog

        dialog = ElectionDialog(self.ctx, self, None)
        self.dialog = dialog

        def made() -> None:
            if dialog.saved_id is not None:
                self.result.setText(f"✔ '{dialog.title.text().strip()}' is set up as a draft.")
                self.refresh(dialog.saved_id)
                self.open_election(dialog.saved_id)

        dialog.accepted.connect(made)
        dialog.open()

    def _on_open(self) -> None:
        info = selected(self.table, self.model)
        if info is not None:
            self.open_election(info.id)

    def open_election(self, election_id: int) -> QDialog:
        """Open the window of one election; returns it."""
        from app.ui.elections.window import ElectionWindow

        window = ElectionWindow(self.ctx, self, election_id)
        self.window_ = window
        window.open()
        return window
