"""The set-up tab: financial years (open, close), bank and cash accounts, funds, the
categories under the Charity Commission's headings, and the LMA agreements."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.common.money import format_pence
from app.services.finance import setup
from app.ui.context import PageContext
from app.ui.finance.dialogs import CHANGES, AccountDialog, Choices, OpenYearDialog
from app.ui.finance.models import setup_model, year_rows
from app.ui.widgets import ask, button, result_label, table


class SetupTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.choices: Choices | None = None
        self.all_categories: list[setup.CategoryInfo] | None = None
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.models = {
            key: setup_model() for key in ("years", "accounts", "funds", "categories", "agreements")
        }
        titles = {
            "years": "Financial years",
            "accounts": "Bank and cash accounts",
            "funds": "Funds",
            "categories": "Categories",
            "agreements": "LMA agreements",
        }
        self.tables = {}
        for index, (key, title) in enumerate(titles.items()):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            self.tables[key] = table(self.models[key], title)
            box.addWidget(self.tables[key])
            grid.addLayout(box, index // 2, index % 2)
        layout.addLayout(grid, 1)
        row = QHBoxLayout()
        self.open_button = button("&Open a year…", "Open a financial year", self._on_open_year, row)
        self.close_button = button(
            "C&lose the selected year…", "Close the selected year", self._on_close_year, row
        )
        self.account_button = button(
            "New &account…", "Add a bank or cash account", lambda: self._on_new("account"), row
        )
        self.fund_button = button("New &fund…", "Add a fund", lambda: self._on_new("fund"), row)
        row.addStretch(1)
        layout.addLayout(row)
        second = QHBoxLayout()
        self.agreement_button = button(
            "New agr&eement…", "Add an LMA agreement", self._on_agreement, second
        )
        self.change_agreement_button = button(
            "C&hange agreement…", "Change the selected agreement", self._on_change_agreement, second
        )
        self.category_button = button("New cate&gory…", "Add a category", self._on_category, second)
        self.change_category_button = button(
            "Change catego&ry…", "Change the selected category", self._on_change_category, second
        )
        self.defaults_button = button(
            "Usual categor&ies", "Add the usual categories", self._on_defaults, second
        )
        second.addStretch(1)
        layout.addLayout(second)
        for control in (
            self.open_button,
            self.close_button,
            self.account_button,
            self.fund_button,
            self.defaults_button,
            self.agreement_button,
            self.change_agreement_button,
            self.category_button,
            self.change_category_button,
        ):
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)

    def show_choices(self, choices: Choices, all_years: list[setup.YearInfo]) -> None:
        self.choices = choices
        self.all_categories = choices.all_categories
        self.years: list[setup.YearInfo] = all_years
        self.models["years"].set_rows(year_rows(all_years))
        self.models["accounts"].set_rows(
            [
                (
                    a.name,
                    a.kind_label,
                    " ".join(
                        p for p in (a.bank, f"…{a.number_ending}" if a.number_ending else "") if p
                    ),
                )
                for a in choices.accounts
            ]
        )
        self.models["funds"].set_rows([(f.name, f.kind_label, f.purpose) for f in choices.funds])
        self.models["categories"].set_rows(
            [
                (
                    c.name + ("" if c.active else " (no longer used)"),
                    "Receipts" if c.direction == "receipt" else "Payments",
                    c.heading_label,
                )
                for c in choices.all_categories
            ]
        )
        self.models["agreements"].set_rows(
            [
                (
                    a.name,
                    "LMA",
                    f"With {a.counterparty}: {format_pence(a.annual_allowance_pence)} a year, "
                    f"paid {a.schedule}; "
                    f"community share {a.share_text}; "
                    + ", ".join(s.name for s in a.services)
                    + self._due(a),
                )
                for a in choices.agreements
            ]
        )

    def _due(self, agreement: Any) -> str:
        """The allowance payments to expect in the open year, in words."""
        from app.services.finance.agreements import expected_receipts

        open_years = [y for y in self.years if not y.closed]
        if not open_years:
            return ""
        due = expected_receipts(agreement, open_years[-1])
        return f"; due in {open_years[-1].label}: " + ", ".join(str(d) for d in due)

    def _done(self, text: str) -> None:
        self.result.setText(text)

    def _on_open_year(self) -> None:
        self.dialog = OpenYearDialog(self.ctx, self)
        self.dialog.accepted.connect(lambda: self._done("✔ The year is open."))
        self.dialog.open()

    def _on_close_year(self) -> None:
        index = self.tables["years"].currentIndex()
        if not index.isValid():
            self.result.setText("Choose the year to close first.")
            return
        year = self.years[index.row()]
        if not ask(
            self,
            "Close the year",
            f"Close {year.label}? Nothing can be entered, "
            "reversed or budgeted in it afterwards. This cannot be undone.",
        ):
            return
        actor = self.ctx.user.actor
        self.ctx.runner.run(
            self,
            lambda s: setup.close_year(s, actor, year.id),
            on_success=lambda _y: self._done(f"✔ {year.label} is closed and locked."),
            on_user_error=lambda error: self._done(f"⚠ {error.message}"),
            changes=CHANGES,
        )

    def _on_new(self, what: str) -> None:
        self.dialog = AccountDialog(self.ctx, self, what)
        self.dialog.accepted.connect(lambda: self._done(f"✔ The {what} is added."))
        self.dialog.open()

    def _on_change_agreement(self) -> None:
        from app.ui.finance.dialogs import AgreementDialog

        index = self.tables["agreements"].currentIndex()
        if self.choices is None or not index.isValid():
            self._done("Choose the agreement to change first.")
            return
        current = self.choices.agreements[index.row()]
        self.dialog = AgreementDialog(self.ctx, self, self.choices, current)
        self.dialog.accepted.connect(lambda: self._done(f"✔ {current.name} is saved."))
        self.dialog.open()

    def _on_category(self) -> None:
        from app.ui.finance.dialogs import CategoryDialog

        self.dialog = CategoryDialog(self.ctx, self)
        self.dialog.accepted.connect(lambda: self._done("✔ The category is added."))
        self.dialog.open()

    def _on_change_category(self) -> None:
        from app.ui.finance.dialogs import CategoryDialog

        index = self.tables["categories"].currentIndex()
        if self.all_categories is None or not index.isValid():
            self._done("Choose the category to change first.")
            return
        current = self.all_categories[index.row()]
        self.dialog = CategoryDialog(self.ctx, self, current)
        self.dialog.accepted.connect(lambda: self._done(f"✔ {current.name} is saved."))
        self.dialog.open()

    def _on_agreement(self) -> None:
        from app.ui.finance.dialogs import AgreementDialog

        if self.choices is None or not self.choices.funds:
            self._done("⚠ Add a fund for the allowance first (a restricted fund).")
            return
        self.dialog = AgreementDialog(self.ctx, self, self.choices)
        self.dialog.accepted.connect(lambda: self._done("✔ The agreement is saved."))
        self.dialog.open()

    def _on_defaults(self) -> None:
        actor = self.ctx.user.actor
        self.ctx.runner.run(
            self,
            lambda s: setup.ensure_default_categories(s, actor),
            on_success=lambda found: self._done(f"✔ {len(found)} categories are set up."),
            on_user_error=lambda error: self._done(f"⚠ {error.message}"),
            changes=CHANGES,
        )
