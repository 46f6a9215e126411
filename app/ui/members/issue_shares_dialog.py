"""Issue one share to each of several members: those selected, or everyone without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from app.errors import UserError
from app.services.common.dates import parse_date
from app.services.finance import share_money
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog


class IssueSharesDialog(ServiceDialog):
    """One share each: to the members selected on the page, or to every current member
    who holds none; paid or not; dated when each joined unless a date is given."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, selected: list[int]) -> None:
        super().__init__(
            ctx,
            parent,
            "Issue one share each",
            "Each member gets one share in the share ledger. Under rules that need a paid-up "
            "share to vote, a member may vote once their share is paid.",
            frozenset({Change.MEMBERS}),
        )
        self.selected = selected
        count = len(selected)
        self.to_selected = named(
            QRadioButton(f"The {count:,} &selected member{'s' if count != 1 else ''}"),
            "Issue to the selected members",
        )
        self.to_all = named(
            QRadioButton("&Every current member who holds no share"),
            "Issue to every current member who holds no share",
        )
        self.to_selected.setEnabled(count > 0)
        (self.to_selected if count > 1 else self.to_all).setChecked(True)
        who = QWidget()
        choices = QVBoxLayout(who)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.to_selected)
        choices.addWidget(self.to_all)
        self.form.addRow("Who", who)
        self.paid = named(
            QCheckBox("&Paid at the share value"), "Paid at the share value", "Untick if unpaid"
        )
        self.paid.setChecked(True)
        self.form.addRow("Payment", self.paid)
        self.on = self.errors.add_row(self.form, "&Date of issue (blank: when each joined)",
                                      QLineEdit(), "on")  # fmt: skip
        self.on.setPlaceholderText("dd/mm/yyyy")
        self.finish()
        self.resize(max(self.width(), 640), self.sizeHint().height())

    def operation(self) -> Callable[[Session], object]:
        on: date | None = None
        if self.on.text().strip():
            on, issue = parse_date("on", self.on.text(), "Date of issue")
            if issue is not None:
                raise UserError.from_issues([issue])
        ids = list(self.selected) if self.to_selected.isChecked() else None
        actor, paid = self.ctx.user.actor, self.paid.isChecked()
        return lambda s: share_money.issue_one_each(s, actor, ids, paid=paid, on=on)
