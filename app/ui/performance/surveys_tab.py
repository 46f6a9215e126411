"""The Surveys tab: the tenant perception survey set up with the Regulator's questions,
each paper questionnaire typed in (a choice per question, or words) and typed again to
check it, the results per question, and the TP results recorded as their indicators."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.performance import survey_returns, surveys
from app.services.performance.surveys import CHOICES, TEXT, QuestionResult
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.performance.common import chooser, current_start_year, open_dialog
from app.ui.service_dialog import ServiceDialog
from app.ui.table_model import RowsModel
from app.ui.widgets import button, result_label, table, whole_number

CHANGED = frozenset({Change.PERFORMANCE})


class Column(IntEnum):
    NUMBER = 0
    CODE = 1
    ANSWERED = 2
    FAVOURABLE = 3
    QUESTION = 4


HEADINGS = {Column.NUMBER: "No.", Column.CODE: "Measure", Column.QUESTION: "Question",
            Column.ANSWERED: "Answered", Column.FAVOURABLE: "Satisfied or agreeing"}  # fmt: skip


def _cell(row: QuestionResult, column: Column) -> str:
    if row.kind == TEXT:
        tail = (f"{len(row.words)} comments", "")
    else:
        tail = (f"{row.answered:,}", f"{row.favourable:,} ({row.shown})")
    values = (str(row.position), row.code, *tail, row.wording)
    return values[column]


class SetUpDialog(ServiceDialog):
    """Set up the year's tenant perception survey."""

    def __init__(self, ctx: PageContext, parent: QWidget) -> None:
        super().__init__(ctx, parent, "Set up the tenant perception survey",
                         "The questions are worded as the Regulator of Social Housing requires, "
                         "naming the landlord they ask about.", CHANGED)  # fmt: skip
        self.landlord = self.errors.add_row(self.form, "&Landlord the questions name",
                                            QLineEdit("the council"), "landlord")  # fmt: skip
        under_way = str(current_start_year(ctx.organisation))
        self.year = self.errors.add_row(self.form, "&Financial year it starts in",
                                        QLineEdit(under_way), "year")  # fmt: skip
        self.finish()

    def operation(self) -> Any:
        text = self.year.text().strip()
        if whole_number(text, 4) is None or len(text) != 4:
            raise UserError.from_issues([Issue("year", "Give the year, such as 2026.")])
        actor, year, landlord = self.ctx.user.actor, int(text), self.landlord.text()
        return lambda session: surveys.tenant_perception(session, actor, year, landlord)


DIFFER = "The two typings differ"
CHECK_INTRO = (
    "Type the questionnaire again from the paper, without looking at the first typing. If "
    "the two agree it counts as checked; if not, the questions they differ on are named "
    "and nothing changes. Look at the paper: if this typing is right, tick the box below "
    "and press OK again to put the first typing right."
)


class ReturnDialog(ServiceDialog):
    """Type in one paper questionnaire: a choice for each question (or left blank). With
    ``check``, type one again to check it (or put it right)."""

    def __init__(self, ctx: PageContext, parent: QWidget, survey: int,
                 questions: list[QuestionResult], check: bool = False) -> None:  # fmt: skip
        super().__init__(ctx, parent,
                         "Check a questionnaire" if check else "Type in a questionnaire",
                         CHECK_INTRO if check else "Choose each answer as ticked on the paper; "
                         "leave a question blank where it was not answered.", CHANGED)  # fmt: skip
        self.survey, self.check = survey, check
        self.number = self.errors.add_row(self.form, "&Number on the paper", QLineEdit(),
                                          "number")  # fmt: skip
        self.answers: dict[int, QComboBox | QLineEdit] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        for question in questions:
            label = QLabel(f"{question.position}. {question.wording}")
            label.setWordWrap(True)
            box: QComboBox | QLineEdit
            if question.kind == TEXT:
                box = named(QLineEdit(), f"Question {question.position}")
            else:
                box = named(QComboBox(), f"Question {question.position}")
                box.addItem("(not answered)", 0)
                for n, choice in enumerate(CHOICES[question.kind], start=1):
                    box.addItem(choice, n)
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box)
            self.answers[question.position] = box
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        # small enough to give way to a long message beside the answers at large text
        scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.form.addRow(scroll)
        self.errors.add_row(self.form, "", QLabel(""), "answers")
        self.correct = QCheckBox("The paper says what I typed now: put the first typing right")
        self.correct.setAccessibleName("Put the first typing right")
        self.correct.setVisible(False)  # offered once a check has found differences
        self.form.addRow(self.correct)
        self.finish()
        self.resize(640, 640)

    def refused(self, error: UserError) -> None:
        """As any form; and when the two typings differ, offer to put the first right."""
        super().refused(error)
        if self.check and DIFFER in error.message + str(error.issues):
            self.correct.setVisible(True)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # all of it

    def operation(self) -> Any:
        text = self.number.text().strip()
        if whole_number(text, 6) is None:
            raise UserError.from_issues([Issue("number", "Give the number printed on the paper.")])
        given: dict[int, int | str] = {}
        for position, box in self.answers.items():
            if isinstance(box, QLineEdit):
                if box.text().strip():
                    given[position] = box.text()
            elif int(box.currentData() or 0):
                given[position] = int(box.currentData())
        actor, survey, number = self.ctx.user.actor, self.survey, int(text)
        if not self.check:
            return lambda session: survey_returns.enter_return(session, actor, survey, number,
                                                               given)  # fmt: skip
        if self.correct.isChecked():
            return lambda session: survey_returns.correct_return(session, actor, survey,
                                                                 number, given)  # fmt: skip

        def check(session: Any) -> None:
            found = survey_returns.check_return(session, actor, survey, number, given)
            if found:
                said = "; ".join(d.text for d in found[:3])
                if len(found) > 3:  # the rest by number, so the message stays readable
                    said += "; and questions " + ", ".join(str(d.position) for d in found[3:])
                raise UserError.from_issues([Issue(
                    "answers", f"{DIFFER}: {said}. Look at the paper; nothing has changed.",
                )])  # fmt: skip

        return check


class SurveysTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.rows: list[QuestionResult] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.survey = chooser("Sur&vey:", "Survey", top, 1)
        layout.addLayout(top)
        self.model = RowsModel(Column, HEADINGS, _cell)
        self.table = table(self.model, "The survey's results, question by question")
        layout.addWidget(self.table, 1)
        self.counts = result_label("Questionnaires typed in and checked")
        layout.addWidget(self.counts)
        row = QHBoxLayout()
        self.setup_button = button("Set up the &tenant perception survey…", "Set up the tenant "
                                   "perception survey", self._on_setup, row)  # fmt: skip
        self.return_button = button("Type in a &questionnaire…", "Type in a questionnaire",
                                    self._on_return, row)  # fmt: skip
        self.check_button = button("C&heck a questionnaire…", "Check a questionnaire by "
                                   "typing it again", lambda: self._on_return(check=True),
                                   row)  # fmt: skip
        self.feed_button = button("Record as &indicators", "Record the TP results as the "
                                  "indicators' figures", self._on_feed, row)  # fmt: skip
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.setup_button, self.return_button, self.check_button,
                        self.feed_button):  # fmt: skip
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.survey.currentIndexChanged.connect(self._show)

    def refresh(self) -> None:
        org = self.ctx.organisation.id

        def read(session: Any) -> list[tuple[str, int]]:
            return surveys.list_surveys(session, org)

        def show(found: list[tuple[str, int]]) -> None:
            keep = self.survey.currentData()
            self.survey.blockSignals(True)
            self.survey.clear()
            for name, survey_id in found:
                self.survey.addItem(name, survey_id)
            self.survey.setCurrentIndex(max(0, self.survey.findData(keep)))
            self.survey.blockSignals(False)
            self._show()

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _show(self) -> None:
        survey = self.survey.currentData()
        if survey is None:
            self.model.set_rows([])
            self.counts.setText("")
            return

        def read(session: Any) -> tuple[list[QuestionResult], tuple[int, int]]:
            return (surveys.results(session, int(survey)),
                    survey_returns.typed_and_checked(session, int(survey)))  # fmt: skip

        def show(found: tuple[list[QuestionResult], tuple[int, int]]) -> None:
            self.rows, (typed, checked) = found
            self.model.set_rows(self.rows)
            self.counts.setText(f"{typed:,} questionnaires typed in; {checked:,} of them "
                                "checked by typing them again.")  # fmt: skip

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _open(self, dialog: Any, done: str) -> None:
        open_dialog(self, dialog, done, self.result.setText, self.refresh)

    def _on_setup(self) -> None:
        self._open(SetUpDialog(self.ctx, self), "The survey is set up.")

    def _on_return(self, check: bool = False) -> None:
        survey = self.survey.currentData()
        if survey is None:
            self.result.setText("⚠ Set up a survey first.")
            return
        self._open(ReturnDialog(self.ctx, self, int(survey), self.rows, check),
                   "Questionnaire checked." if check else "Questionnaire saved.")  # fmt: skip

    def _on_feed(self) -> None:
        survey = self.survey.currentData()
        if survey is None:
            self.result.setText("⚠ Set up a survey first.")
            return
        actor = self.ctx.user.actor
        self.ctx.runner.run(
            self, lambda session: surveys.feed_indicators(session, actor, int(survey)),
            on_success=lambda codes: self.result.setText(
                f"✔ Recorded as indicators: {', '.join(codes) or 'none answered yet'}."),
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=frozenset({Change.PERFORMANCE}),
        )  # fmt: skip
