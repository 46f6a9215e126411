"""Attendance and the live quorum: mark people present as they arrive, apologies,
absent, leaving; guests and officers; proxies. The quorum line is counted again
after every change and says in words whether the meeting is quorate."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QVBoxLayout, QWidget

from app.services import meetings
from app.services.meetings import AttendanceStatus
from app.services.meetings.quorum import Quorum
from app.services.membership import member_numbers
from app.ui.meetings.dialogs import CHANGES, PersonDialog
from app.ui.meetings.models import PersonColumn, people_model
from app.ui.meetings.owner import MeetingOwner
from app.ui.widgets import button, result_label, selected, table


def now() -> time:
    return datetime.now().time().replace(second=0, microsecond=0)


class AttendanceTab(QWidget):
    def __init__(self, owner: MeetingOwner) -> None:
        super().__init__()
        self.owner = owner
        layout = QVBoxLayout(self)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName("Quorum")
        layout.addWidget(self.quorum)
        self.model = people_model()
        self.table = table(self.model, "Attendance", "Who is present, sent apologies or is absent")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.present_button = button("&Present", "Mark present (arrived now)", self._present, row)
        self.apologies_button = button("A&pologies", "Mark apologies", self._apologies, row)
        self.absent_button = button("A&bsent", "Mark absent", self._absent, row)
        self.left_button = button("&Left now", "Mark as having left now", self._left, row)
        self.add_button = button("Add &someone…", "Add someone to the list", self._add, row)
        self.proxy_button = button(
            "Holds pro&xy…", "Record a proxy this member holds", self._proxy, row
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.editable = False
        self.general = False
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

    def show_people(
        self, people: list[meetings.Attendee], quorum: Quorum, editable: bool, general: bool
    ) -> None:
        chosen = selected(self.table, self.model)
        self.model.set_rows(people)
        for place, person in enumerate(people):
            if chosen is not None and person.id == chosen.id:
                self.table.selectRow(place)
        if not self.table.currentIndex().isValid() and people:
            self.table.selectRow(0)
        self.editable, self.general = editable, general
        self.show_quorum(quorum)
        self.table.resizeColumnToContents(PersonColumn.NAME)
        self._update_buttons()

    def show_quorum(self, quorum: Quorum) -> None:
        mark = "✔" if quorum.quorate else "⚠"
        self.quorum.setText(f"{mark} {quorum.headline()}  The rule: {quorum.rule.describe()}.")
        weight = "bold" if quorum.quorate else "900"
        background = "" if quorum.quorate else " background: #fff1c2; padding: 6px;"
        self.quorum.setStyleSheet(f"font-weight: {weight};{background}")

    def _update_buttons(self) -> None:
        person = selected(self.table, self.model)
        some = person is not None and self.editable
        for b in (self.present_button, self.apologies_button, self.absent_button):
            b.setEnabled(some)
        self.left_button.setEnabled(some and person.in_room)
        self.add_button.setEnabled(self.editable)
        self.proxy_button.setVisible(self.general)
        self.proxy_button.setEnabled(some and self.general and person.in_room and person.counts)

    def _mark(self, status: str) -> None:
        person = selected(self.table, self.model)
        if person is None:
            return
        actor, at = self.owner.ctx.user.actor, now()
        words = {
            "present": f"present from {at:%H:%M}",
            "apologies": "sent apologies",
            "absent": "absent",
        }[status]
        self.owner.change(
            lambda s: meetings.mark(s, actor, person.id, status, at),
            f"✔ {person.name}: {words}.",
            self.result,
        )

    def _present(self) -> None:
        self._mark(AttendanceStatus.PRESENT)

    def _apologies(self) -> None:
        self._mark(AttendanceStatus.APOLOGIES)

    def _absent(self) -> None:
        self._mark(AttendanceStatus.ABSENT)

    def _left(self) -> None:
        person = selected(self.table, self.model)
        if person is None:
            return
        actor, at = self.owner.ctx.user.actor, now()
        self.owner.change(
            lambda s: meetings.leave(s, actor, person.id, at),
            f"✔ {person.name} left at {at:%H:%M}.",
            self.result,
        )

    def _add(self) -> None:
        dialog = PersonDialog(self.owner.ctx, self, self.owner.meeting_id)
        self.owner.dialog = dialog
        dialog.accepted.connect(self.owner.refresh)
        dialog.open()

    def _proxy(self) -> None:
        person = selected(self.table, self.model)
        if person is None:
            return
        text, ok = QInputDialog.getText(
            self,
            "Proxy",
            f"Membership number of the member whose proxy {person.name} holds "
            "(leave blank to clear):",
        )
        if not ok:
            return
        actor, org_id = self.owner.ctx.user.actor, self.owner.ctx.organisation.id
        number = member_numbers.number_from_text(text) if text.strip() else None

        def op(session: object) -> None:
            giver = None
            if number is not None:
                giver = member_numbers.member_ids(session, org_id, {"member_id": number})[  # type: ignore[arg-type]
                    "member_id"
                ]
            meetings.hold_proxy(session, actor, person.id, giver)  # type: ignore[arg-type]

        self.owner.change(op, f"✔ Proxy recorded for {person.name}.", self.result)


__all__ = ["CHANGES", "AttendanceTab"]
