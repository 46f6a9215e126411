"""The Ballot entry tab: each batch typed by two tellers, compared paper by paper, accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import elections
from app.services.elections import ElectionKind, ElectionState
from app.ui.elections import papers
from app.ui.elections.models import mismatches_model
from app.ui.elections.owner import ElectionOwner
from app.ui.elections.view import ElectionView
from app.ui.forms import FieldErrors
from app.ui.ops import Change
from app.ui.widgets import as_field, button, result_label, table

TELLERS = {1: "First teller", 2: "Second teller"}


class BallotTab(QWidget):
    """Type a batch of papers, compare the two tellers' typing, accept the batch."""

    def __init__(self, owner: ElectionOwner) -> None:
        super().__init__()
        self.owner = owner
        self.view: ElectionView | None = None
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("How to type the papers")
        layout.addWidget(self.hint)
        self.candidates = QLabel()
        self.candidates.setWordWrap(False)
        self.candidates.setAccessibleName("Candidates by ballot number")
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        side = QHBoxLayout()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.errors.add_row
        self.batch = add(form, "&Batch number", QSpinBox(), "batch")
        self.batch.setRange(1, 10000)
        self.teller = add(form, "&Teller", QComboBox(), "teller")
        for number, text in TELLERS.items():
            self.teller.addItem(text, number)
        self.papers = add(form, "&Papers, one per line", QPlainTextEdit(), "papers")
        self.papers.setTabChangesFocus(True)
        self.papers.setPlaceholderText("3 1 2\n1 2\nspoilt: no first preference")
        self.papers.setMinimumHeight(self.papers.fontMetrics().lineSpacing() * 6 + 12)
        side.addLayout(form, 3)
        side.addWidget(self.candidates, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side, 2)
        row = QHBoxLayout()
        self.enter_button = button("&Enter the batch", "Enter the batch", self._on_enter, row)
        self.compare_button = button(
            "&Compare the tellers", "Compare the two tellers' entries", self._on_compare, row
        )
        self.accept_button = button("&Accept the batch", "Accept the batch", self._on_accept, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.mismatches_model = mismatches_model()
        self.mismatches = table(
            self.mismatches_model, "Papers that differ", "Papers the two tellers typed differently"
        )
        layout.addWidget(self.mismatches, 1)
        self._entering = False

    def show_view(self, view: ElectionView, editable: bool) -> None:
        """Show how to type this election's papers; entry works only during the ballot."""
        self.view = view
        info = view.info
        self.hint.setText(
            papers.how_to_type(info)
            + " For a paper that cannot be counted type 'spoilt:' and the reason."
        )
        on_paper = view.on_paper
        self.candidates.setText(
            "Ballot numbers:\n"
            + "\n".join(f"   {n.ballot_position}  {n.candidate}" for n in on_paper)
            if on_paper and info.kind == ElectionKind.BOARD
            else ""
        )
        self.candidates.setVisible(bool(self.candidates.text()))
        self._entering = editable and info.state == ElectionState.BALLOT
        self.papers.setReadOnly(not self._entering)
        for widget in (self.batch, self.teller, self.enter_button, self.accept_button):
            widget.setEnabled(self._entering)
        self.compare_button.setEnabled(
            info.state in (ElectionState.BALLOT, ElectionState.COUNTING, ElectionState.DECLARED)
        )

    def _on_enter(self) -> None:
        if self.view is None or not self._entering:
            return
        try:
            typed = papers.parse(self.papers.toPlainText(), self.view.info, self.view.on_paper)
        except UserError as error:
            self.errors.show(error)
            return
        ctx = self.owner.ctx
        actor, election_id = ctx.user.actor, self.owner.election_id
        batch, teller = self.batch.value(), int(self.teller.currentData())

        def done(count: int) -> None:
            self.errors.clear()
            self.result.setText(
                f"✔ Batch {batch}: {count} papers entered by the {TELLERS[teller].lower()}."
                + (
                    " Now the other teller types the same papers."
                    if teller == 1
                    else " Now compare the two entries."
                )
            )

        def failed(error: UserError) -> None:
            if error.message.startswith("Paper "):
                self.errors.show(as_field(error, "papers"))
            else:
                self.errors.show(error)

        ctx.runner.run(
            self,
            lambda s: elections.enter_batch(s, actor, election_id, batch, teller, typed),
            on_success=done,
            on_user_error=failed,
            changes=frozenset({Change.ELECTIONS}),
        )

    def _on_compare(self) -> None:
        ctx = self.owner.ctx
        org_id, election_id, batch = ctx.organisation.id, self.owner.election_id, self.batch.value()

        def done(found: list[elections.Mismatch]) -> None:
            self.mismatches_model.set_rows(found)
            if found:
                self.result.setText(
                    f"⚠ Batch {batch}: the tellers differ on {len(found)} paper"
                    f"{'s' if len(found) != 1 else ''} ("
                    + ", ".join(str(m.sequence) for m in found[:20])
                    + "). Check those papers and type the wrong entry again."
                )
            else:
                self.result.setText(f"✔ Batch {batch}: the tellers agree on every paper.")

        ctx.runner.run(
            self,
            lambda s: elections.compare_batch(s, org_id, election_id, batch),
            on_success=done,
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            write=False,
        )

    def _on_accept(self) -> None:
        ctx = self.owner.ctx
        actor, election_id, batch = ctx.user.actor, self.owner.election_id, self.batch.value()

        def done(count: int) -> None:
            self.mismatches_model.set_rows([])
            self.result.setText(f"✔ Batch {batch} is accepted: {count} papers will be counted.")
            self.papers.clear()
            self.batch.setValue(batch + 1)

        ctx.runner.run(
            self,
            lambda s: elections.accept_batch(s, actor, election_id, batch),
            on_success=done,
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            changes=frozenset({Change.ELECTIONS}),
        )
