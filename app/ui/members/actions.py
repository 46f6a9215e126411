"""Small dialogs for one member: leave, re-join, merge with a duplicate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.errors import Cancelled, Issue, UserError
from app.services.common.dates import parse_date, uk
from app.services.membership import members, merging
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog


class _MemberAction(ServiceDialog):
    """A titled form about one member."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(ctx, parent, title, intro, frozenset({Change.MEMBERS}))

    def _date(self, box: QLineEdit, field: str, label: str) -> date:
        value, issue = parse_date(field, box.text(), label)
        if issue is None and value is None:
            issue = Issue(field, f"Enter the {label.lower()}.")
        if issue is not None:
            raise UserError.from_issues([issue])
        assert value is not None
        return value


class LeaveDialog(_MemberAction):
    """Record that a member left, with the date and the reason."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, member_id: int, name: str) -> None:
        super().__init__(
            ctx,
            parent,
            "Member leaving",
            f"{name} will stay on the register as a former member.",
        )
        self.member_id = member_id
        self.on = self.errors.add_row(
            self.form, "&Date left", QLineEdit(uk(date.today())), "left_on"
        )
        self.reason = self.errors.add_row(self.form, "&Reason", QComboBox(), "reason")
        for key, label in members.LEAVING_REASONS.items():
            self.reason.addItem(label, key)
        self.finish()

    def operation(self) -> Callable[[Session], object]:
        on = self._date(self.on, "left_on", "Date left")
        reason, actor, member_id = self.reason.currentData(), self.ctx.user.actor, self.member_id
        return lambda s: members.leave(s, actor, member_id, on, reason)


class RejoinDialog(_MemberAction):
    """Start a new period of membership for a former member."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, member_id: int, name: str) -> None:
        super().__init__(
            ctx,
            parent,
            "Member re-joining",
            f"{name} starts a new period of membership; the earlier one stays in the record.",
        )
        self.member_id = member_id
        self.on = self.errors.add_row(
            self.form, "&Date re-joined", QLineEdit(uk(date.today())), "joined_on"
        )
        self.finish()

    def operation(self) -> Callable[[Session], object]:
        on = self._date(self.on, "joined_on", "Date re-joined")
        actor, member_id = self.ctx.user.actor, self.member_id
        return lambda s: members.rejoin(s, actor, member_id, on)


class MergeDialog(_MemberAction):
    """Merge a duplicate record into this one, keeping both histories."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, member_id: int, name: str) -> None:
        super().__init__(
            ctx,
            parent,
            "Merge a duplicate",
            f"Keep {name} and merge another record into it. The other record's periods of "
            "membership and shares move here; it stays in the history, marked as merged.",
        )
        self.member_id = member_id
        self.other = self.errors.add_row(
            self.form, "&Membership number of the duplicate", QLineEdit(), "other"
        )
        self.finish()

    def operation(self) -> Callable[[Session], object]:
        text = self.other.text().strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            raise UserError.from_issues(
                [Issue("other", "Enter the duplicate's membership number.")]
            )
        actor, keep = self.ctx.user.actor, self.member_id
        answer = QMessageBox.question(
            self,
            "Merge these records?",
            f"Merge member {text} into this member? This cannot be undone from here.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise Cancelled

        def merge(session: Session) -> None:
            merging.merge_by_number(session, actor, keep, text)

        return merge
