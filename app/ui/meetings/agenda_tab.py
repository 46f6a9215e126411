"""The agenda: standard items to start with; add, rename, move and remove."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import meetings
from app.ui.forms import named
from app.ui.meetings.owner import MeetingOwner
from app.ui.widgets import ask, button, result_label


class AgendaTab(QWidget):
    def __init__(self, owner: MeetingOwner) -> None:
        super().__init__()
        self.owner = owner
        self.items: list[meetings.ItemInfo] = []
        layout = QVBoxLayout(self)
        self.list = named(QListWidget(), "Agenda", "The items in order")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = button("&Add item…", "Add an item after the chosen one", self._add, row)
        self.rename_button = button("&Rename…", "Rename the chosen item", self._rename, row)
        self.up_button = button("Move &up", "Move the chosen item up", lambda: self._move(-1), row)
        self.down_button = button(
            "Move do&wn", "Move the chosen item down", lambda: self._move(1), row
        )
        self.remove_button = button("Re&move", "Remove the chosen item", self._remove, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)

    def show_items(self, found: list[meetings.ItemInfo], editable: bool) -> None:
        keep = self.current()
        self.items = found
        self.list.clear()
        for item in found:
            entry = QListWidgetItem(f"{item.position}. {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(entry)
            if keep is not None and item.id == keep.id:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and found:
            self.list.setCurrentRow(0)
        for b in (
            self.add_button,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            b.setEnabled(editable)

    def current(self) -> meetings.ItemInfo | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _add(self) -> None:
        title, ok = QInputDialog.getText(self, "Add an item", "Title of the new item:")
        if not ok:
            return
        chosen = self.current()
        after = chosen.position if chosen else None
        actor, meeting_id = self.owner.ctx.user.actor, self.owner.meeting_id
        self.owner.change(
            lambda s: meetings.add_item(s, actor, meeting_id, title, after_position=after),
            f"✔ '{title.strip()}' added.",
            self.result,
        )

    def _rename(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        title, ok = QInputDialog.getText(self, "Rename", "New title:", text=chosen.title)
        if ok:
            actor = self.owner.ctx.user.actor
            self.owner.change(
                lambda s: meetings.rename_item(s, actor, chosen.id, title),
                "✔ Renamed.",
                self.result,
            )

    def _move(self, steps: int) -> None:
        chosen = self.current()
        if chosen is not None:
            actor = self.owner.ctx.user.actor
            self.owner.change(
                lambda s: meetings.move_item(s, actor, chosen.id, steps),
                f"✔ '{chosen.title}' moved.",
                self.result,
            )

    def _remove(self) -> None:
        chosen = self.current()
        if chosen is None or not ask(self, "Remove item", f"Take '{chosen.title}' off the agenda?"):
            return
        actor = self.owner.ctx.user.actor
        self.owner.change(
            lambda s: meetings.remove_item(s, actor, chosen.id),
            f"✔ '{chosen.title}' removed.",
            self.result,
        )
