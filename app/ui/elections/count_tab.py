"""The Count tab: count the accepted papers, show the count sheet, declare, seat the winners."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.elections import ElectionKind, ElectionState
from app.ui.elections.owner import ElectionOwner
from app.ui.elections.view import ElectionView
from app.ui.ops import Change
from app.ui.widgets import ask, button, result_label, save_pdf, sheet_box


class CountTab(QWidget):
    """The count and the declaration; once declared the stored result is shown read-only."""

    def __init__(self, owner: ElectionOwner) -> None:
        super().__init__()
        self.owner = owner
        self.view: ElectionView | None = None
        self.outcome: Any = None
        self._seed: int | None = None
        layout = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setAccessibleName("About the count")
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        self.count_button = button("C&ount the votes", "Count the votes", self._on_count, row)
        self.declare_button = button(
            "&Declare the result…", "Declare the result", self._on_declare, row
        )
        self.save_button = button(
            "&Save the declaration…", "Save the declaration as PDF", self._on_save, row
        )
        self.seat_button = button(
            "Seat the &winners on the board…", "Put the winners on the board", self._on_seat, row
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.elected = QLabel()
        self.elected.setWordWrap(True)
        self.elected.setAccessibleName("Elected")
        self.elected.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.elected)
        self.seed = QLabel()
        self.seed.setWordWrap(True)
        self.seed.setAccessibleName("Seed for drawing lots")
        layout.addWidget(self.seed)
        self.sheet = sheet_box("Count sheet")
        layout.addWidget(self.sheet, 1)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self._can_run = False

    def show_view(self, view: ElectionView, can_run: bool) -> None:
        """Enable what this stage allows; a declared election shows its stored count."""
        before = self.view
        self.view, self._can_run = view, can_run
        state = view.info.state
        counted = self.outcome is not None
        self.count_button.setEnabled(state == ElectionState.COUNTING and can_run)
        self.declare_button.setEnabled(state == ElectionState.COUNTING and can_run and counted)
        self.save_button.setEnabled(state == ElectionState.DECLARED)
        self.seat_button.setEnabled(
            state == ElectionState.DECLARED
            and can_run
            and view.info.kind == ElectionKind.BOARD
            and view.info.seat_type_id is not None
        )
        self.explain.setText(
            {
                "counting": "Count the accepted papers. The count sheet shows every stage. "
                "Ties are broken by lot with the seed shown, so the same seed always gives "
                "the same result. Declaring stores the result and locks the election.",
                "declared": "The result is declared and stored; the count below is read only.",
            }.get(state, "The count can start once the ballot is closed (on the Details tab).")
        )
        if state == ElectionState.DECLARED and (
            before is None or before.info.state != ElectionState.DECLARED or not counted
        ):
            self._count(None, stored=True)

    def _count(self, seed: int | None, *, stored: bool = False) -> None:
        ctx = self.owner.ctx
        org_id, election_id = ctx.organisation.id, self.owner.election_id

        def op(session: Any) -> Any:
            from app.services.elections import count as election_count

            if stored:  # a declared election shows what was declared, not a new count
                return election_count.declared_outcome(session, org_id, election_id)
            return election_count.count_election(session, org_id, election_id, seed)

        ctx.runner.run(
            self,
            op,
            on_success=self._show_outcome,
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            write=False,
        )

    def _show_outcome(self, outcome: Any) -> None:
        self.outcome = outcome
        self.sheet.setPlainText(outcome.sheet)
        names = ", ".join(outcome.elected) or "nobody"
        declared = self.view is not None and self.view.info.state == ElectionState.DECLARED
        self.elected.setText(("Elected: " if declared else "Would be elected: ") + names)
        self.seed.setText(
            f"Seed for breaking ties by lot: {outcome.seed}. Quota: {outcome.quota or 'none'}."
        )
        if self.view is not None:
            self.show_view(self.view, self._can_run)

    def _on_count(self) -> None:
        self.outcome = None
        self._count(None)

    def _on_declare(self) -> None:
        if self.outcome is None or self.view is None:
            return
        if not ask(
            self,
            "Declare the result",
            f"Declare the result of '{self.view.info.title}'? Elected: "
            f"{', '.join(self.outcome.elected) or 'nobody'}. The election is then locked: "
            "nothing about it can be changed.",
        ):
            return
        ctx = self.owner.ctx
        actor, election_id, seed = ctx.user.actor, self.owner.election_id, self.outcome.seed

        def op(session: Any) -> Any:
            from app.services.elections import count as election_count

            return election_count.declare_election(session, actor, election_id, seed)

        def done(outcome: Any) -> None:
            self.outcome = outcome
            self.result.setText("✔ The result is declared and the election is locked.")

        ctx.runner.run(
            self,
            op,
            on_success=done,
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            changes=frozenset({Change.ELECTIONS}),
        )

    def _on_save(self) -> None:
        ctx = self.owner.ctx
        org_id, election_id = ctx.organisation.id, self.owner.election_id

        def build(session: Any) -> Any:
            from app.services.elections import reports as election_reports

            return election_reports.declaration(session, org_id, election_id)

        save_pdf(self, ctx, "Save the declaration", "declaration.pdf", build, self.result.setText)

    def _on_seat(self) -> None:
        if self.view is None or not ask(
            self,
            "Seat the winners",
            "Put the elected candidates on the board from the ballot date, for the seat's term?",
        ):
            return
        ctx = self.owner.ctx
        actor, election_id = ctx.user.actor, self.owner.election_id
        from app.services import elections

        ctx.runner.run(
            self,
            lambda s: elections.seat_winners(s, actor, election_id),
            on_success=lambda made: self.result.setText(
                f"✔ {len(made)} winner{'s' if len(made) != 1 else ''} put on the board."
            ),
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
            changes=frozenset({Change.ELECTIONS, Change.BOARD}),
        )
