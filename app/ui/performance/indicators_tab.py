"""The Indicators tab: each indicator switched on, its quarters and year against target
with the result in words; figures recorded as two numbers (never a percentage), and
indicators switched on from the library."""

from __future__ import annotations

import re
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.common.money import parse_money
from app.services.common.report_options import ReportOptions
from app.services.performance import indicators
from app.services.performance.figures_import import import_figures
from app.services.performance.library import COUNT
from app.services.performance.results import (
    VERDICT_WORDS,
    IndicatorResult,
    PeriodResult,
    performance,
)
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.performance.common import open_dialog, report_buttons, year_box
from app.ui.performance.trend_view import TrendChart
from app.ui.service_dialog import ServiceDialog
from app.ui.table_model import RowsModel
from app.ui.widgets import button, result_label, selected, table


class Column(IntEnum):
    CODE = 0
    NAME = 1
    TARGET = 2
    YEAR = 3
    RESULT = 4
    Q1 = 5
    Q2 = 6
    Q3 = 7
    Q4 = 8


HEADINGS = {
    Column.CODE: "Code", Column.NAME: "Indicator", Column.TARGET: "Target", Column.Q1: "Q1",
    Column.Q2: "Q2", Column.Q3: "Q3", Column.Q4: "Q4", Column.YEAR: "Year",
    Column.RESULT: "Result",
}  # fmt: skip


def _period(period: PeriodResult | None) -> str:
    if period is None:
        return ""
    if period.value is None:
        return "–"
    return f"{period.shown} ({VERDICT_WORDS[period.verdict].lower()})"


def _cell(row: IndicatorResult, column: Column) -> str:
    quarters: list[PeriodResult | None] = list(row.periods) if len(row.periods) == 4 else [None] * 4
    values = (row.code, row.name, row.target_shown, _period(row.year),
              VERDICT_WORDS[row.year.verdict], *(_period(q) for q in quarters))  # fmt: skip
    return values[column]


