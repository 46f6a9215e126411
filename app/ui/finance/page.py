"""The Budgets & Accounts page: the cash book, budget against actual, reconciliation,
reports, what is owed and owned (debtors, creditors, equipment) and set-up, each a tab;
everything re-read when the books change."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.accounts.roles import Permission
from app.services.finance import setup
from app.ui.context import PageContext
from app.ui.finance.budget_tab import BudgetTab
from app.ui.finance.cashbook_tab import CashBookTab, read_balances
from app.ui.finance.dialogs import Choices, read_choices
from app.ui.finance.reconcile_tab import ReconcileTab
from app.ui.finance.registers_tab import RegistersTab
from app.ui.finance.reports_tab import ReportsTab
from app.ui.finance.setup_tab import SetupTab
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.pages import heading


class FinancePage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Budgets and accounts")
        can_change = ctx.user.actor.can(Permission.EDIT_FINANCE) and not ctx.read_only
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Budgets & Accounts"))
        self.tabs = named(QTabWidget(), "Budgets and accounts")
        self.cashbook = CashBookTab(ctx, can_change)
        self.budget = BudgetTab(ctx, can_change)
        self.reconcile = ReconcileTab(ctx, can_change)
        self.reports = ReportsTab(ctx)
        self.registers = RegistersTab(ctx, can_change)
        self.setup = SetupTab(ctx, can_change)
        for tab, title in (
            (self.cashbook, "&Cash book"),
            (self.budget, "&Budget"),
            (self.reconcile, "R&econcile"),
            (self.reports, "Re&ports"),
            (self.registers, "Owed && o&wned"),
            (self.setup, "Set-&up"),
        ):
            self.tabs.addTab(tab, title)
        layout.addWidget(self.tabs, 1)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        org_id = self.ctx.organisation.id

        def read(session: Any) -> tuple[Choices, Any, list[setup.YearInfo]]:
            return (
                read_choices(session, org_id),
                read_balances(session, org_id),
                setup.list_years(session, org_id),
            )

        def show(found: tuple[Choices, Any, list[setup.YearInfo]]) -> None:
            choices, balances, years = found
            self.cashbook.show_choices(choices, balances)
            self.budget.show_years(years)
            self.reconcile.show_accounts(choices.accounts)
            self.reconcile.refresh()
            self.reports.show_years(years)
            self.reports.show_monitoring(
                choices.agreements[0].monitoring_months if choices.agreements else None
            )
            self.registers.refresh()
            self.setup.show_choices(choices, years)

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.FINANCE, Change.DATABASE}:
            self.refresh()
