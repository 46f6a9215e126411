"""The Nominations tab: candidates with proposer and seconder, withdrawals, nomination forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services import elections
from app.services.elections import ElectionKind, ElectionState
from app.services.membership import member_numbers
from app.ui.elections.models import nominations_model
from app.ui.elections.owner import ElectionOwner
from app.ui.elections.view import ElectionView
from app.ui.forms import FieldErrors
from app.ui.ops import Change
from app.ui.widgets import (
    ask,
    button,
    date_box,
    read_date,
    result_label,
    save_pdf,
    selected,
    table,
)

FIELDS = ("candidate_id", "proposer_id", "seconder_id")


class NominationsTab(QWidget):
    """Take nominations by membership number; the service's reasons show beside the fields."""

    def __init__(self, owner: ElectionOwner) -> None:
        super().__init__()
        self.owner = owner
        layout = QVBoxLayout(self)
        self.model = nominations_model()
        self.table = table(self.model, "Nominations", "The candidates nominated so far")
        layout.addWidget(self.table, 1)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add = self.errors.add_row
        self.candidate = add(form, "&Candidate's membership number", QLineEdit(), "candidate_id")
        self.proposer = add(form, "&Proposer's membership number", QLineEdit(), "proposer_id")
        self.seconder = add(form, "&Seconder's membership number", QLineEdit(), "seconder_id")
        self.on = add(
            form,
            "&Date received (or withdrawn)",
            date_box("Date received", date.today()),
            "nominated_on",
        )
        self.statement = add(
            form, "Candidate's s&tatement (optional)", QPlainTextEdit(), "statement"
        )
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(self.statement.fontMetrics().lineSpacing() * 3 + 12)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.add_button = button("&Add nomination", "Add the nomination", self._on_add, row)
        self.withdraw_button = button(
            "&Withdraw selected…", "The selected candidate withdraws", self._on_withdraw, row
        )
        row.addStretch(1)
        self.forms_button = button(
            "Print nomination &forms…", "Save blank nomination forms as PDF", self._on_forms, row
        )
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._open = False

    def show_view(self, view: ElectionView, editable: bool) -> None:
        """Show ``view``'s nominations; the form works only while nominations are open."""
        self.model.set_rows(view.nominations)
        self._open = editable and view.info.state == ElectionState.NOMINATIONS
        for widget in (self.candidate, self.proposer, self.seconder, self.on, self.statement):
            widget.setEnabled(self._open)  # greyed out, not merely read-only, once closed
        self.forms_button.setEnabled(
            view.info.kind == ElectionKind.BOARD and view.info.state != ElectionState.DECLARED
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = selected(self.table, self.model)
        self.add_button.setEnabled(self._open)
        self.withdraw_button.setEnabled(self._open and row is not None and row.withdrawn_on is None)

    def _on_add(self) -> None:
        issues: list[Issue] = []
        on = read_date(self.on, "nominated_on", "Date received", issues)
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return
        assert on is not None
        ctx = self.owner.ctx
        org_id, actor, election_id = ctx.organisation.id, ctx.user.actor, self.owner.election_id
        numbers = {
            "candidate_id": member_numbers.number_from_text(self.candidate.text()),
            "proposer_id": member_numbers.number_from_text(self.proposer.text()),
            "seconder_id": member_numbers.number_from_text(self.seconder.text()),
        }
        statement = self.statement.toPlainText()

        def op(session: Any) -> int:
            ids = member_numbers.member_ids(session, org_id, numbers)
            elections.nominate(
                session,
                actor,
                election_id,
                candidate_id=ids["candidate_id"],
                proposer_id=ids["proposer_id"],
                seconder_id=ids["seconder_id"],
                nominated_on=on,
                statement=statement,
            )
            return numbers["candidate_id"] or 0

        def done(number: int) -> None:
            self.errors.clear()
            for box in (self.candidate, self.proposer, self.seconder):
                box.clear()
            self.statement.clear()
            self.result.setText(f"✔ Member {number} is nominated.")
            self.candidate.setFocus()

        ctx.runner.run(
            self,
            op,
            on_success=done,
            on_user_error=self.errors.show,
            changes=frozenset({Change.ELECTIONS}),
        )

    def _on_withdraw(self) -> None:
        row = selected(self.table, self.model)
        if row is None:
            return
        issues: list[Issue] = []
        on = read_date(self.on, "nominated_on", "Date of withdrawal", issues)
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return
        assert on is not None
        if not ask(
            self,
            "Withdraw a candidate",
            f"{row.candidate} withdraws on {on:%d/%m/%Y}? This cannot be undone.",
        ):
            return
        ctx = self.owner.ctx
        actor, nomination_id = ctx.user.actor, row.id

        def shown(error: UserError) -> None:
            moved = [
                Issue("nominated_on" if i.field == "withdrawn_on" else i.field, i.message)
                for i in error.issues
            ]
            self.errors.show(UserError.from_issues(moved) if moved else error)

        def done(_none: None) -> None:
            self.errors.clear()
            self.result.setText(f"✔ {row.candidate} has withdrawn.")

        ctx.runner.run(
            self,
            lambda s: elections.withdraw(s, actor, nomination_id, on),
            on_success=done,
            on_user_error=shown,
            changes=frozenset({Change.ELECTIONS}),
        )

    def _on_forms(self) -> None:
        ctx = self.owner.ctx
        org_id, election_id = ctx.organisation.id, self.owner.election_id

        def build(session: Any) -> Any:
            from app.services.elections import reports as election_reports

            return election_reports.nomination_forms(session, org_id, election_id)

        save_pdf(
            self, ctx, "Save nomination forms", "nomination-forms.pdf", build, self.result.setText
        )
