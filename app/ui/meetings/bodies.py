"""Who meets: the board, general meetings, committees and focus groups, each with its
notice in clear days and its quorum rule."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services import meetings
from app.services.meetings.quorum import BASES
from app.ui.context import PageContext
from app.ui.meetings.dialogs import CHANGES
from app.ui.service_dialog import ServiceDialog
from app.ui.table_model import RowsModel
from app.ui.widgets import button, result_label, selected, table


class BodyColumn(IntEnum):
    NAME = 0
    KIND = 1
    CODE = 2
    NOTICE = 3
    QUORUM = 4


HEADINGS = {
    BodyColumn.NAME: "Who meets",
    BodyColumn.KIND: "Kind",
    BodyColumn.CODE: "Code",
    BodyColumn.NOTICE: "Notice",
    BodyColumn.QUORUM: "Quorum",
}


def _cell(row: meetings.BodyInfo, column: BodyColumn) -> str:
    return {
        BodyColumn.NAME: row.name,
        BodyColumn.KIND: row.kind_label,
        BodyColumn.CODE: row.code,
        BodyColumn.NOTICE: f"{row.notice_days} clear days" if row.notice_days else "none",
        BodyColumn.QUORUM: row.rule.describe(),
    }[column]


def _spin(name: str, top: int, value: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, top)
    box.setValue(value)
    box.setAccessibleName(name)
    return box


class BodyDialog(ServiceDialog):
    """A new body, or a change to one's name, code, notice or quorum."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, current: meetings.BodyInfo | None = None
    ) -> None:
        super().__init__(
            ctx,
            parent,
            f"Change {current.name}" if current else "Who else meets",
            "The quorum is at least the number given and, if you choose, at least a share of "
            "the board's filled seats or of the members entitled to vote on the day.",
            CHANGES,
        )
        self.current = current
        add = self.errors.add_row
        self.name = add(self.form, "&Name", QLineEdit(), "name")
        self.kind = add(self.form, "&Kind", QComboBox(), "kind")
        for kind, label in meetings.BODY_KINDS.items():
            self.kind.addItem(label, kind)
        self.code = add(self.form, "&Code in resolution numbers", QLineEdit(), "code")
        self.code.setPlaceholderText("e.g. F for F/2026/001")
        self.notice = add(
            self.form, "Notice in clear &days", _spin("Notice in clear days", 365), "notice_days"
        )
        self.minimum = add(
            self.form, "Quorum: at &least", _spin("Quorum: at least", 10_000, 1), "quorum_minimum"
        )
        share = QWidget()
        line = QHBoxLayout(share)
        line.setContentsMargins(0, 0, 0, 0)
        self.num = _spin("Share: how many parts", 1000)
        self.den = _spin("Share: out of", 1000, 1)
        self.den.setMinimum(1)
        self.base = QComboBox()
        self.base.setAccessibleName("Share of")
        for base, label in BASES.items():
            self.base.addItem("(no share)" if base == "none" else label, base)
        for widget in (self.num, QLabel("out of"), self.den, QLabel("of"), self.base):
            line.addWidget(widget)
        add(self.form, "and at least", share, "quorum_num")
        if current is not None:
            self.name.setText(current.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
            self.kind.setEnabled(False)  # its meetings' kinds depend on it
            self.code.setText(current.code)
            self.notice.setValue(current.notice_days)
            self.minimum.setValue(current.rule.minimum)
            self.num.setValue(current.rule.num)
            self.den.setValue(current.rule.den)
            self.base.setCurrentIndex(max(0, self.base.findData(current.rule.base)))
        else:
            self.kind.setCurrentIndex(self.kind.findData("committee"))
        self.finish()
        self.name.setFocus()

    def operation(self) -> Callable[[Any], object]:
        base = self.base.currentData()
        details = meetings.BodyDetails(
            name=self.name.text(),
            kind=self.kind.currentData(),
            code=self.code.text(),
            notice_days=self.notice.value(),
            quorum_minimum=self.minimum.value(),
            quorum_num=self.num.value() if base != "none" else 0,
            quorum_den=self.den.value() if base != "none" else 1,
            quorum_base=base,
        )
        actor, body_id = self.ctx.user.actor, self.current.id if self.current else None

        def save(session: Any) -> int:
            meetings.ensure_default_bodies(session, actor)  # the board and general meetings first
            return meetings.save_body(session, actor, details, body_id)

        return save


class BodiesTab(QWidget):
    """The bodies that meet and their rules; add or change one."""

    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: BodyDialog | None = None
        layout = QVBoxLayout(self)
        self.model: RowsModel[meetings.BodyInfo] = RowsModel(BodyColumn, HEADINGS, _cell)
        self.table = table(self.model, "Who meets", "Bodies that meet, with notice and quorum")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = button("A&dd…", "Add a committee or focus group", self._on_add, row)
        self.change_button = button(
            "C&hange rules…", "Change the selected body's notice or quorum", self._on_change, row
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.add_button.setEnabled(can_change)
        self.change_button.setEnabled(can_change)

    def show_bodies(self, found: list[meetings.BodyInfo]) -> None:
        self.model.set_rows(found)
        if found and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _open(self, current: meetings.BodyInfo | None) -> None:
        dialog = BodyDialog(self.ctx, self, current)
        self.dialog = dialog
        name = current.name if current else "The new body"
        dialog.accepted.connect(lambda: self.result.setText(f"✔ {name}'s rules are saved."))
        dialog.open()

    def _on_add(self) -> None:
        self._open(None)

    def _on_change(self) -> None:
        current = selected(self.table, self.model)
        if current is not None:
            self._open(current)
