"""The Reach tab: a Children's Centre's families and children each quarter, by group,
and its activities' sessions (typed from the register, or counted from a sign-in
sheet whose names are not kept). On screen the counts are shown as they are; printed
or saved, any count under 5 says "fewer than 5"."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.common.report_options import ReportOptions
from app.services.performance import reach
from app.services.performance.reach_report import reach_report
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.performance.common import open_dialog, report_buttons, year_box
from app.ui.service_dialog import ServiceDialog
from app.ui.table_model import RowsModel
from app.ui.widgets import button, date_box, read_date, result_label, table, whole_number

Row = tuple[str, str, tuple[int | None, ...]]


class Column(IntEnum):
    MEASURE = 0
    GROUP = 1
    Q1 = 2
    Q2 = 3
    Q3 = 4
    Q4 = 5


HEADINGS = {Column.MEASURE: "Figure", Column.GROUP: "Group", Column.Q1: "Q1", Column.Q2: "Q2",
            Column.Q3: "Q3", Column.Q4: "Q4"}  # fmt: skip


def _cell(row: Row, column: Column) -> str:
    if column == Column.MEASURE:
        return row[0]
    if column == Column.GROUP:
        return row[1]
    count = row[2][column - 2]
    return "" if count is None else f"{count:,}"


def _whole(box: QLineEdit, field: str, issues: list[Issue]) -> int:
    found = whole_number(box.text())
    if found is None:
        issues.append(Issue(field, "Give a whole number: 0 or more."))
        return 0
    return found


class CountDialog(ServiceDialog):
    """Record one count for a quarter."""

    def __init__(self, ctx: PageContext, parent: QWidget, year: int) -> None:
        super().__init__(ctx, parent, "Record a reach figure",
                         "A count of families or children for a quarter (a number only: no "
                         "child's details are kept).", frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.year = year
        self.quarter = named(QComboBox(), "Quarter")
        for q in range(1, 5):
            self.quarter.addItem(f"Quarter {q}", q)
        self.errors.add_row(self.form, "&Quarter", self.quarter, "quarter")
        self.measure = named(QComboBox(), "Figure")
        self.measure.addItems(list(reach.MEASURES))
        self.errors.add_row(self.form, "&Figure", self.measure, "measure")
        self.group = named(QComboBox(), "Group")
        self.group.setEditable(True)
        self.group.addItems(list(reach.GROUPS))
        self.errors.add_row(self.form, "&Group (or type another)", self.group, "group")
        self.count = self.errors.add_row(self.form, "&Count", QLineEdit(), "count")
        self.finish()

    def operation(self) -> Any:
        issues: list[Issue] = []
        count = _whole(self.count, "count", issues)
        if issues:
            raise UserError.from_issues(issues)
        actor, year, quarter = self.ctx.user.actor, self.year, int(self.quarter.currentData())
        key = (self.measure.currentText(), self.group.currentText())
        return lambda session: reach.record_counts(session, actor, year, quarter, {key: count})


class SessionDialog(ServiceDialog):
    """Record how many came to an activity's session."""

    def __init__(self, ctx: PageContext, parent: QWidget, activities: list[str]) -> None:
        super().__init__(ctx, parent, "Record a session",
                         "How many came: type the number from the register, or type or paste "
                         "the sign-in sheet's names, one a line, to have them counted (the "
                         "names are not kept).", frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.activity = named(QComboBox(), "Activity")
        self.activity.setEditable(True)
        self.activity.addItems(activities)
        self.errors.add_row(self.form, "&Activity (or type a new one)", self.activity, "name")
        self.held = self.errors.add_row(self.form, "&Held on", date_box("Held on", date.today()),
                                        "held_on")  # fmt: skip
        self.came = self.errors.add_row(self.form, "&How many came", QLineEdit(), "attendance")
        self.sheet = self.errors.add_row(self.form, "Or the &sign-in sheet's names",
                                         QPlainTextEdit(), "sheet")  # fmt: skip
        self.sheet.setTabChangesFocus(True)
        self.finish()

    def operation(self) -> Any:
        issues: list[Issue] = []
        held = read_date(self.held, "held_on", "Date held", issues)
        names = self.sheet.toPlainText()
        how = reach.SHEET if names.strip() else reach.REGISTER
        came = (
            reach.count_sheet(names) if names.strip() else _whole(self.came, "attendance", issues)
        )
        if issues or held is None:
            raise UserError.from_issues(issues)
        actor, name = self.ctx.user.actor, self.activity.currentText()
        on = held

        def record(session: Any) -> None:
            reach.record_named_session(session, actor, name, on, came, how)

        return record


class ReachTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.activities: list[str] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = year_box("Financial year of the reach figures", top, ctx.organisation)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = RowsModel(Column, HEADINGS, _cell)
        self.table = table(self.model, "Families and children each quarter")
        layout.addWidget(self.table, 1)
        self.sessions = result_label("Activities' sessions this year")
        layout.addWidget(self.sessions)
        row = QHBoxLayout()
        self.count_button = button("Record a &count…", "Record a reach figure", self._on_count, row)
        self.session_button = button("Record a s&ession…", "Record an activity's session",
                                     self._on_session, row)  # fmt: skip
        report_buttons(self, ctx, "reach", self.year, row, self._say)
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.count_button, self.session_button):
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.year.currentIndexChanged.connect(self.refresh)

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def refresh(self) -> None:
        actor, year = self.ctx.user.actor, int(self.year.currentData())

        def read(session: Any) -> Any:
            return reach_report(session, actor, datetime.now(), ReportOptions(year=year))

        def show(found: Any) -> None:
            self.model.set_rows(list(found.rows))
            lines: dict[str, tuple[int, int]] = {}
            for _label, activities in found.activities:
                for a in activities:
                    sessions, came = lines.get(a.name, (0, 0))
                    lines[a.name] = (sessions + a.sessions, came + a.attendance)
            self.activities = sorted(lines)
            self.sessions.setText("Activities this year: " + ("; ".join(
                f"{name}: {s} sessions, {c:,} came" for name, (s, c) in sorted(lines.items()))
                or "none recorded") + ".")  # fmt: skip

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _open(self, dialog: Any, done: str) -> None:
        open_dialog(self, dialog, done, self.result.setText, self.refresh)

    def _on_count(self) -> None:
        self._open(CountDialog(self.ctx, self, int(self.year.currentData())), "Count recorded.")

    def _on_session(self) -> None:
        self._open(SessionDialog(self.ctx, self, self.activities), "Session recorded.")
