"""One election's window: details and next step, nominations, roll, ballot entry, count."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import elections
from app.services.accounts.roles import Permission
from app.services.common.dates import uk
from app.services.elections import ElectionKind, ElectionState
from app.ui.context import PageContext
from app.ui.elections import view as views
from app.ui.elections.election_form import KIND_WORDS, METHOD_WORDS
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.pages import heading
from app.ui.widgets import ask, button, result_label


class DetailsTab(QWidget):
    """The election's details, where it has got to, and the button for the next step."""

    def __init__(self, owner: ElectionWindow) -> None:
        super().__init__()
        self.owner = owner
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Stage of the election")
        self.state.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.state)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("kind", "What the vote is for"),
            ("method", "How people vote"),
            ("seats", "Seats to fill"),
            ("seat_type", "Kind of seat"),
            ("nominations", "Nominations"),
            ("cutoff", "Voter roll cut-off"),
            ("ballot", "Ballot date"),
            ("officer", "Returning officer"),
            ("numbers", "Electors, papers issued, candidates"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(text)
            form.addRow(f"{text}:", value)
            self.fields[key] = value
        layout.addLayout(form)
        row = QHBoxLayout()
        self.next_button = button("", "Next step", self._on_next, row)
        self.change_button = button(
            "C&hange details…", "Change the election's details", owner.change_details, row
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._target = ""

    def show_view(self, view: views.ElectionView, can_run: bool) -> None:
        """Fill in the details for ``view``."""
        info = view.info
        self.state.setText(
            f"Stage: {elections.STATE_LABELS[info.state]}. {views.state_words(view)}"
        )
        f = self.fields
        f["kind"].setText(KIND_WORDS.get(info.kind, info.kind))
        f["method"].setText(METHOD_WORDS.get(info.method, info.method))
        f["seats"].setText(
            str(info.seats) if info.kind == ElectionKind.BOARD else "None (a resolution)"
        )
        f["seat_type"].setText(view.seat_type or "Any member may vote and stand")
        f["nominations"].setText(
            f"{uk(info.nominations_open)} to {uk(info.nominations_close)}"
            if info.nominations_open
            else "None"
        )
        f["cutoff"].setText(uk(info.roll_cutoff))
        f["ballot"].setText(uk(info.ballot_on))
        f["officer"].setText(view.returning_officer or "Not named")
        f["numbers"].setText(
            f"{info.electors:,} electors, {info.issued:,} papers issued, "
            f"{info.candidates} candidates"
            if info.roll_frozen
            else f"Roll not frozen yet; {info.candidates} candidates"
        )
        step = views.next_step(info)
        self.next_button.setVisible(step is not None)
        if step is not None:
            self.next_button.setText(step[0])
            self.next_button.setAccessibleName(step[0].replace("&", ""))
            self._question, self._target = step[1], step[2]
        self.next_button.setEnabled(can_run)
        self.change_button.setVisible(info.state == ElectionState.DRAFT)
        self.change_button.setEnabled(can_run)

    def _on_next(self) -> None:
        if not self._target:
            self.owner.tabs.setCurrentWidget(self.owner.count_tab)
            return
        if not ask(self, "Next step", self._question):
            return
        self.owner.advance(self._target, self.result)


class ElectionWindow(QDialog):
    """Everything about one election; read-only once declared or for viewers."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, election_id: int) -> None:
        super().__init__(parent)
        from app.ui.elections.ballot_tab import BallotTab
        from app.ui.elections.count_tab import CountTab
        from app.ui.elections.nominations_tab import NominationsTab
        from app.ui.elections.roll_tab import RollTab

        self.ctx = ctx
        self.election_id = election_id
        self.view: views.ElectionView | None = None
        self.dialog: QDialog | None = None
        self.can_run = ctx.user.actor.can(Permission.RUN_ELECTIONS) and not ctx.read_only
        self.setWindowTitle("Election")
        layout = QVBoxLayout(self)
        self.heading = heading("Election")
        layout.addWidget(self.heading)
        self.tabs = named(QTabWidget(), "Parts of the election")
        layout.addWidget(self.tabs, 1)
        self.details_tab = DetailsTab(self)
        self.nominations_tab = NominationsTab(self)
        self.roll_tab = RollTab(self)
        self.ballot_tab = BallotTab(self)
        self.count_tab = CountTab(self)
        for tab, title in (
            (self.details_tab, "&1 Details"),
            (self.nominations_tab, "&2 Nominations"),
            (self.roll_tab, "&3 Roll"),
            (self.ballot_tab, "&4 Ballot entry"),
            (self.count_tab, "&5 Count"),
        ):
            self.tabs.addTab(tab, title)
        row = QHBoxLayout()
        row.addStretch(1)
        close = named(QPushButton("Close"), "Close the election window")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.resize(900, 640)
        self.refresh()

    @property
    def editable(self) -> bool:
        """True when this person may change the election and it is not declared."""
        return (
            self.can_run
            and self.view is not None
            and self.view.info.state != ElectionState.DECLARED
        )

    def refresh(self) -> None:
        """Read the election again and show it on every tab."""
        org_id, election_id = self.ctx.organisation.id, self.election_id
        self.ctx.runner.run(
            self, lambda s: views.load(s, org_id, election_id), on_success=self._show, write=False
        )

    def _show(self, view: views.ElectionView) -> None:
        self.view = view
        info = view.info
        locked = " (declared: read only)" if info.state == ElectionState.DECLARED else ""
        self.heading.setText(f"{info.title}{locked}")
        self.setWindowTitle(f"{info.title} — {elections.STATE_LABELS[info.state]}")
        self.details_tab.show_view(view, self.editable)
        self.nominations_tab.show_view(view, self.editable)
        self.roll_tab.show_view(view, self.editable)
        self.ballot_tab.show_view(view, self.editable)
        self.count_tab.show_view(view, self.can_run and not self.ctx.read_only)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.ELECTIONS, Change.MEMBERS, Change.DATABASE}:
            self.refresh()

    def advance(self, target: str, result: QLabel) -> None:
        """Move the election on to ``target`` (freezing the roll first for the ballot)."""
        actor, election_id = self.ctx.user.actor, self.election_id
        frozen = self.view is not None and self.view.info.roll_frozen

        def op(session: Any) -> str:
            if target == ElectionState.BALLOT and not frozen:
                electors = elections.freeze_roll(session, actor, election_id)
                elections.advance(session, actor, election_id, target)
                return f"✔ The voter roll is frozen with {electors:,} electors; the ballot is open."
            elections.advance(session, actor, election_id, target)
            return f"✔ The election is now at '{elections.STATE_LABELS[target]}'."

        def done(text: str) -> None:
            result.setText(text)
            if target == ElectionState.COUNTING:
                self.tabs.setCurrentWidget(self.count_tab)

        self.ctx.runner.run(
            self,
            op,
            on_success=done,
            on_user_error=lambda e: result.setText(f"⚠ {e.message}"),
            changes=frozenset({Change.ELECTIONS}),
        )

    def change_details(self) -> None:
        """Open the details form (drafts only)."""
        if self.view is None:
            return
        from app.ui.elections.election_form import ElectionDialog

        self.dialog = ElectionDialog(self.ctx, self, self.view.info)
        self.dialog.open()
