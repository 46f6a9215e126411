"""Taking the minutes: each agenda item's notes and decisions, saved as they are typed.

A save is queued at most ``SAVE_DELAY_MS`` after a key is pressed and runs in its
own unit of work; the line under the editors says "Saved at 19:42:05" only once
the database has committed exactly what is on screen, so what it shows as saved
survives a crash or a power cut.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import meetings
from app.ui.forms import named
from app.ui.meetings.dialogs import text_box
from app.ui.meetings.owner import MeetingOwner
from app.ui.widgets import button

SAVE_DELAY_MS = 250


class MinutesTab(QWidget):
    """Items on the left; the chosen item's notes and decisions on the right."""

    def __init__(self, owner: MeetingOwner) -> None:
        super().__init__()
        self.owner = owner
        self.items: list[meetings.ItemInfo] = []
        self.item_id: int | None = None
        self._edits = 0  # bumped on every keystroke
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        layout = QVBoxLayout(self)
        split = QSplitter()
        self.list = named(QListWidget(), "Agenda items", "Choose the item to minute")
        split.addWidget(self.list)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setAccessibleName("Item being minuted")
        column.addWidget(self.title)
        self.carried = QLabel()
        self.carried.setWordWrap(True)
        self.carried.setAccessibleName("Actions carried forward")
        column.addWidget(self.carried)
        notes_label = QLabel("&Notes (what was said)")
        self.notes = text_box("Notes", height=8)
        notes_label.setBuddy(self.notes)
        column.addWidget(notes_label)
        column.addWidget(self.notes, 2)
        decisions_label = QLabel("&Decisions")
        self.decisions = text_box("Decisions", height=3)
        decisions_label.setBuddy(self.decisions)
        column.addWidget(decisions_label)
        column.addWidget(self.decisions, 1)
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.recorded.setAccessibleName("Resolutions and actions under this item")
        column.addWidget(self.recorded)
        self.saved = QLabel()
        self.saved.setAccessibleName("Saving")
        column.addWidget(self.saved)
        row = QHBoxLayout()
        self.vote_button = button("Record a &vote…", "Record a vote", owner.record_vote, row)
        self.action_button = button("Add an &action…", "Add an action", owner.add_action, row)
        self.interest_button = button(
            "Declare an &interest…", "Declare an interest", owner.declare_interest, row
        )
        row.addStretch(1)
        column.addLayout(row)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.list.currentRowChanged.connect(self._on_item)
        self.notes.textChanged.connect(self._on_typed)
        self.decisions.textChanged.connect(self._on_typed)

    # -- showing --------------------------------------------------------------------------
    def show_items(
        self,
        found: list[meetings.ItemInfo],
        carried: list[meetings.ActionInfo],
        editable: bool,
        motions: list[meetings.MotionInfo] | None = None,
        actions: list[meetings.ActionInfo] | None = None,
    ) -> None:
        """Fill the list; keep the item being minuted (and what is typed) as it is."""
        self.items = found
        self._carried = carried
        self._motions, self._actions = motions or [], actions or []
        keep = self.item_id
        self.list.blockSignals(True)
        self.list.clear()
        for item in found:
            entry = QListWidgetItem(f"{item.position}. {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        ids = [i.id for i in found]
        row = ids.index(keep) if keep in ids else 0
        for box in (self.notes, self.decisions):
            box.setReadOnly(not editable)
        for b in (self.vote_button, self.action_button, self.interest_button):
            b.setEnabled(editable)
        if found:
            self.list.setCurrentRow(row)
            if keep not in ids or self._edits == 0:
                self._load(found[row])

    def _load(self, item: meetings.ItemInfo) -> None:
        self._loading = True
        self.item_id = item.id
        self.title.setText(f"Item {item.position}: {item.title}")
        if self.notes.toPlainText() != item.notes:
            self.notes.setPlainText(item.notes)
        if self.decisions.toPlainText() != item.decisions:
            self.decisions.setPlainText(item.decisions)
        self._loading = False
        carried = getattr(self, "_carried", [])
        if item.kind == "matters_arising" and carried:
            lines = [f"• {a.text} ({a.owner}; from {a.raised_at})" for a in carried]
            self.carried.setText("Open actions carried forward:\n" + "\n".join(lines))
        else:
            self.carried.setText("")
        self.carried.setVisible(bool(self.carried.text()))
        lines = [
            f"Resolution {m.reference}: {m.text} {m.outcome} ({m.vote_line})."
            for m in getattr(self, "_motions", [])
            if m.item_id == item.id
        ] + [
            f"Action: {a.text} ({a.owner})"
            for a in getattr(self, "_actions", [])
            if a.item_id == item.id
        ]
        self.recorded.setText("\n".join(lines))
        self.recorded.setVisible(bool(lines))
        if item.saved_at is not None and self._edits == 0:
            self.saved.setText(f"✔ Saved at {_local(item.saved_at):%H:%M:%S}.")
        elif self._edits == 0:
            self.saved.setText("")

    def _on_item(self, row: int) -> None:
        if 0 <= row < len(self.items) and self.items[row].id != self.item_id:
            self.save_now()  # the old item's text is queued before the new one loads
            self._load(self.items[row])

    # -- saving ---------------------------------------------------------------------------
    def _on_typed(self) -> None:
        if self._loading or self.item_id is None:
            return
        self._edits += 1
        self.saved.setText("Saving…")
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        """Queue a save of what is on screen now (if anything changed since the last)."""
        self._timer.stop()
        if self._edits == 0 or self.item_id is None:
            return
        edits, item_id = self._edits, self.item_id
        notes, decisions = self.notes.toPlainText(), self.decisions.toPlainText()
        actor = self.owner.ctx.user.actor

        def saved(at: datetime) -> None:
            if self._edits == edits:  # nothing typed since: what is shown is what is stored
                self._edits = 0
                self.saved.setText(f"✔ Saved at {_local(at):%H:%M:%S}.")
            for i, item in enumerate(self.items):
                if item.id == item_id:
                    self.items[i] = meetings.ItemInfo(
                        item.id, item.position, item.kind, item.title, notes, decisions, at
                    )

        def failed(error: UserError) -> None:
            self.saved.setText(f"⚠ Not saved: {error.message}")

        self.owner.ctx.runner.run(
            self,
            lambda s: meetings.save_text(s, actor, item_id, notes=notes, decisions=decisions),
            on_success=saved,
            on_user_error=failed,
        )

    @property
    def unsaved(self) -> bool:
        return self._edits > 0

    def focus_item(self, item_id: int) -> Any:
        for row, item in enumerate(self.items):
            if item.id == item_id:
                self.list.setCurrentRow(row)
        return self.notes


def _local(utc: datetime) -> datetime:
    """A stored UTC time as the office clock shows it."""
    from datetime import timezone

    return utc.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)