class FiguresDialog(ServiceDialog):
    """Record an indicator's two figures for a quarter (or the year)."""

    def __init__(self, ctx: PageContext, parent: QWidget, chosen: IndicatorResult,
                 year: int, rows: list[IndicatorResult]) -> None:  # fmt: skip
        super().__init__(ctx, parent, "Record an indicator's figures",
                         "Type the two figures the indicator is worked out from: the program "
                         "works out the percentage (never type one).",
                         frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.rows = rows
        self.which = named(QComboBox(), "Indicator")
        for item in rows:
            self.which.addItem(f"{item.code} {item.name}", item.code)
        self.which.setCurrentIndex(max(0, self.which.findData(chosen.code)))
        self.errors.add_row(self.form, "&Indicator", self.which, "indicator")
        self.quarter = named(QComboBox(), "Quarter")
        for label, value in (("The whole year", 0), ("Quarter 1", 1), ("Quarter 2", 2),
                             ("Quarter 3", 3), ("Quarter 4", 4)):  # fmt: skip
            self.quarter.addItem(label, value)
        self.quarter.setCurrentIndex(1 if len(chosen.periods) == 4 else 0)
        self.errors.add_row(self.form, "&Quarter", self.quarter, "quarter")
        self.year = year
        self.first = self.errors.add_row(self.form, "&First figure", QLineEdit(), "first")
        self.second = self.errors.add_row(self.form, "&Divided by", QLineEdit(), "second")
        self.note = self.errors.add_row(self.form, "&Note (why a target was missed)",
                                        QPlainTextEdit(), "note")  # fmt: skip
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.which.currentIndexChanged.connect(self._labels)
        self._labels()
        self.finish()

    def _chosen(self) -> IndicatorResult:
        return self.rows[max(0, self.which.currentIndex())]

    def _labels(self) -> None:
        item = self._chosen()
        money = " (£)" if item.money else ""
        for box, text in ((self.first, f"&First figure: {item.first_label}{money}"),):
            self._relabel(box, text)
        second = f"&Divided by: {item.second_label}{money}" if item.method != COUNT else \
            "&Divided by (not needed)"  # fmt: skip
        self._relabel(self.second, second)
        self.first.setAccessibleName(f"First figure: {item.first_label}")
        self.second.setAccessibleName(f"Divided by: {item.second_label}")
        self.second.setEnabled(item.method != COUNT)
        yearly = len(item.periods) != 4  # measured once a year
        if yearly:
            self.quarter.setCurrentIndex(0)
        elif self.quarter.currentIndex() == 0:
            self.quarter.setCurrentIndex(1)
        self.quarter.setEnabled(not yearly)

    def _relabel(self, box: QWidget, text: str) -> None:
        label = self.form.labelForField(box.parentWidget() or box)
        if isinstance(label, QLabel):
            label.setText(text)

    def _number(self, box: QLineEdit, field: str, money: bool, issues: list[Issue]) -> int | None:
        text = box.text().strip()
        if money:
            value, issue = parse_money(field, text)
            if issue:
                issues.append(issue)
            return value
        cleaned = text.replace(",", "")
        if not re.fullmatch(r"\d{1,12}", cleaned):
            issues.append(Issue(field, "Give a whole number, such as 412."))
            return None
        return int(cleaned)

    def operation(self) -> Any:
        item = self._chosen()
        issues: list[Issue] = []
        first = self._number(self.first, "first", item.money, issues)
        second = None if item.method == COUNT else self._number(self.second, "second",
                                                                 item.money, issues)  # fmt: skip
        if issues:
            raise UserError.from_issues(issues)
        actor, year, quarter = self.ctx.user.actor, self.year, int(self.quarter.currentData())
        note, code, org = self.note.toPlainText(), item.code, self.ctx.organisation.id

        def record(session: Any) -> None:
            row = indicators.find_indicator(session, org, code)
            indicators.record(session, actor, row.id, year, quarter, first or 0, second, note)

        return record


class LibraryDialog(ServiceDialog):
    """Switch on indicators from the library (ticked ones)."""

    def __init__(self, ctx: PageContext, parent: QWidget, on: set[str]) -> None:
        super().__init__(ctx, parent, "Switch on indicators",
                         "Tick the indicators to measure. The Tenant Satisfaction Measures are "
                         "the Regulator of Social Housing's, as a council asks its TMO to "
                         "supply them.", frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.choices = named(QListWidget(), "Indicators in the library")
        for entry in indicators.library():
            item = QListWidgetItem(f"{entry.code}  {entry.name}")
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.code in on
                               else Qt.CheckState.Unchecked)  # fmt: skip
            self.choices.addItem(item)
        self.choices.setMinimumHeight(self.choices.fontMetrics().height() * 14)
        self.form.addRow(self.choices)
        self.finish()

    def operation(self) -> Any:
        codes = [
            str(self.choices.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.choices.count())
            if self.choices.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not codes:
            raise UserError("Tick at least one indicator.")
        actor = self.ctx.user.actor
        return lambda session: indicators.switch_on(session, actor, codes)


class OwnDialog(ServiceDialog):
    """Add an indicator of the organisation's own: worked out from two figures."""

    def __init__(self, ctx: PageContext, parent: QWidget) -> None:
        super().__init__(ctx, parent, "Add your own indicator",
                         "Your own measure, worked out from two figures typed each quarter "
                         "(say, gardens tidied on time out of gardens due).",
                         frozenset({Change.PERFORMANCE}))  # fmt: skip
        add = self.errors.add_row
        self.code = add(self.form, "Short &code", QLineEdit(), "code")
        self.name = add(self.form, "&Name", QLineEdit(), "name")
        self.method = named(QComboBox(), "How it is worked out")
        for label, value in (("A percentage: first ÷ second × 100", "percent"),
                             ("Per 1,000 homes: first ÷ second × 1,000", "per_thousand"),
                             ("An average: first ÷ second", "average"),
                             ("A count: the first figure as it is", "count")):  # fmt: skip
            self.method.addItem(label, value)
        add(self.form, "&Worked out as", self.method, "method")
        self.first = add(self.form, "&First figure is", QLineEdit(), "first_label")
        self.second = add(self.form, "&Divided by", QLineEdit(), "second_label")
        self.target = add(self.form, "&Target", QLineEdit(), "target")
        self.better = named(QComboBox(), "Which way is better")
        self.better.addItem("Higher is better", True)
        self.better.addItem("Lower is better", False)
        add(self.form, "W&hich way is better", self.better, "higher_is_better")
        self.finish()

    def operation(self) -> Any:
        own = indicators.OwnIndicator(
            self.code.text(), self.name.text(), str(self.method.currentData()),
            self.first.text(), self.second.text(), self.target.text(),
            bool(self.better.currentData()),
        )  # fmt: skip
        actor = self.ctx.user.actor
        return lambda session: indicators.add_own(session, actor, own)


class IndicatorsTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.rows: list[IndicatorResult] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = year_box("Financial year of the indicators", top, ctx.organisation)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = RowsModel(Column, HEADINGS, _cell)
        self.table = table(self.model, "Indicators and their results",
                           "Each quarter's figure with met, close or missed in words")  # fmt: skip
        layout.addWidget(self.table, 1)
        self.trend = TrendChart()
        layout.addWidget(self.trend)
        self.table.selectionModel().currentRowChanged.connect(self._show_trend)
        self.summary = result_label("How many targets were met")
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.record_button = button("&Record figures…", "Record an indicator's figures",
                                    self._on_record, row)  # fmt: skip
        self.library_button = button("Switch &on indicators…", "Switch on indicators from "
                                     "the library", self._on_library, row)  # fmt: skip
        self.own_button = button("Add your o&wn…", "Add an indicator of your own",
                                 self._on_own, row)  # fmt: skip
        self.file_button = button("Read the council's &file…", "Read figures from the "
                                  "council's CSV file", self._on_file, row)  # fmt: skip
        report_buttons(self, ctx, "performance", self.year, row, self._say)
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.record_button, self.library_button, self.own_button,
                        self.file_button):  # fmt: skip
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.year.currentIndexChanged.connect(self.refresh)

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def refresh(self) -> None:
        actor, year = self.ctx.user.actor, int(self.year.currentData())

        def read(session: Any) -> Any:
            return performance(session, actor, datetime.now(), ReportOptions(year=year))

        def show(found: Any) -> None:
            self.rows = list(found.indicators)
            self.model.set_rows(self.rows)
            self._show_trend()
            self.summary.setText(
                f"{found.count('met')} met, {found.count('close')} close, "
                f"{found.count('missed')} missed, of {len(self.rows)} indicators switched on."
                if self.rows else "No indicator is switched on yet: choose “Switch on "
                "indicators…”."
            )  # fmt: skip

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _show_trend(self, *_changed: object) -> None:
        """The trend of the indicator chosen in the table (the first, if none is)."""
        self.trend.show_row(selected(self.table, self.model) or (self.rows[0] if self.rows
                                                                  else None))  # fmt: skip

    def _open(self, dialog: Any, done: str) -> None:
        open_dialog(self, dialog, done, self.result.setText, self.refresh)

    def _on_record(self) -> None:
        chosen = selected(self.table, self.model) or (self.rows[0] if self.rows else None)
        if chosen is None:
            self.result.setText("⚠ Switch on an indicator first.")
            return
        self._open(FiguresDialog(self.ctx, self, chosen, int(self.year.currentData()),
                                 self.rows), "Figures recorded.")  # fmt: skip

    def _on_own(self) -> None:
        self._open(OwnDialog(self.ctx, self), "Indicator added.")

    def _on_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "The council's file of figures", "",
                                                  "CSV files (*.csv)")  # fmt: skip
            if not path:
                return
        try:
            text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
        except OSError as error:
            self.result.setText(f"⚠ The file could not be read ({error.strerror or error}).")
            return
        actor = self.ctx.user.actor

        def done(count: int) -> None:
            self.refresh()
            self.result.setText(f"✔ Recorded {count} line{'s' if count != 1 else ''} of figures "
                                "from the council's file.")  # fmt: skip

        self.ctx.runner.run(
            self, lambda session: import_figures(session, actor, text), on_success=done,
            on_user_error=lambda error: self.result.setText(f"⚠ Nothing was recorded: "
                                                            f"{error.message}"),
            changes=frozenset({Change.PERFORMANCE}),
        )  # fmt: skip

    def _on_library(self) -> None:
        self._open(LibraryDialog(self.ctx, self, {r.code for r in self.rows}),
                   "Indicators switched on.")  # fmt: skip
