"""The Board tab: who sits on the board, the kinds of seat, officers, who retires at the AGM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue
from app.services import board
from app.services.accounts.roles import Permission
from app.services.common.dates import uk
from app.ui.context import PageContext
from app.ui.elections import board_dialogs
from app.ui.elections.models import SeatTypeRow, seat_types_model, seats_model
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.widgets import button, date_box, read_date, result_label, selected, table


@dataclass(frozen=True)
class BoardView:
    """Everything the tab shows, read in one unit of work."""

    seats: list[board.BoardSeat]
    seat_types: list[SeatTypeRow]
    officers: list[board.Officer]
    next_agm: date
    on: date  # the date the board is shown for


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    label.setWordWrap(True)
    return label


def _date_row(row: QHBoxLayout, label_text: str, name: str) -> QLineEdit:
    """A labelled date box (today's date to start with) added to ``row``."""
    label = QLabel(label_text)
    box = date_box(name, date.today())
    label.setBuddy(box)
    row.addWidget(label)
    row.addWidget(box)
    return box


class BoardTab(QWidget):
    """The board today, and the actions that change it."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.can_edit = ctx.user.actor.can(Permission.EDIT_MEETINGS) and not ctx.read_only
        self.view = BoardView([], [], [], date.today(), date.today())
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = _section("The board today")
        self.summary.setAccessibleName("The board today")
        column.addWidget(self.summary)
        when = QHBoxLayout()
        self.on = _date_row(when, "Board o&n:", "Show the board on this date")
        button("&Go", "Show the board on the date typed", self.refresh, when)
        self.on_error = result_label("Error")
        when.addWidget(self.on_error)
        when.addStretch(1)
        column.addLayout(when)
        self.seats_model = seats_model()
        self.seats = table(self.seats_model, "The board", "Who sits on the board today")
        column.addWidget(self.seats, 1)
        row = QHBoxLayout()
        self.add_button = button(
            "&Add a member to a seat…", "Add a member to a seat", self._on_add, row
        )
        self.end_button = button("&End seat…", "End the selected member's seat", self._on_end, row)
        self.officer_button = button(
            "Make &officer…", "Make the selected member an officer", self._on_officer, row
        )
        self.end_officer_button = button(
            "End o&ffice…", "End someone's office", self._on_end_officer, row
        )
        row.addStretch(1)
        column.addLayout(row)
        self.result = result_label("What happened")
        column.addWidget(self.result)
        splitter.addWidget(top)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_section("Kinds of seat"))
        self.types_model = seat_types_model()
        self.types = table(
            self.types_model, "Kinds of seat", "Each kind of seat and how many are filled"
        )
        column.addWidget(self.types, 1)
        bottom.addWidget(left)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_section("Who retires at the next AGM"))
        row = QHBoxLayout()
        self.agm = _date_row(row, "AGM &date:", "Date of the next AGM")
        self.one_third = named(
            QCheckBox("One &third retire by rotation"),
            "One third retire by rotation",
            "Tick if the rules say one third of the elected members retire each year",
        )
        self.retiring_button = button("S&how", "Show who retires", self.load_retiring, row)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.one_third)
        self.agm_error = result_label("Error")
        column.addWidget(self.agm_error)
        self.retiring = named(QListWidget(), "Who retires at the next AGM")
        column.addWidget(self.retiring, 1)
        bottom.addWidget(right)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.agm.returnPressed.connect(self.load_retiring)
        self.on.returnPressed.connect(self.refresh)
        self.seats.selectionModel().currentRowChanged.connect(self._update_buttons)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    # -- data ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the board again, as it was on the date in the 'Board on' box."""
        org_id = self.ctx.organisation.id
        issues: list[Issue] = []
        on = read_date(self.on, "on", "The date to show the board on", issues)
        if on is None:
            self.on_error.setText(f"⚠ {issues[0].message}" if issues else "")
            return
        self.on_error.clear()
        today = date.today()

        def load(session: Any) -> BoardView:
            filled = {v.seat_type_id: v.filled for v in board.vacancies(session, org_id, on)}
            return BoardView(
                board.board_on(session, org_id, on),
                [
                    SeatTypeRow(s, filled.get(s.id, 0))
                    for s in board.list_seat_types(session, org_id)
                ],
                board.officers(session, org_id, current_on=on),
                board.next_agm(session, org_id, today),
                on,
            )

        self.ctx.runner.run(self, load, on_success=self._show, write=False)

    def _show(self, view: BoardView) -> None:
        chosen = selected(self.seats, self.seats_model)
        self.view = view
        self.seats_model.set_rows(view.seats)
        self.types_model.set_rows(view.seat_types)
        vacant = sum(max(r.info.seats - r.filled, 0) for r in view.seat_types)
        when = f"today ({uk(view.on)})" if view.on == date.today() else f"on {uk(view.on)}"
        self.summary.setText(
            f"The board {when}: {len(view.seats)} members"
            + (f", {vacant} seat{'s' if vacant != 1 else ''} vacant." if vacant else ".")
        )
        for place, seat in enumerate(view.seats):
            if chosen is not None and seat.id == chosen.id:
                self.seats.selectRow(place)
        self._update_buttons()
        if not self.agm.isModified():  # the next AGM called (or due), unless one was typed
            self.agm.setText(uk(view.next_agm))
        self.load_retiring()

    def load_retiring(self) -> None:
        """Show who must stand down at the AGM on the date typed."""
        issues: list[Issue] = []
        agm = read_date(self.agm, "agm", "AGM date", issues)
        if issues:
            self.agm_error.setText(f"⚠ {issues[0].message}")
            return
        self.agm_error.clear()
        assert agm is not None
        org_id, third = self.ctx.organisation.id, self.one_third.isChecked()
        self.ctx.runner.run(
            self,
            lambda s: board.retiring_at(s, org_id, agm, one_third=third),
            on_success=self._show_retiring,
            on_user_error=lambda e: self.agm_error.setText(f"⚠ {e.message}"),
            write=False,
        )

    def _show_retiring(self, found: list[board.Retiring]) -> None:
        self.retiring.clear()
        for item in found:
            seat = item.seat
            self.retiring.addItem(
                f"{seat.name} ({seat.membership_number}), {seat.seat_type}: {item.reason}"
            )
        if not found:
            self.retiring.addItem("Nobody has to retire at that AGM.")

    def _update_buttons(self) -> None:
        seat = selected(self.seats, self.seats_model)
        self.add_button.setEnabled(self.can_edit and bool(self.view.seat_types))
        self.end_button.setEnabled(self.can_edit and seat is not None)
        self.officer_button.setEnabled(self.can_edit and seat is not None)
        self.end_officer_button.setEnabled(self.can_edit and bool(self.view.officers))

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.BOARD, Change.MEMBERS, Change.DATABASE}:
            self.refresh()

    # -- actions -------------------------------------------------------------------------
    def _open(self, dialog: board_dialogs.BoardDialog, done: str) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.result.setText(f"✔ {done}"))
        dialog.open()

    def _on_add(self) -> None:
        types = [r.info for r in self.view.seat_types]
        self._open(board_dialogs.AddSeatDialog(self.ctx, self, types), "Added to the board.")

    def _on_end(self) -> None:
        seat = selected(self.seats, self.seats_model)
        if seat is not None:
            self._open(board_dialogs.EndSeatDialog(self.ctx, self, seat), "The seat is ended.")

    def _on_officer(self) -> None:
        seat = selected(self.seats, self.seats_model)
        if seat is not None:
            self._open(board_dialogs.MakeOfficerDialog(self.ctx, self, seat), "Officer recorded.")

    def _on_end_officer(self) -> None:
        if not self.view.officers:
            return
        self._open(
            board_dialogs.EndOfficerDialog(self.ctx, self, self.view.officers),
            "The office is ended.",
        )
