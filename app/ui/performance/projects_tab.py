"""The Projects tab: each community project with its budget, what the cash book shows
spent on it and what is left; projects added or changed, and their results recorded.
(Payments are charged to a project in the cash book.)"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.errors import Issue, UserError
from app.services.common.dates import parse_date, uk
from app.services.common.money import format_pence
from app.services.finance import setup
from app.services.performance import projects
from app.services.performance.projects import ProjectSummary
from app.ui.context import PageContext
from app.ui.finance.dialogs import read_money
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.performance.common import open_dialog, report_buttons, year_box
from app.ui.service_dialog import ServiceDialog
from app.ui.table_model import RowsModel
from app.ui.widgets import button, date_box, result_label, selected, table, whole_number


class Column(IntEnum):
    NAME = 0
    STATUS = 1
    LEAD = 2
    BUDGET = 3
    SPENT = 4
    LEFT = 5
    RESULTS = 6


HEADINGS = {Column.NAME: "Project", Column.STATUS: "Status", Column.LEAD: "Lead",
            Column.BUDGET: "Budget", Column.SPENT: "Spent", Column.LEFT: "Left",
            Column.RESULTS: "Results so far"}  # fmt: skip


def _cell(row: ProjectSummary, column: Column) -> str:
    results = "; ".join(w + (f" ({f:,} {u})" if f is not None else "") for w, f, u in row.results)
    values = (row.name, row.status, row.lead, format_pence(row.budget_pence),
              format_pence(row.spent_pence), format_pence(row.left_pence), results)  # fmt: skip
    return values[column]


def _day(box: QLineEdit, field: str, label: str, issues: list[Issue]) -> date | None:
    value, issue = parse_date(field, box.text(), label)
    if issue:
        issues.append(issue)
    return value


class ProjectDialog(ServiceDialog):
    """Add a project, or change one."""

    def __init__(self, ctx: PageContext, parent: QWidget, funds: list[setup.FundInfo],
                 project: ProjectSummary | None = None) -> None:  # fmt: skip
        super().__init__(ctx, parent, "Change a project" if project else "Add a project",
                         "A community project paid for from the community's share of the "
                         "savings or a grant.", frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.project = project
        self.name = self.errors.add_row(self.form, "&Name", QLineEdit(project.name if project
                                                                      else ""), "name")  # fmt: skip
        self.fund = named(QComboBox(), "Fund that pays for it")
        for fund in funds:
            self.fund.addItem(fund.name, fund.id)
        self.errors.add_row(self.form, "&Fund that pays for it", self.fund, "fund_id")
        self.budget = self.errors.add_row(self.form, "&Budget (£)", QLineEdit(
            f"{project.budget_pence / 100:.2f}" if project else ""), "budget_pence")  # fmt: skip
        self.lead = self.errors.add_row(self.form, "&Lead", QLineEdit(project.lead if project
                                                                      else ""), "lead")  # fmt: skip
        self.starts = self.errors.add_row(self.form, "&Starts", date_box(
            "Starts", project.starts_on if project else None), "starts_on")  # fmt: skip
        self.ends = self.errors.add_row(self.form, "&Ends", date_box(
            "Ends", project.ends_on if project else None), "ends_on")  # fmt: skip
        self.status = named(QComboBox(), "Status")
        self.status.addItems(list(projects.STATUSES))
        if project:
            self.status.setCurrentText(project.status)
        self.errors.add_row(self.form, "S&tatus", self.status, "status")
        self.about = self.errors.add_row(self.form, "&What it is", QLineEdit(
            project.description if project else ""), "description")  # fmt: skip
        self.finish()

    def operation(self) -> Any:
        issues: list[Issue] = []
        budget = read_money(self.budget, "budget_pence", "The budget", issues)
        starts = _day(self.starts, "starts_on", "Start date", issues)
        ends = _day(self.ends, "ends_on", "End date", issues)
        if self.fund.currentData() is None:
            issues.append(Issue("fund_id", "Choose the fund that pays for the project."))
        if issues:
            raise UserError.from_issues(issues)
        details = projects.ProjectDetails(
            self.name.text(), int(self.fund.currentData()), budget or 0, self.lead.text(),
            starts, ends, self.status.currentText(), self.about.text(),
        )  # fmt: skip
        actor, chosen = self.ctx.user.actor, self.project
        if chosen is None:
            return lambda session: projects.add_project(session, actor, details)
        return lambda session: projects.update_project(session, actor, chosen.id, details)


class ResultDialog(ServiceDialog):
    """Record one of a project's results."""

    def __init__(self, ctx: PageContext, parent: QWidget, project: ProjectSummary) -> None:
        super().__init__(ctx, parent, "Record a result",
                         f"What {project.name} achieved, in words, with a figure where there "
                         "is one.", frozenset({Change.PERFORMANCE}))  # fmt: skip
        self.project = project
        self.words = self.errors.add_row(self.form, "&What it achieved", QLineEdit(), "words")
        self.figure = self.errors.add_row(self.form, "&Figure (optional)", QLineEdit(), "figure")
        self.unit = self.errors.add_row(self.form, "&Counted in (e.g. children)", QLineEdit(),
                                        "unit")  # fmt: skip
        self.finish()

    def operation(self) -> Any:
        text = self.figure.text().strip()
        figure = whole_number(text) if text else None
        if text and figure is None:
            raise UserError.from_issues(
                [Issue("figure", "Give a whole number, or leave it empty.")]
            )
        actor, chosen = self.ctx.user.actor, self.project.id
        words, unit = self.words.text(), self.unit.text()
        return lambda session: projects.add_result(session, actor, chosen, words, figure, unit)


class ProjectsTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.funds: list[setup.FundInfo] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = year_box("Financial year to print", top, ctx.organisation)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = RowsModel(Column, HEADINGS, _cell)
        self.table = table(self.model, "Community projects")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = button("&Add…", "Add a project", self._on_add, row)
        self.change_button = button("C&hange…", "Change the selected project", self._on_change, row)
        self.result_button = button("Record a res&ult…", "Record a result of the selected project",
                                    self._on_result, row)  # fmt: skip
        report_buttons(self, ctx, "projects", self.year, row, self._say)
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.add_button, self.change_button, self.result_button):
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def refresh(self) -> None:
        org = self.ctx.organisation.id

        def read(session: Any) -> tuple[list[ProjectSummary], list[setup.FundInfo]]:
            return projects.summaries(session, org), setup.list_funds(session, org)

        def show(found: tuple[list[ProjectSummary], list[setup.FundInfo]]) -> None:
            rows, self.funds = found
            self.model.set_rows(rows)
            spent = sum(p.spent_pence for p in rows)
            said = (
                f"{len(rows)} projects; {format_pence(spent)} spent so far (to {uk(date.today())})."
            )
            self.result.setText(said if rows else "No projects yet.")

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _open(self, dialog: Any, done: str) -> None:
        open_dialog(self, dialog, done, self.result.setText, self.refresh)

    def _chosen(self) -> ProjectSummary | None:
        found = selected(self.table, self.model)
        if found is None:
            self.result.setText("⚠ Choose a project first.")
        return found  # type: ignore[no-any-return]

    def _on_add(self) -> None:
        self._open(ProjectDialog(self.ctx, self, self.funds), "Project added.")

    def _on_change(self) -> None:
        if (project := self._chosen()) is not None:
            self._open(ProjectDialog(self.ctx, self, self.funds, project), "Project saved.")

    def _on_result(self) -> None:
        if (project := self._chosen()) is not None:
            self._open(ResultDialog(self.ctx, self, project), "Result recorded.")
