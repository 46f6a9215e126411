"""The reports tab: the year's accounts, budget against actual, the transaction listing
and the council's monitoring pack, for a year and (where it applies) a quarter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.reports import registry
from app.services.common.report_options import ReportOptions
from app.services.finance import figures, setup
from app.ui.context import PageContext
from app.ui.finance.dialogs import combo
from app.ui.widgets import button, result_label, save_file

# (report name, button text, accessible name, spreadsheet?)
PAPERS = (
    ("accounts", "&Accounts (PDF)…", "The year's receipts and payments accounts", False),
    ("accounts", "Accounts (x&lsx)…", "The year's accounts as a spreadsheet", True),
    ("budget", "Bud&get against actual (PDF)…", "Budget against actual for the quarter", False),
    ("budget", "Budget against actual (&xlsx)…", "Budget against actual as a spreadsheet", True),
    ("transactions", "&Transactions (PDF)…", "Transaction listing for the quarter", False),
    ("transactions", "Transactions (&spreadsheet)…", "Transaction listing as a spreadsheet", True),
    ("reconciliation", "Bank reco&nciliation (PDF)…", "The bank reconciliation statement", False),
    ("council-pack", "Council &monitoring pack (xlsx)…", "The council's monitoring return", True),
    ("allowance", "LMA allo&wance received (xlsx)…", "The allowance expected and received", True),
    (
        "allowance-reminder",
        "Rem&inder to the council (PDF)…",
        "A letter to the council about allowance payments that are late",
        False,
    ),
)


class ReportsTab(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = combo("Financial year", [])
        self.quarter = combo(
            "Quarter", [(f"Quarter {q}", q) for q in range(1, 5)], "The whole year"
        )
        # The council's pack follows the agreement's monitoring periods when they are not
        # quarters (months or half-years); shown only then.
        self.period = combo("Council monitoring period", [], "The whole year")
        self.every = 3
        self.period_label = QLabel("Council pe&riod:")
        for label, widget in (
            (QLabel("&Year:"), self.year),
            (QLabel("&Quarter:"), self.quarter),
            (self.period_label, self.period),
        ):
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        self.period_label.hide()
        self.period.hide()
        top.addStretch(1)
        layout.addLayout(top)
        grid = QGridLayout()
        self.buttons: list[Any] = []
        for index, (name, caption, accessible, spreadsheet) in enumerate(PAPERS):
            row = QHBoxLayout()
            made = button(caption, accessible, self._saver(name, spreadsheet), row)
            self.buttons.append(made)
            grid.addLayout(row, index // 2, index % 2)
        layout.addLayout(grid)
        note = QLabel(
            "The accounts cover the whole year; the others the quarter chosen, or the whole year "
            "(the council's pack the council's period, where it monitors by month or half-year)."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        self.result = result_label("What happened")
        layout.addWidget(self.result)

    def _saver(self, name: str, spreadsheet: bool) -> Callable[[], None]:
        return lambda: self.save(name, spreadsheet)

    def show_monitoring(self, every: int | None) -> None:
        """The council's monitoring periods (every 1, 3, 6 or 12 months; None: no
        agreement, so quarters)."""
        self.every = every or 3
        keep = self.period.currentData()
        self.period.clear()
        self.period.addItem("The whole year", None)
        word = {1: "Month", 6: "Half-year", 12: "Year"}.get(self.every, "Quarter")
        for n in range(1, 12 // self.every + 1):
            first, last = figures.monitoring_months(n, self.every)
            months = f"month {first}" if first == last else f"months {first} to {last}"
            self.period.addItem(f"{word} {n} ({months} of the year)", n)
        self.period.setCurrentIndex(max(0, self.period.findData(keep)))
        separate = self.every not in (3, 12)
        self.period_label.setVisible(separate)
        self.period.setVisible(separate)

    def show_years(self, years: list[setup.YearInfo]) -> None:
        keep = self.year.currentData()
        self.year.clear()
        for y in years:
            self.year.addItem(y.label, y.starts_on.year)
        default = next((y.starts_on.year for y in reversed(years) if not y.closed), None)
        self.year.setCurrentIndex(max(0, self.year.findData(keep or default)))

    def save(self, name: str, spreadsheet: bool, target: Path | None = None) -> None:
        """Build the report for the chosen year and quarter; save it (asking where)."""
        if self.year.currentData() is None:
            self.result.setText("⚠ Open a financial year first (Set-up).")
            return
        spec = registry.find(name)
        period = self.quarter.currentData()
        if name == "council-pack" and self.every not in (3, 12):
            period = self.period.currentData()
        options = ReportOptions(year=self.year.currentData(), quarter=period)
        build = registry.builder(spec, spreadsheet=spreadsheet)
        actor = self.ctx.user.actor
        suffix = "xlsx" if spreadsheet else "pdf"
        save_file(
            self,
            self.ctx,
            f"Save the {spec.title.lower()}",
            f"{name}-{options.year}{f'-q{options.quarter}' if options.quarter else ''}.{suffix}",
            lambda s: build(s, actor, datetime.now(), options),
            self.result.setText,
            spreadsheet=spreadsheet,
            target=target,
        )
