"""The Meetings page: every meeting, a search across all minutes, and the action log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import meetings
from app.services.accounts.roles import Permission
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.meetings.models import (
    ActionColumn,
    MeetingColumn,
    actions_model,
    hits_model,
    meetings_model,
)
from app.ui.ops import Change
from app.ui.pages import heading
from app.ui.widgets import button, result_label, selected, table

Listed = tuple[list[meetings.MeetingInfo], list[meetings.ActionInfo], list[meetings.BodyInfo]]


class MeetingsPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.can_change = ctx.user.actor.can(Permission.EDIT_MEETINGS) and not ctx.read_only
        self.dialog: QDialog | None = None
        self.window_: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Meetings"))
        self.tabs = named(QTabWidget(), "Meetings and actions")
        layout.addWidget(self.tabs, 1)
        self.setAccessibleName("Meetings")
        # -- meetings and search ------------------------------------------------------------
        first = QWidget()
        column = QVBoxLayout(first)
        search_row = QHBoxLayout()
        label = QLabel("&Search the minutes:")
        self.search = named(
            QLineEdit(), "Search the minutes", "Words in notes, decisions, resolutions or actions"
        )
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        search_row.addWidget(label)
        search_row.addWidget(self.search, 1)
        column.addLayout(search_row)
        self.model = meetings_model()
        self.table = table(self.model, "Meetings", "Every meeting, newest first; Enter opens one")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            MeetingColumn.TITLE, QHeaderView.ResizeMode.Stretch
        )
        column.addWidget(self.table, 2)
        self.hits = hits_model()
        self.hit_table = table(self.hits, "Search results", "Where the words were found")
        self.hit_table.hide()
        column.addWidget(self.hit_table, 1)
        row = QHBoxLayout()
        self.new_button = button("&New meeting…", "Set up a new meeting", self._on_new, row)
        self.open_button = button("&Open…", "Open the selected meeting", self._on_open, row)
        row.addStretch(1)
        column.addLayout(row)
        self.result = result_label("What happened")
        column.addWidget(self.result)
        self.tabs.addTab(first, "&Meetings")
        # -- action log ---------------------------------------------------------------------
        second = QWidget()
        acol = QVBoxLayout(second)
        self.action_rows = actions_model()
        self.action_table = table(
            self.action_rows, "Action log", "Every action, oldest meeting first"
        )
        self.action_table.horizontalHeader().setStretchLastSection(False)
        self.action_table.horizontalHeader().setSectionResizeMode(
            ActionColumn.ACTION, QHeaderView.ResizeMode.Stretch
        )
        acol.addWidget(self.action_table, 1)
        arow = QHBoxLayout()
        self.progress_button = button(
            "Action &progress…", "Mark an action done or dropped", self._on_progress, arow
        )
        arow.addStretch(1)
        acol.addLayout(arow)
        self.tabs.addTab(second, "&Action log")
        # -- who meets ----------------------------------------------------------------------
        from app.ui.meetings.bodies import BodiesTab

        self.bodies_tab = BodiesTab(ctx, self.can_change)
        self.tabs.addTab(self.bodies_tab, "&Who meets")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.table.activated.connect(self._on_open)
        self.hit_table.activated.connect(self._on_hit)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.new_button.setEnabled(self.can_change)
        self.progress_button.setEnabled(self.can_change)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        org_id = self.ctx.organisation.id
        chosen = selected(self.table, self.model)
        wanted = select_id if select_id is not None else (chosen.id if chosen else None)

        def show(found: Listed) -> None:
            listed, log, bodies = found
            self.model.set_rows(listed)
            for place, info in enumerate(listed):
                if info.id == wanted:
                    self.table.selectRow(place)
            if not self.table.currentIndex().isValid() and listed:
                self.table.selectRow(0)
            self.action_rows.set_rows(log)
            self.bodies_tab.show_bodies(bodies)
            self.open_button.setEnabled(bool(listed))

        def read(session: Any) -> Listed:
            return (
                meetings.list_meetings(session, org_id),
                meetings.action_log(session, org_id),
                meetings.list_bodies(session, org_id),
            )

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.MEETINGS, Change.DATABASE}:
            self.refresh()

    def _run_search(self) -> None:
        term, org_id = self.search.text(), self.ctx.organisation.id

        def show(found: list[meetings.Hit]) -> None:
            self.hits.set_rows(found)
            self.hit_table.setVisible(bool(term.strip()))
            words = f"{len(found)} place{'s' if len(found) != 1 else ''} found"
            self.result.setText(f"{words} for '{term.strip()}'." if term.strip() else "")

        self.ctx.runner.run(
            self, lambda s: meetings.search(s, org_id, term), on_success=show, write=False
        )

    def _on_new(self) -> None:
        from app.ui.meetings.dialogs import MeetingDialog

        actor = self.ctx.user.actor

        def show(bodies: list[meetings.BodyInfo]) -> None:
            dialog = MeetingDialog(self.ctx, self, bodies)
            self.dialog = dialog

            def made() -> None:
                if dialog.saved_id is not None:
                    self.result.setText(f"✔ '{dialog.title.text().strip()}' is planned.")
                    self.refresh(dialog.saved_id)
                    self.open_meeting(dialog.saved_id)

            dialog.accepted.connect(made)
            dialog.open()

        # The board and general meetings are set up with the usual rules the first time.
        self.ctx.runner.run(
            self, lambda s: meetings.ensure_default_bodies(s, actor), on_success=show
        )

    def _on_open(self) -> None:
        info = selected(self.table, self.model)
        if info is not None:
            self.open_meeting(info.id)

    def _on_hit(self) -> None:
        hit = selected(self.hit_table, self.hits)
        if hit is not None:
            self.open_meeting(hit.meeting_id)

    def open_meeting(self, meeting_id: int) -> QDialog:
        from app.ui.meetings.window import MeetingWindow

        window = MeetingWindow(self.ctx, self, meeting_id)
        self.window_ = window
        window.open()
        return window

    def _on_progress(self) -> None:
        from app.ui.meetings.dialogs import ActionStatusDialog

        action = selected(self.action_table, self.action_rows)
        if action is not None:
            self.dialog = ActionStatusDialog(self.ctx, self, action)
            self.dialog.open()
