"""The Social value and annual report tab: the year's SROI worksheets worked out (with
every figure's working), and the chair's and treasurer's words for the annual report to
members, kept as typed and printed with everything else the program knows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.services.common.money import format_pence
from app.services.common.report_options import ReportOptions
from app.services.performance import annual, sroi
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.performance.common import report_buttons, year_box
from app.ui.widgets import button, result_label, sheet_box


def _words(name: str) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name)
    box.setTabChangesFocus(True)
    return box


class ValueTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = year_box(
            "Financial year of the social value and annual report", top, ctx.organisation
        )
        top.addStretch(1)
        layout.addLayout(top)
        self.worksheets = sheet_box("The year's social return on investment worksheets")
        layout.addWidget(QLabel("Social return on investment (SROI) worksheets:"))
        layout.addWidget(self.worksheets, 2)
        row = QHBoxLayout()
        report_buttons(self, ctx, "social-value", self.year, row, self._say)
        row.addStretch(1)
        layout.addLayout(row)
        self.chair = _words("The chair's words for the annual report")
        self.treasurer = _words("The treasurer's words for the annual report")
        for text, box in (("The &chair's words:", self.chair),
                          ("The t&reasurer's words:", self.treasurer)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(box)
            layout.addWidget(label)
            layout.addWidget(box, 1)
        words = QHBoxLayout()
        self.save_button = button("Sa&ve the words", "Save the chair's and treasurer's words",
                                  self._on_save, words)  # fmt: skip
        self.save_button.setEnabled(can_change)
        report_buttons(self, ctx, "annual-report", self.year, words, self._say, spreadsheet=False)
        words.addStretch(1)
        layout.addLayout(words)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.year.currentIndexChanged.connect(self.refresh)

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def refresh(self) -> None:
        actor, org, year = (
            self.ctx.user.actor,
            self.ctx.organisation.id,
            int(self.year.currentData()),
        )

        def read(session: Any) -> tuple[Any, tuple[str, str]]:
            found = sroi.social_value_report(
                session, actor, datetime.now(), ReportOptions(year=year)
            )
            return found, annual.words_for(session, org, year)

        def show(found: tuple[Any, tuple[str, str]]) -> None:
            report, (chair, treasurer) = found
            lines = []
            for sheet in report.worksheets:
                sums = sheet.sums
                lines += [f"{sheet.name}: {format_pence(sums.present_value_pence)} of social value "
                          f"for {format_pence(sums.investment_pence)} invested; £{sums.ratio} "
                          "for each £1."]  # fmt: skip
                for valued in sums.outcomes:
                    lines += [f"  {valued.outcome.stakeholder}: {valued.outcome.outcome}",
                              *(f"    {step}" for step in valued.working)]  # fmt: skip
            self.worksheets.setPlainText("\n".join(lines) or "No worksheet for this year.")
            self.chair.setPlainText(chair)
            self.treasurer.setPlainText(treasurer)

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _on_save(self) -> None:
        actor, year = self.ctx.user.actor, int(self.year.currentData())
        chair, treasurer = self.chair.toPlainText(), self.treasurer.toPlainText()
        self.ctx.runner.run(
            self, lambda session: annual.save_words(session, actor, year, chair, treasurer),
            on_success=lambda _r: self.result.setText("✔ The words are saved."),
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            changes=frozenset({Change.PERFORMANCE}),
        )  # fmt: skip
