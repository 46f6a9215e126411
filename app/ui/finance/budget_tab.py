"""The budget tab: budget against actual for a quarter and the year to date, the chart
the PDF prints (shown as SVG), and setting or copying budget lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.reports.pdf.charts import as_svg, budget_chart
from app.services.common.money import format_pence
from app.services.finance import allowance, budgets, figures, setup
from app.ui.context import PageContext
from app.ui.finance.dialogs import CHANGES, BudgetLineDialog, Choices, combo, read_choices
from app.ui.finance.models import budget_model
from app.ui.widgets import button, result_label, table

# budget against actual; whether the year expects any allowance; the payments to chase
Read = tuple[figures.BudgetVsActual, bool, list[allowance.Instalment]]
QUARTERS = [("Quarter 1", 1), ("Quarter 2", 2), ("Quarter 3", 3), ("Quarter 4", 4)]


class BudgetTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.years: list[setup.YearInfo] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = combo("Financial year", [])
        self.quarter = combo("Quarter", QUARTERS)
        for label, widget in (("&Year:", self.year), ("&Quarter:", self.quarter)):
            text = QLabel(label)
            text.setBuddy(widget)
            top.addWidget(text)
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.heading = QLabel()
        self.heading.setAccessibleName("Period shown")
        layout.addWidget(self.heading)
        self.model = budget_model()
        self.table = table(self.model, "Budget against actual", "By service and category")
        layout.addWidget(self.table, 2)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Totals")
        layout.addWidget(self.totals)
        self.allowance = QLabel()
        self.allowance.setWordWrap(True)
        self.allowance.setAccessibleName("LMA allowance payments late or short")
        layout.addWidget(self.allowance)
        self.chart = QSvgWidget()
        self.chart.setAccessibleName("Chart of spending by service to date")
        self.chart.setMinimumHeight(160)
        layout.addWidget(self.chart, 1)
        row = QHBoxLayout()
        self.line_button = button(
            "Set a budget &line…", "Set the budget for a category", self._on_line, row
        )
        self.copy_button = button(
            "C&opy last year's budget", "Copy last year's budget with an uplift", self._on_copy, row
        )
        self.uplift = QSpinBox()
        self.uplift.setRange(-50, 100)
        self.uplift.setValue(3)
        self.uplift.setSuffix("% uplift")
        self.uplift.setAccessibleName("Uplift when copying, per cent")
        row.addWidget(self.uplift)
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.line_button, self.copy_button, self.uplift):
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.quarter.currentIndexChanged.connect(lambda _i: self.refresh())

    def show_years(self, years: list[setup.YearInfo]) -> None:
        self.years = years
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(y.label, y.id)
        current = next(
            (y.id for y in reversed(years) if not y.closed), years[-1].id if years else None
        )
        self.year.setCurrentIndex(max(0, self.year.findData(keep if keep is not None else current)))
        chosen = self._chosen()
        if (
            keep is None
            and chosen is not None
            and chosen.starts_on <= date.today() <= chosen.ends_on
        ):
            months = (
                (date.today().year - chosen.starts_on.year) * 12
                + date.today().month
                - chosen.starts_on.month
            )
            self.quarter.blockSignals(True)
            self.quarter.setCurrentIndex(min(3, months // 3))
            self.quarter.blockSignals(False)
        self.year.blockSignals(False)
        self.refresh()

    def _chosen(self) -> setup.YearInfo | None:
        return next((y for y in self.years if y.id == self.year.currentData()), None)

    def refresh(self) -> None:
        year = self._chosen()
        if year is None:
            self.heading.setText("Open a financial year under Set-up to set a budget.")
            self.model.set_rows([])
            return
        org_id, quarter = self.ctx.organisation.id, self.quarter.currentData()

        def read(session: Any) -> Read:
            return (
                figures.budget_vs_actual(session, org_id, year, quarter * 3 - 2, quarter * 3),
                bool(allowance.instalments(session, org_id, year)),
                allowance.to_chase(session, org_id, year),
            )

        self.ctx.runner.run(self, read, on_success=self._show_all, write=False)

    def _show_all(self, found: Read) -> None:
        report, expected, late = found
        self._show(report)
        if late:
            self.allowance.setText(
                "⚠ LMA allowance late: "
                + "; ".join(
                    f"{i.counterparty}, {format_pence(i.owed_pence)} of the payment due "
                    f"{i.due_on:%d/%m/%Y} ({i.words().lower()})"
                    for i in late
                )
                + "."
            )
        elif expected:
            self.allowance.setText("✔ LMA allowance: every payment due so far has arrived.")
        else:
            self.allowance.setText("")

    def _show(self, report: figures.BudgetVsActual) -> None:
        self.heading.setText(f"{report.year.label}: {report.period}")
        self.model.set_rows(list(report.rows))
        lines = []
        for direction, word in (("receipt", "Receipts"), ("payment", "Payments")):
            budget = report.total(direction, "budget_period")
            actual = report.total(direction, "actual_period")
            lines.append(f"{word}: budget {format_pence(budget)}, actual {format_pence(actual)}.")
        self.totals.setText(" ".join(lines))
        bars: dict[str, tuple[int, int]] = {}
        for r in report.rows:
            if r.direction == "payment":
                b, a = bars.get(r.service or "General", (0, 0))
                bars[r.service or "General"] = (b + r.budget_to_date, a + r.actual_to_date)
        drawing = budget_chart(tuple((n, b, a) for n, (b, a) in bars.items()), width=640)
        self.chart.load(as_svg(drawing))
        self.chart.setMinimumHeight(int(drawing.height))

    def _on_line(self) -> None:
        year = self._chosen()
        if year is None:
            return
        org_id = self.ctx.organisation.id

        def show(choices: Choices) -> None:
            self.dialog = BudgetLineDialog(self.ctx, self, year, choices)
            self.dialog.accepted.connect(lambda: self.result.setText("✔ The budget line is saved."))
            self.dialog.accepted.connect(self.refresh)
            self.dialog.open()

        self.ctx.runner.run(self, lambda s: read_choices(s, org_id), on_success=show, write=False)

    def _on_copy(self) -> None:
        year = self._chosen()
        earlier = [y for y in self.years if year and y.ends_on < year.starts_on]
        if year is None or not earlier:
            self.result.setText("⚠ There is no earlier year to copy from.")
            return
        actor, source, uplift = self.ctx.user.actor, earlier[-1], self.uplift.value() * 100

        def copied(lines: int) -> None:
            self.result.setText(f"✔ {lines} lines copied from {source.label}, {uplift // 100}% up.")
            self.refresh()

        self.ctx.runner.run(
            self,
            lambda s: budgets.copy_budget(
                s, actor, from_year_id=source.id, to_year_id=year.id, uplift_bp=uplift
            ),
            on_success=copied,
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=CHANGES,
        )
