"""A meeting's details, its notice, the next step, resolutions and actions so far."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services import meetings
from app.services.common.dates import uk
from app.services.meetings import MeetingStatus
from app.ui.meetings.dialogs import (
    ActionStatusDialog,
    AddendumDialog,
    ApproveDialog,
    MeetingDialog,
    NoticeDialog,
)
from app.ui.meetings.models import actions_model, motions_model
from app.ui.meetings.owner import MeetingOwner
from app.ui.meetings.papers import PapersRow
from app.ui.widgets import ask, button, result_label, selected, table

if TYPE_CHECKING:
    from app.services.meetings.view import MeetingView


def next_step(info: meetings.MeetingInfo, notice_days: int) -> tuple[str, str] | None:
    """(button text, step) for where the meeting has got to; None once locked."""
    if info.status == MeetingStatus.PLANNED:
        return ("Record &notice sent…", "notice") if notice_days else ("Mark as &held", "held")
    return {
        "notice_sent": ("Mark as &held", "held"),
        "held": ("Minutes &written up (draft)", "draft"),
        "draft": ("&Approve the minutes…", "approve"),
        "approved": ("&Lock the minutes", "lock"),
    }.get(info.status)


class DetailsTab(QWidget):
    def __init__(self, owner: MeetingOwner) -> None:
        super().__init__()
        self.owner = owner
        # In a scroll area, so that with large text nothing is squeezed until it overlaps.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        layout = QVBoxLayout(inner)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("kind", "Kind of meeting"),
            ("when", "Date and time"),
            ("place", "Place"),
            ("chair", "Chair"),
            ("taker", "Minutes taken by"),
            ("notice", "Notice"),
            ("quorum", "Quorum statement"),
            ("approval", "Approval"),
            ("addenda", "Addenda"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(text)
            form.addRow(f"{text}:", value)
            self.fields[key] = value
        layout.addLayout(form)
        row = QHBoxLayout()
        self.next_button = button("", "Next step", self._on_next, row)
        self.change_button = button(
            "C&hange details…", "Change the meeting's details", self._on_change, row
        )
        self.quorum_button = button(
            "&Write quorum into minutes", "Write the quorum statement", self._on_quorum, row
        )
        self.addendum_button = button(
            "Add an a&ddendum…", "Add an addendum", self._on_addendum, row
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        self.papers = PapersRow(self, owner.ctx, lambda: owner.meeting_id, self.result)
        layout.addLayout(self.papers)
        layout.addWidget(self.result)
        layout.addWidget(QLabel("Resolutions"))
        self.motions = motions_model()
        self.motion_table = table(self.motions, "Resolutions", "Votes recorded at this meeting")
        layout.addWidget(self.motion_table, 1)
        layout.addWidget(QLabel("Actions raised"))
        self.action_rows = actions_model()
        self.action_table = table(
            self.action_rows, "Actions raised", "Actions agreed at this meeting"
        )
        layout.addWidget(self.action_table, 1)
        for grid in (self.motion_table, self.action_table):
            # Asking only for the rows they have (at least three) and taking any room left
            # over, so the scroll bar appears only when the rest does not fit.
            grid.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
            header = grid.horizontalHeader().sizeHint().height()
            grid.setMinimumHeight(header + 3 * grid.verticalHeader().defaultSectionSize() + 4)
        arow = QHBoxLayout()
        self.progress_button = button(
            "Action &progress…", "Mark an action done or dropped", self._on_progress, arow
        )
        arow.addStretch(1)
        layout.addLayout(arow)
        self._step: str | None = None

    def show_view(self, view: MeetingView, can_change: bool) -> None:
        info = view.info
        f = self.fields
        f["kind"].setText(f"{info.kind_label} ({info.body})")
        start = f" at {info.starts_at:%H:%M}" if info.starts_at else ""
        f["when"].setText(f"{uk(info.held_on)}{start}")
        f["place"].setText(info.place or "Not set")
        f["chair"].setText(info.chair or "Not set")
        f["taker"].setText(info.minute_taker or "Not set")
        if view.notice_days == 0:
            f["notice"].setText("No notice period is set for this body.")
        else:
            sent = f" Sent {uk(info.notice_sent_on)}." if info.notice_sent_on else " Not sent yet."
            f["notice"].setText(
                f"{view.notice_days} clear days: it must go out by {uk(view.latest_notice)}.{sent}"
            )
        f["quorum"].setText(info.quorum_statement or "Not written yet.")
        f["approval"].setText(
            f"Approved as a true record at {info.approved_at} on {uk(info.approved_on)}; "
            f"chair {info.approved_by}."
            if info.approved_on
            else "Not approved yet."
        )
        f["addenda"].setText(
            "\n".join(f"{uk(a.written_on)} ({a.written_by}): {a.text}" for a in view.addenda)
            or "None"
        )
        step = next_step(info, view.notice_days)
        self._step = step[1] if step else None
        self.next_button.setVisible(step is not None)
        if step is not None:
            self.next_button.setText(step[0])
            self.next_button.setAccessibleName(step[0].replace("&", "").rstrip("…"))
        self.next_button.setEnabled(can_change)
        editable = can_change and not info.locked
        self.change_button.setEnabled(editable)
        self.quorum_button.setEnabled(
            editable and info.status in (MeetingStatus.HELD, MeetingStatus.DRAFT)
        )
        self.addendum_button.setVisible(info.locked)
        self.addendum_button.setEnabled(can_change)
        self.progress_button.setEnabled(can_change)
        self.papers.show_for(info.status, can_change)
        self.motions.set_rows(view.motions)
        self.action_rows.set_rows(view.actions)

    def _on_next(self) -> None:
        owner, view = self.owner, self.owner.view
        if view is None or self._step is None:
            return
        info, actor = view.info, owner.ctx.user.actor
        if self._step == "notice":
            owner.open_dialog(NoticeDialog(owner.ctx, self.window(), info, view.latest_notice))
        elif self._step == "approve":
            if not view.later:
                self.result.setText(
                    "⚠ Minutes are approved at a later meeting. Set up the next meeting and "
                    "mark it as held first."
                )
                return
            owner.open_dialog(ApproveDialog(owner.ctx, self.window(), info, view.later))
        elif self._step == "lock":
            if ask(
                self,
                "Lock the minutes",
                "Lock these minutes for good? Nothing in them can "
                "be changed afterwards; corrections become dated addenda.",
            ):
                owner.change(
                    lambda s: meetings.lock(s, actor, info.id),
                    "✔ The minutes are locked.",
                    self.result,
                )
        else:
            step = self._step
            words = {"held": "✔ Marked as held.", "draft": "✔ The minutes are a draft now."}
            owner.change(
                lambda s: meetings.advance(s, actor, info.id, step, date.today()),
                words[step],
                self.result,
            )

    def _on_change(self) -> None:
        owner = self.owner
        if owner.view is None:
            return
        org_id, current = owner.ctx.organisation.id, owner.view.info

        def show(bodies: list[meetings.BodyInfo]) -> None:
            owner.open_dialog(MeetingDialog(owner.ctx, self.window(), bodies, current))

        owner.ctx.runner.run(
            self.window(), lambda s: meetings.list_bodies(s, org_id), on_success=show, write=False
        )

    def _on_quorum(self) -> None:
        actor, meeting_id = self.owner.ctx.user.actor, self.owner.meeting_id
        self.owner.change(
            lambda s: meetings.write_quorum_statement(s, actor, meeting_id),
            "✔ The quorum statement is in the minutes.",
            self.result,
        )

    def _on_addendum(self) -> None:
        if self.owner.view is not None:
            self.owner.open_dialog(
                AddendumDialog(self.owner.ctx, self.window(), self.owner.view.info)
            )

    def _on_progress(self) -> None:
        action = selected(self.action_table, self.action_rows)
        if action is None:
            self.result.setText("⚠ Choose an action in the list first.")
            return
        self.owner.open_dialog(ActionStatusDialog(self.owner.ctx, self.window(), action))
