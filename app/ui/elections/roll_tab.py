"""The Roll tab: the frozen voter roll, issuing papers, printing ballot papers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services import elections
from app.services.elections import ElectionState
from app.services.membership import member_numbers
from app.ui.elections.models import roll_model
from app.ui.elections.owner import ElectionOwner
from app.ui.elections.view import ElectionView
from app.ui.forms import FieldErrors, named
from app.ui.ops import Change
from app.ui.widgets import button, result_label, save_pdf, table

HOW = {"in_person": "In person", "postal": "By post", "proxy": "By proxy"}


class RollTab(QWidget):
    """Who may vote, who has had a paper, and the printed papers."""

    def __init__(self, owner: ElectionOwner) -> None:
        super().__init__()
        self.owner = owner
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Electors on the roll")
        self.summary.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.summary)
        self.model = roll_model()
        self.table = table(
            self.model, "Voter roll", "Electors by number, and whether they had a paper"
        )
        layout.addWidget(self.table, 1)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.elector = self.errors.add_row(form, "&Elector number", QLineEdit(), "elector_number")
        self.how = self.errors.add_row(form, "&How the paper is given", QComboBox(), "how")
        for key, text in HOW.items():
            self.how.addItem(text, key)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.issue_button = button("&Issue a paper", "Issue a ballot paper", self._on_issue, row)
        row.addStretch(1)
        label = QLabel("C&opies:")
        self.copies = named(QSpinBox(), "Copies of the ballot paper to print")
        self.copies.setRange(1, 100000)
        label.setBuddy(self.copies)
        row.addWidget(label)
        row.addWidget(self.copies)
        self.print_button = button(
            "&Print ballot papers…", "Save ballot papers as PDF", self._on_print, row
        )
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.elector.returnPressed.connect(self._on_issue)
        self._issuing = False

    def show_view(self, view: ElectionView, editable: bool) -> None:
        """Show the roll; papers can be issued only during the ballot."""
        info = view.info
        if info.roll_frozen:
            self.summary.setText(
                f"{info.electors:,} electors on the roll (eligible on the cut-off date); "
                f"{info.issued:,} have been given a paper."
            )
            if self.copies.value() == 1:
                self.copies.setValue(max(1, info.electors))
        else:
            text = (
                "The roll is not frozen yet: it is made when the ballot starts, from everyone "
                "eligible on the cut-off date."
            )
            outlook = view.outlook
            if outlook is not None:
                text += (
                    f" As things stand, {outlook.eligible:,} of the {outlook.current:,} current "
                    "members would be on it."
                )
                if outlook.not_eligible:
                    text += f" Not on it: {outlook.reasons_text()}."
                if outlook.warning():
                    text = f"⚠ {outlook.warning()}\n{text}"
            self.summary.setText(text)
        self.model.set_rows(view.roll)
        self._issuing = editable and info.state == ElectionState.BALLOT
        self.elector.setEnabled(self._issuing)
        self.how.setEnabled(self._issuing)
        self.issue_button.setEnabled(self._issuing)
        self.print_button.setEnabled(info.state == ElectionState.BALLOT)
        self.copies.setEnabled(info.state == ElectionState.BALLOT)

    def _on_issue(self) -> None:
        if not self._issuing:
            return
        number = member_numbers.number_from_text(self.elector.text())
        if number is None:
            self.errors.show(
                UserError.from_issues(
                    [Issue("elector_number", "Type the elector number (digits).")]
                )
            )
            return
        ctx = self.owner.ctx
        actor, election_id, how = ctx.user.actor, self.owner.election_id, self.how.currentData()

        def done(_none: None) -> None:
            self.errors.clear()
            self.elector.clear()
            self.result.setText(
                f"✔ Elector {number} is marked as given a paper ({HOW[how].lower()})."
            )

        ctx.runner.run(
            self,
            lambda s: elections.issue_paper(s, actor, election_id, number, how),
            on_success=done,
            on_user_error=self.errors.show,
            changes=frozenset({Change.ELECTIONS}),
        )

    def _on_print(self) -> None:
        ctx = self.owner.ctx
        org_id, election_id, copies = (
            ctx.organisation.id,
            self.owner.election_id,
            self.copies.value(),
        )

        def build(session: Any) -> Any:
            from app.services.elections import reports as election_reports

            return election_reports.ballot_papers(session, org_id, election_id, copies)

        save_pdf(self, ctx, "Save ballot papers", "ballot-papers.pdf", build, self.result.setText)
