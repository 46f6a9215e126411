"""The cash book tab: every entry, filtered by year, account and words; receipts,
payments and transfers entered; a mistake reversed; a receipt's scan attached; the
balance of each account and fund in words beneath."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.common.money import format_pence
from app.services.finance import allowance_matching, book, cashbook
from app.ui.context import PageContext
from app.ui.finance.allowance_dialog import MatchAllowanceDialog
from app.ui.finance.dialogs import (
    CHANGES,
    Choices,
    EntryDialog,
    ReverseDialog,
    combo,
    read_choices,
)
from app.ui.finance.models import CashBookModel, EntryColumn
from app.ui.forms import named
from app.ui.widgets import button, result_label, table


class CashBookTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.year = combo("Financial year", [], "Every year")
        self.account = combo("Account", [], "Every account")
        self.search = named(
            QLineEdit(),
            "Search the cash book",
            "Words in the description, payer or payee, or reference; or an entry number",
        )
        self.search.setPlaceholderText("Search: description, payee, reference, number")
        self.search.setClearButtonEnabled(True)
        for label, widget in (
            ("&Year:", self.year),
            ("Accou&nt:", self.account),
            ("Se&arch:", self.search),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget, 2 if widget is self.search else 0)
        layout.addLayout(filters)
        self.model = CashBookModel(ctx.runner.read, ctx.organisation.id)
        self.table = table(
            self.model, "Cash book", "Entries in date order; money in and out", fit=False
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        unit = self.fontMetrics().averageCharWidth()
        for column, chars in (
            (EntryColumn.NUMBER, 6),
            (EntryColumn.DATE, 11),
            (EntryColumn.KIND, 10),
            (EntryColumn.PARTY, 18),
            (EntryColumn.CATEGORY, 18),
            (EntryColumn.ACCOUNT, 16),
            (EntryColumn.FUND, 16),
            (EntryColumn.MONEY_IN, 12),
            (EntryColumn.MONEY_OUT, 12),
            (EntryColumn.REFERENCE, 10),
        ):
            header.resizeSection(column, unit * chars + 16)
        header.setSectionResizeMode(EntryColumn.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.receipt_button = button(
            "&Receipt…", "Enter money received", lambda: self._new("receipt"), row
        )
        self.payment_button = button(
            "Pay&ment…", "Enter money paid out", lambda: self._new("payment"), row
        )
        self.transfer_button = button(
            "&Transfer…", "Move money between accounts or funds", lambda: self._new("transfer"), row
        )
        self.opening_button = button(
            "&Opening balance…",
            "Enter an account's balance when the books start",
            lambda: self._new("opening"),
            row,
        )
        self.reverse_button = button(
            "Re&verse…", "Reverse the selected entry", self._on_reverse, row
        )
        self.attach_button = button(
            "Attach &scan…", "Attach a scan of the receipt", self._on_attach, row
        )
        self.match_button = button(
            "Match a&llowance…",
            "Say which LMA allowance payment the selected receipt was for",
            self._on_match,
            row,
        )
        row.addStretch(1)
        layout.addLayout(row)
        for control in (
            self.receipt_button,
            self.payment_button,
            self.transfer_button,
            self.opening_button,
            self.reverse_button,
            self.attach_button,
            self.match_button,
        ):
            control.setEnabled(can_change)
        self.balances = QLabel()
        self.balances.setWordWrap(True)
        self.balances.setAccessibleName("Balances")
        layout.addWidget(self.balances)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.year.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.account.currentIndexChanged.connect(lambda _i: self._apply_filter())

    # -- showing ------------------------------------------------------------------------
    def show_choices(
        self, choices: Choices, balances: tuple[dict[int, int], dict[int, int]]
    ) -> None:
        """Fill the filters (keeping what is chosen) and the balances line."""
        for box, items in (
            (
                self.year,
                [(y.label + (" (closed)" if y.closed else ""), y.id) for y in choices.years],
            ),
            (self.account, [(a.name, a.id) for a in choices.accounts]),
        ):
            keep = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for text, data in items:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(keep)))
            box.blockSignals(False)
        accounts, funds = balances
        parts = [f"{a.name} {format_pence(accounts.get(a.id, 0))}" for a in choices.accounts]
        fund_parts = [f"{f.name} {format_pence(funds.get(f.id, 0))}" for f in choices.funds]
        self.balances.setText(
            ("Balances: " + "; ".join(parts) + ".")
            if parts
            else "No accounts are set up yet: see Set-up."
        )
        if fund_parts:
            self.balances.setText(self.balances.text() + "\nFunds: " + "; ".join(fund_parts) + ".")
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.model.set_filter(
            book.CashFilter(
                year_id=self.year.currentData(),
                account_id=self.account.currentData(),
                text=self.search.text(),
            )
        )
        if self.model.rowCount():
            self.table.scrollToBottom()

    def selected_entry(self) -> book.EntryRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- actions ----------------------------------------------------------------------------
    def _new(self, kind: str) -> None:
        org_id = self.ctx.organisation.id

        def show(choices: Choices) -> None:
            if not choices.accounts or not choices.funds:
                self.result.setText(
                    "⚠ Set up a bank or cash account and a fund first (Set-up tab)."
                )
                return
            dialog = EntryDialog(self.ctx, self, kind, choices)
            self.dialog = dialog
            dialog.accepted.connect(
                lambda: self.result.setText(
                    f"✔ Entry {dialog.saved.number} saved." if dialog.saved else "✔ Saved."
                )
            )
            dialog.open()

        self.ctx.runner.run(self, lambda s: read_choices(s, org_id), on_success=show, write=False)

    def _on_reverse(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.result.setText("Choose the entry to reverse first.")
            return
        self.dialog = ReverseDialog(self.ctx, self, entry.id, entry.number)
        self.dialog.accepted.connect(
            lambda: self.result.setText(f"✔ Entry {entry.number} reversed.")
        )
        self.dialog.open()

    def _on_match(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.result.setText("Choose the allowance receipt first.")
            return
        org_id = self.ctx.organisation.id

        def read(session: Any) -> tuple[list[date], date | None]:
            row = cashbook.entry_row(session, org_id, entry.id)
            if row.kind != "receipt" or row.agreement_id is None:
                raise UserError(
                    f"Entry {entry.number} is not a receipt against an agreement: only those "
                    "are matched with the allowance's payments."
                )
            dues = allowance_matching.due_dates(session, org_id, row.agreement_id)
            return dues, allowance_matching.matched(session, org_id).get(entry.id)

        def show(found: tuple[list[date], date | None]) -> None:
            dues, current = found
            self.dialog = MatchAllowanceDialog(
                self.ctx, self, entry.id, entry.number, dues, current
            )
            self.dialog.accepted.connect(
                lambda: self.result.setText(f"✔ Receipt {entry.number} matched.")
            )
            self.dialog.open()

        self.ctx.runner.run(
            self,
            read,
            on_success=show,
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            write=False,
        )

    def _on_attach(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.result.setText("Choose the entry the scan belongs to first.")
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Scan for entry {entry.number}",
            "",
            "Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)",
        )
        if path:
            self.attach(entry.id, Path(path))

    def attach(self, entry_id: int, source: Path) -> None:
        actor = self.ctx.user.actor
        folder = cashbook.attachments_folder(Path(self.ctx.file.path))
        self.ctx.runner.run(
            self,
            lambda s: cashbook.attach_scan(s, actor, entry_id, source, folder),
            on_success=lambda name: self.result.setText(f"✔ Scan kept as {name}."),
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )


def read_balances(session: Any, organisation_id: int) -> tuple[dict[int, int], dict[int, int]]:
    return book.account_balances(session, organisation_id), book.fund_balances(
        session, organisation_id
    )
