"""The Ballots tab: members choosing which community projects go ahead. A ballot is set
up from the projects, its numbered papers printed, each paper typed in as the numbers
marked, counted on the elections' counter, and declared once, with the result minuted
in an agenda item of a meeting."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.reports import registry
from app.services.common.dates import uk
from app.services.common.report_options import ReportOptions
from app.services.performance import project_ballot, projects
from app.services.performance.project_ballot import METHODS, BallotInfo
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, named
from app.ui.ops import Change
from app.ui.performance.common import chooser, open_dialog
from app.ui.service_dialog import ServiceDialog
from app.ui.widgets import (
    button,
    date_box,
    read_date,
    result_label,
    save_pdf,
    sheet_box,
    whole_number,
)

CHANGED = frozenset({Change.PERFORMANCE})


class SetUpDialog(ServiceDialog):
    """Set up a ballot: its title, the day, how it is counted, how many projects can go
    ahead, and the projects on the paper (in the order ticked)."""

    def __init__(self, ctx: PageContext, parent: QWidget,
                 choices: list[tuple[int, str, str]]) -> None:  # fmt: skip
        super().__init__(ctx, parent, "Set up a project ballot",
                         "Tick the projects members choose between; they are numbered on the "
                         "paper in the order you tick them.", CHANGED)  # fmt: skip
        self.title = self.errors.add_row(self.form, "&Title", QLineEdit(
            "Which projects should go ahead?"), "title")  # fmt: skip
        self.held = self.errors.add_row(self.form, "&Held on", date_box("Held on"), "held_on")
        self.method = named(QComboBox(), "How it is counted")
        for key, text in METHODS.items():
            self.method.addItem(text, key)
        self.errors.add_row(self.form, "How it is &counted", self.method, "method")
        self.places = self.errors.add_row(self.form, "How many can go &ahead", QSpinBox(),
                                          "places")  # fmt: skip
        self.places.setRange(1, 50)
        self.list = named(QListWidget(), "Projects on the paper")
        self.ticked: list[int] = []
        for project_id, name, status in choices:
            item = QListWidgetItem(f"{name} ({status})")
            item.setData(Qt.ItemDataRole.UserRole, project_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._on_ticked)
        self.errors.add_row(self.form, "&Projects on the paper", self.list, "projects")
        widest = max((self.list.fontMetrics().horizontalAdvance(self.list.item(n).text())
                      for n in range(self.list.count())), default=0)  # fmt: skip
        self.list.setMinimumWidth(widest + 48)  # the names whole, with the tick box
        self.finish()

    def _on_ticked(self, item: QListWidgetItem) -> None:
        project_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked and project_id not in self.ticked:
            self.ticked.append(project_id)
        elif item.checkState() != Qt.CheckState.Checked and project_id in self.ticked:
            self.ticked.remove(project_id)

    def operation(self) -> Any:
        issues: list[Issue] = []
        held = read_date(self.held, "held_on", "Day of the ballot", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert held is not None
        actor, title, chosen = self.ctx.user.actor, self.title.text(), list(self.ticked)
        method, places = str(self.method.currentData()), self.places.value()
        return lambda session: project_ballot.create(session, actor, title, chosen, places,
                                                     method, held)  # fmt: skip


class DeclareDialog(ServiceDialog):
    """Declare the count shown, and choose the agenda item that minutes it."""

    def __init__(self, ctx: PageContext, parent: QWidget, ballot: BallotInfo, seed: int,
                 items: list[tuple[int, str]], papers_seen: int | None = None) -> None:  # fmt: skip
        super().__init__(ctx, parent, "Declare the result",
                         f"Declare '{ballot.title}'. Its papers can no longer change, the "
                         "projects chosen become agreed and the others not going ahead.",
                         CHANGED)  # fmt: skip
        self.ballot, self.seed, self.papers_seen = ballot, seed, papers_seen
        self.item = named(QComboBox(), "Minute it in")
        self.item.addItem("(do not minute it now)", None)
        for item_id, text in items:
            self.item.addItem(text, item_id)
        self.errors.add_row(self.form, "&Minute it in", self.item, "item")
        self.finish()

    def operation(self) -> Any:
        actor, ballot, seed, item = self.ctx.user.actor, self.ballot.id, self.seed, None
        if self.item.currentData() is not None:
            item = int(self.item.currentData())
        seen = self.papers_seen
        return lambda session: project_ballot.declare(session, actor, ballot, seed, item, seen)


def describe(ballot: BallotInfo) -> str:
    """The ballot in words: how it is counted, the day, the projects and where it stands."""
    listed = "; ".join(f"{n}. {name}" for n, name in enumerate(ballot.projects, start=1))
    where = (f"Declared: going ahead, {', '.join(ballot.chosen)} (the count is below)."
             if ballot.declared else f"{ballot.papers:,} papers typed in so far.")  # fmt: skip
    return (f"{ballot.method_text}, for {ballot.places} of {len(ballot.projects)} projects, "
            f"held {uk(ballot.held_on)}. On the paper: {listed}. {where}")  # fmt: skip


class BallotsTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.can_change = can_change
        self.dialog: Any = None
        self.ballots: list[BallotInfo] = []
        self.seed: int | None = None  # the seed of the count shown
        self.papers_seen = 0  # the papers in the count shown
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.ballot = chooser("&Ballot:", "Ballot", top, 1)
        self.setup_button = button("&Set up a ballot…", "Set up a project ballot",
                                   self._on_setup, top)  # fmt: skip
        layout.addLayout(top)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAccessibleName("About the ballot")
        layout.addWidget(self.about)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.number = self.errors.add_row(form, "Paper &number", QLineEdit(), "number")
        self.marks = self.errors.add_row(
            form, "&Marks: the numbers of the projects marked (ranked: in order)", QLineEdit(),
            "marks",
        )  # fmt: skip
        self.marks.setPlaceholderText("e.g. 1 3")
        self.marks.returnPressed.connect(self._on_paper)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.paper_button = button("Sa&ve the paper", "Save the paper typed", self._on_paper, row)
        self.print_button = button("&Print ballot papers…", "Print the ballot papers",
                                   self._on_print, row)  # fmt: skip
        self.count_button = button("C&ount now", "Count the papers typed so far",
                                   self._on_count, row)  # fmt: skip
        self.declare_button = button("&Declare…", "Declare the count shown", self._on_declare, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.sheet = sheet_box("The count")
        layout.addWidget(self.sheet, 1)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.ballot.currentIndexChanged.connect(self._show)
        self._show()

    def _chosen(self) -> BallotInfo | None:
        index = self.ballot.currentIndex()
        return self.ballots[index] if 0 <= index < len(self.ballots) else None

    def refresh(self) -> None:
        org = self.ctx.organisation.id

        def show(found: list[BallotInfo]) -> None:
            keep = self.ballot.currentData()
            new = [b.id for b in found if b.id not in {o.id for o in self.ballots}]
            if self.ballots and new:  # one just set up: show it
                keep = new[0]
            self.ballots = found
            self.ballot.blockSignals(True)
            self.ballot.clear()
            for info in found:
                self.ballot.addItem(f"{info.title} ({uk(info.held_on)})", info.id)
            self.ballot.setCurrentIndex(max(0, self.ballot.findData(keep)))
            self.ballot.blockSignals(False)
            self._show()

        self.ctx.runner.run(self, lambda s: project_ballot.list_ballots(s, org),
                            on_success=show, write=False)  # fmt: skip

    def _show(self) -> None:
        info = self._chosen()
        self.about.setText(describe(info) if info else "No project ballots yet.")
        open_for_papers = info is not None and not info.declared and self.can_change
        for control in (self.number, self.marks, self.paper_button, self.declare_button):
            control.setEnabled(open_for_papers)
        self.setup_button.setEnabled(self.can_change)
        for control in (self.print_button, self.count_button):
            control.setEnabled(info is not None)
        self.number.setText(str(info.next_number) if info is not None else "")
        self.sheet.setPlainText(info.tally_text if info and info.declared else "")
        self.seed = None

    def _on_setup(self) -> None:
        org = self.ctx.organisation.id

        def opened(found: list[Any]) -> None:
            choices = [(p.id, p.name, p.status) for p in found]
            if len(choices) < 2:
                self.result.setText("⚠ Add at least two projects first (Projects tab).")
                return
            open_dialog(self, SetUpDialog(self.ctx, self, choices), "The ballot is set up.",
                        self.result.setText, self.refresh)  # fmt: skip

        self.ctx.runner.run(self, lambda s: projects.summaries(s, org), on_success=opened,
                            write=False)  # fmt: skip

    def _on_paper(self) -> None:
        info = self._chosen()
        if info is None or info.declared or not self.can_change:
            return
        issues: list[Issue] = []
        number_text = self.number.text().strip()
        if whole_number(number_text) is None:
            issues.append(Issue("number", "Give the number printed on the paper."))
        words = self.marks.text().replace(",", " ").split()
        if not all(whole_number(w) is not None for w in words):
            issues.append(Issue("marks", "Type the projects' numbers, such as 1 3."))
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return
        actor, number, marks = self.ctx.user.actor, int(number_text), [int(w) for w in words]

        def done(_none: object) -> None:
            self.errors.clear()
            self.result.setText(f"✔ Paper {number} saved.")
            self.number.setText(str(number + 1))
            self.marks.clear()
            self.marks.setFocus()

        self.ctx.runner.run(
            self, lambda s: project_ballot.enter_paper(s, actor, info.id, number, marks),
            on_success=done, on_user_error=self.errors.show, changes=CHANGED,
        )  # fmt: skip

    def _on_print(self) -> None:
        info = self._chosen()
        if info is None:
            return
        build = registry.builder(registry.find("project-ballot-papers"), spreadsheet=False)
        actor, options = self.ctx.user.actor, ReportOptions(ballot_id=info.id)
        save_pdf(
            self, self.ctx, "Save the ballot papers", "project-ballot-papers.pdf",
            lambda s: build(s, actor, datetime.now(), options), self.result.setText,
        )  # fmt: skip

    def _on_count(self) -> None:
        info = self._chosen()
        if info is None:
            return
        org = self.ctx.organisation.id
        # a declared ballot is counted again with the seed it was declared with
        seed = info.seed if info.declared and info.seed is not None else secrets.randbelow(10**9)

        def show(result: Any) -> None:
            self.seed, self.papers_seen = result.seed, result.valid_papers
            self.sheet.setPlainText(result.count_sheet())
            going = ", ".join(result.elected)
            final = "" if info.declared else " Declare it when it is final."
            self.result.setText(f"✔ Counted {result.valid_papers:,} papers. Going ahead: "
                                f"{going}.{final}")  # fmt: skip

        self.ctx.runner.run(
            self, lambda s: project_ballot.count_ballot(s, org, info.id, seed),
            on_success=show, on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            write=False,
        )  # fmt: skip

    def _on_declare(self) -> None:
        info = self._chosen()
        if info is None or info.declared:
            return
        if self.seed is None:
            self.result.setText("⚠ Count the papers first: the count shown is the one declared.")
            return
        org, seed, seen = self.ctx.organisation.id, self.seed, self.papers_seen

        def opened(items: list[tuple[int, str]]) -> None:
            open_dialog(self, DeclareDialog(self.ctx, self, info, seed, items, seen),
                        "The result is declared.", self.result.setText, self.refresh)  # fmt: skip

        self.ctx.runner.run(self, lambda s: project_ballot.minute_items(s, org),
                            on_success=opened, write=False)  # fmt: skip
