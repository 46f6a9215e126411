"""A member's shares: the ledger lines, and issuing, withdrawing or transferring shares."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.common.dates import parse_date, uk
from app.services.common.money import format_pence
from app.services.finance import share_money
from app.services.membership import shares
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, named
from app.ui.ops import Change

ACTIONS = {
    "issue": "Issue shares",
    "withdraw": "Withdraw shares (repaid)",
    "cancel": "Cancel shares (forfeited)",
    "transfer": "Transfer shares",
}


class SharesDialog(QDialog):
    """The member's ledger lines and holding; a form to add a line."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, member_id: int, name: str) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.setWindowTitle(f"Shares: {name}")
        layout = QVBoxLayout(self)
        self.holding = QLabel()
        self.holding.setAccessibleName("Shares held")
        layout.addWidget(self.holding)
        self.lines = named(QListWidget(), "Share ledger lines for this member")
        layout.addWidget(self.lines)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add = self.errors.add_row
        self.action = add(form, "&What to do", QComboBox(), "action")
        for key, label in ACTIONS.items():
            self.action.addItem(label, key)
        self.count = add(form, "&Number of shares", QLineEdit("1"), "shares")
        self.on = add(form, "&Date", QLineEdit(uk(date.today())), "on")
        self.to = add(form, "&Transfer to (membership number)", QLineEdit(), "to")
        self.note = add(form, "N&ote", QLineEdit(), "note")
        layout.addLayout(form)
        self.record = named(QPushButton("&Record in the ledger"), "Record in the ledger")
        self.record.clicked.connect(self._on_record)
        layout.addWidget(self.record)
        close = named(QPushButton("&Close"), "Close")
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.action.currentIndexChanged.connect(self._on_action_changed)
        self._on_action_changed()
        self.resize(520, 480)
        self.refresh()

    def _on_action_changed(self) -> None:
        self.to.setEnabled(self.action.currentData() == "transfer")

    def refresh(self) -> None:
        """Read the ledger again."""
        org_id, member_id = self.ctx.organisation.id, self.member_id

        def load(session: Session) -> tuple[shares.Holding, list[shares.LedgerLine]]:
            return shares.holding(session, member_id), shares.ledger(session, org_id, member_id)

        self.ctx.runner.run(self, load, on_success=self._show, write=False)

    def _show(self, loaded: tuple[shares.Holding, list[shares.LedgerLine]]) -> None:
        held, lines = loaded
        self.holding.setText(
            f"Holds {held.shares} share{'s' if held.shares != 1 else ''}, "
            f"{format_pence(held.paid_pence)} paid."
        )
        self.lines.clear()
        for line in lines:
            other = f" (member {line.other_member_number})" if line.other_member_number else ""
            self.lines.addItem(
                f"No. {line.number}  {uk(line.on)}  {shares.KINDS[line.kind]}{other}: "
                f"{line.shares:+d} share(s), {format_pence(line.amount_pence)}"
                + (f" — {line.note}" if line.note else "")
            )
        if not lines:
            self.lines.addItem("No shares issued yet.")

    def _on_record(self) -> None:
        issues: list[Issue] = []
        text = self.count.text().strip()
        if not (text.isascii() and text.isdigit()):
            issues.append(
                Issue("shares", f"The number of shares must be a whole number, not '{text}'.")
            )
        on, problem = parse_date("on", self.on.text(), "Date")
        if problem or on is None:
            issues.append(problem or Issue("on", "Enter the date."))
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return
        assert on is not None
        count, action, note = int(text), self.action.currentData(), self.note.text()
        answer = QMessageBox.question(
            self,
            "Record in the ledger?",
            f"{ACTIONS[action]}: {count} on {on:%d/%m/%Y}. The share ledger cannot be changed "
            "afterwards; a mistake is put right by another line. Money paid or repaid goes in "
            "the cash book too. Record it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, member_id, to = (
            self.ctx.user.actor,
            self.member_id,
            self.to.text().strip(),
        )

        def record(session: Session) -> None:
            if action == "issue":
                share_money.issue(session, actor, member_id, count, on, note=note)
            elif action == "withdraw":
                share_money.withdraw(session, actor, member_id, count, on, note=note)
            elif action == "cancel":
                share_money.cancel(session, actor, member_id, count, on, note=note)
            else:
                shares.transfer_to_number(
                    session,
                    actor,
                    from_member_id=member_id,
                    to_number=to,
                    shares=count,
                    on=on,
                    note=note,
                )

        def done(_result: None) -> None:
            self.errors.clear()
            self.note.clear()
            self.refresh()

        self.ctx.runner.run(
            self,
            record,
            on_success=done,
            on_user_error=self.errors.show,
            changes=frozenset({Change.MEMBERS}),
        )
