"""One meeting's window: details and the next step, the agenda, attendance with the
live quorum, and the minutes. Everything is read-only once the minutes are approved
(then only an addendum can be added) or for someone who may not change meetings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.errors import UserError
from app.services import meetings
from app.services.accounts.roles import Permission
from app.services.common.dates import uk
from app.services.meetings import BodyKind
from app.services.meetings.quorum import Quorum
from app.services.meetings.view import MeetingView, read_view
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.meetings.agenda_tab import AgendaTab
from app.ui.meetings.attendance_tab import AttendanceTab
from app.ui.meetings.details_tab import DetailsTab
from app.ui.meetings.dialogs import CHANGES, ActionDialog, InterestDialog
from app.ui.meetings.minutes_tab import MinutesTab
from app.ui.ops import Change
from app.ui.pages import heading


class MeetingWindow(QDialog):
    def __init__(self, ctx: PageContext, parent: QWidget | None, meeting_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.view: MeetingView | None = None
        self.dialog: QDialog | None = None
        self.can_change = ctx.user.actor.can(Permission.EDIT_MEETINGS) and not ctx.read_only
        self.setWindowTitle("Meeting")
        layout = QVBoxLayout(self)
        self.heading = heading("Meeting")
        layout.addWidget(self.heading)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Stage of the meeting")
        layout.addWidget(self.status)
        self.tabs = named(QTabWidget(), "Parts of the meeting")
        self.details_tab = DetailsTab(self)
        self.agenda_tab = AgendaTab(self)
        self.attendance_tab = AttendanceTab(self)
        self.minutes_tab = MinutesTab(self)
        self.tabs.addTab(self.details_tab, "&Details")
        self.tabs.addTab(self.agenda_tab, "A&genda")
        self.tabs.addTab(self.attendance_tab, "A&ttendance")
        self.tabs.addTab(self.minutes_tab, "&Minutes")
        layout.addWidget(self.tabs, 1)
        self.resize(960, 680)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    @property
    def editable(self) -> bool:
        return self.can_change and self.view is not None and not self.view.info.locked

    def refresh(self) -> None:
        org_id, meeting_id = self.ctx.organisation.id, self.meeting_id
        self.ctx.runner.run(
            self, lambda s: read_view(s, org_id, meeting_id), on_success=self._show, write=False
        )

    def _show(self, view: MeetingView) -> None:
        self.view = view
        info = view.info
        self.heading.setText(f"{info.title}, {uk(info.held_on)}")
        self.setWindowTitle(f"{info.title}, {uk(info.held_on)}")
        lock = (
            " The minutes are approved and locked: nothing can be changed." if info.locked else ""
        )
        self.status.setText(f"Stage: {info.status_label}. {info.body}.{lock}")
        general = info.body_kind == BodyKind.GENERAL
        self.details_tab.show_view(view, self.can_change)
        self.agenda_tab.show_items(view.items, self.editable)
        self.attendance_tab.show_people(view.people, view.quorum, self.editable, general)
        self.minutes_tab.show_items(
            view.items, view.carried, self.editable, view.motions, view.actions
        )

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.MEETINGS, Change.DATABASE, Change.BOARD}:
            self.refresh()

    def change(self, op: Callable[[Any], object], done: str, label: QLabel) -> None:
        """Run one change; say what happened (or what was wrong) on ``label``."""
        self.ctx.runner.run(
            self,
            op,
            on_success=lambda _r: label.setText(done),
            on_user_error=lambda error: label.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )

    def open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    # -- minutes actions ------------------------------------------------------------------
    def record_vote(self) -> None:
        """Record a vote, warning first when the meeting is not quorate."""
        from app.ui.meetings.motion_dialog import MotionDialog, Subjects

        self.minutes_tab.save_now()
        org_id, meeting_id = self.ctx.organisation.id, self.meeting_id

        def show(found: tuple[Quorum, int, Subjects]) -> None:
            quorum, possible, subjects = found
            self.open_dialog(
                MotionDialog(
                    self.ctx,
                    self,
                    meeting_id,
                    self.minutes_tab.items,
                    self.minutes_tab.item_id,
                    quorum,
                    possible,
                    subjects,
                )
            )

        self.ctx.runner.run(
            self,
            lambda s: (
                meetings.quorum(s, meeting_id),
                meetings.votes_possible(s, meeting_id),
                Subjects(meetings.applicants(s, org_id), meetings.declared_elections(s, org_id)),
            ),
            on_success=show,
            write=False,
        )

    def add_action(self) -> None:
        self.open_dialog(ActionDialog(self.ctx, self, self.meeting_id, self.minutes_tab.item_id))

    def declare_interest(self) -> None:
        self.open_dialog(InterestDialog(self.ctx, self, self.meeting_id, self.minutes_tab.item_id))

    def done(self, result: int) -> None:
        """Closing the window first saves anything typed but not yet saved."""
        self.minutes_tab.save_now()
        super().done(result)

    def show_error(self, error: UserError) -> None:
        self.details_tab.result.setText(f"⚠ {error.message}")
