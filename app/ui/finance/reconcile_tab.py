"""The reconcile tab: an account, the statement's date and closing balance; tick each
item the statement shows (Space ticks the selected row); the difference in words; finish
only when it is nil. A statement file (CSV or OFX) can tick matching items for you."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import Issue, UserError
from app.services.common.money import format_pence, parse_amount
from app.services.finance import bank_import, reconcile, setup
from app.ui.context import PageContext
from app.ui.finance.dialogs import CHANGES, combo, read_choices
from app.ui.finance.models import items_model
from app.ui.finance.statement_dialogs import MappingDialog, NewLinesDialog, headings_of
from app.ui.widgets import button, date_box, read_date, result_label, table


class ReconcileTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.rec_id: int | None = None
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.account = combo("Account to reconcile", [])
        last_month_end = date.today().replace(day=1).toordinal() - 1
        self.statement_on = date_box("Statement date", date.fromordinal(last_month_end))
        self.balance = QLineEdit()
        self.balance.setAccessibleName("Statement's closing balance")
        self.balance.setPlaceholderText("e.g. 12,345.67")
        for label, widget in (
            ("Acc&ount:", self.account),
            ("Statement &date:", self.statement_on),
            ("Closing ba&lance:", self.balance),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            top.addWidget(text)
            top.addWidget(widget)
        self.start_button = button(
            "&Start", "Start reconciling to this statement", self._on_start, top
        )
        top.addStretch(1)
        layout.addLayout(top)
        self.model = items_model()
        self.table = table(
            self.model,
            "Items to tick",
            "Space or the Tick button marks an item as on the statement",
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.tick_button = button(
            "&Tick / untick", "Tick or untick the selected item", self._on_tick, row
        )
        self.import_button = button(
            "&Import statement file…",
            "Tick the items a CSV or OFX statement shows",
            self._on_import,
            row,
        )
        self.finish_button = button("&Finish", "Finish the reconciliation", self._on_finish, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Where the reconciliation stands")
        layout.addWidget(self.state)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        for control in (
            self.start_button,
            self.tick_button,
            self.import_button,
            self.finish_button,
        ):
            control.setEnabled(can_change)
        self.table.activated.connect(lambda _i: self._on_tick())

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Space and self.table.hasFocus():
            self._on_tick()
            return
        super().keyPressEvent(event)

    def show_accounts(self, accounts: list[setup.AccountInfo]) -> None:
        keep = self.account.currentData()
        self.account.clear()
        for a in accounts:
            if a.kind == "bank":
                self.account.addItem(a.name, a.id)
        self.account.setCurrentIndex(max(0, self.account.findData(keep)))

    def _on_start(self) -> None:
        issues: list[Issue] = []
        on = read_date(self.statement_on, "statement_on", "Statement date", issues)
        pence, issue = parse_amount(
            "balance",
            self.balance.text(),
            allow_negative=True,
            allow_zero=True,
            label="The closing balance",
        )
        if issue:
            issues.append(issue)
        account = self.account.currentData()
        if account is None:
            issues.append(Issue("account", "Set up a bank account first."))
        if issues:
            self.result.setText("⚠ " + " ".join(i.message for i in issues))
            return
        assert on is not None and pence is not None
        actor = self.ctx.user.actor
        self.ctx.runner.run(
            self,
            lambda s: reconcile.start(s, actor, account, on, pence),
            on_success=self._started,
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )

    def _started(self, rec_id: int) -> None:
        self.rec_id = rec_id
        self.result.setText("Tick each item the statement shows.")
        self.refresh()

    def refresh(self) -> None:
        if self.rec_id is None:
            return
        org_id, rec_id = self.ctx.organisation.id, self.rec_id
        keep = self.table.currentIndex().row()

        def read(session: Any) -> tuple[Any, Any]:
            return reconcile.items(session, org_id, rec_id), reconcile.state(
                session, org_id, rec_id
            )

        def show(found: tuple[Any, reconcile.ReconciliationState]) -> None:
            listed, now = found
            self.model.set_rows(listed)
            if 0 <= keep < len(listed):
                self.table.selectRow(keep)
            done = " Finished." if now.finished_at else ""
            self.state.setText(
                f"Statement {format_pence(now.statement_balance)}; cleared balance "
                f"{format_pence(now.cleared_balance)} (brought forward "
                f"{format_pence(now.brought_forward)}, ticked {format_pence(now.ticked)}). "
                + (
                    "✔ Difference: nil."
                    if now.difference == 0
                    else f"⚠ Difference: {format_pence(now.difference)}."
                )
                + done
            )

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _on_tick(self) -> None:
        index = self.table.currentIndex()
        if self.rec_id is None or not index.isValid():
            return
        entry, _effect, ticked = self.model.row_at(index.row())
        self.tick([entry.id], not ticked)

    def tick(self, entry_ids: list[int], cleared: bool) -> None:
        actor, rec_id = self.ctx.user.actor, self.rec_id
        assert rec_id is not None
        self.ctx.runner.run(
            self,
            lambda s: reconcile.tick(s, actor, rec_id, entry_ids, cleared),
            on_success=lambda _r: self.refresh(),
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Bank statement", "", "Statements (*.csv *.ofx *.qfx)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Tick the items a statement file shows; offer the lines not yet entered."""
        if self.rec_id is None:
            self.result.setText("⚠ Start the reconciliation first.")
            return
        org_id, account = self.ctx.organisation.id, self.account.currentData()
        actor, rec_id = self.ctx.user.actor, self.rec_id
        data = path.read_bytes()

        def work(session: Any) -> tuple[int, list[Any], Any]:
            mapping = bank_import.saved_mapping(session, org_id, account)
            lines, used = bank_import.read_statement(path.name, data, mapping)
            if used is not None and mapping is None:
                bank_import.remember_mapping(session, actor, account, used)
            proposals = bank_import.match(session, org_id, account, lines, rec_id)
            matched = [p.entry_id for p in proposals if p.entry_id is not None]
            listed = {e.id for e, _eff, _t in reconcile.items(session, org_id, rec_id)}
            ticking = [i for i in matched if i in listed]
            reconcile.tick(session, actor, rec_id, ticking, True)
            new = [p.line for p in proposals if p.state == "new"]
            return len(ticking), new, read_choices(session, org_id) if new else None

        def done(found: tuple[int, list[Any], Any]) -> None:
            matched, new, choices = found
            self.result.setText(f"✔ {matched} item(s) matched and ticked.")
            self.refresh()
            if new:
                self.result.setText(
                    f"✔ {matched} item(s) matched and ticked; {len(new)} line(s) are not in the "
                    "cash book yet."
                )
                dialog = NewLinesDialog(self.ctx, self, account, new, choices)
                self.dialog = dialog
                dialog.accepted.connect(lambda: self.import_file(path))  # now they match
                dialog.open()

        def failed(error: UserError) -> None:
            if error.issue_for("mapping") and path.suffix.lower() == ".csv":
                dialog = MappingDialog(self.ctx, self, account, headings_of(data))
                self.dialog = dialog
                dialog.accepted.connect(lambda: self.import_file(path))
                dialog.open()
            self.result.setText(f"⚠ {error.message}")

        self.ctx.runner.run(self, work, on_success=done, on_user_error=failed, changes=CHANGES)

    def _on_finish(self) -> None:
        if self.rec_id is None:
            return
        actor, rec_id = self.ctx.user.actor, self.rec_id

        def finished(_state: object) -> None:
            self.result.setText("✔ Reconciled: the difference is nil.")
            self.refresh()

        self.ctx.runner.run(
            self,
            lambda s: reconcile.finish(s, actor, rec_id),
            on_success=finished,
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )
