"""Set up an election (or change a draft): title, kind, method, seats, dates, returning officer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services import board, elections
from app.services.accounts import auth
from app.services.accounts.roles import Permission
from app.services.board import SeatFilling
from app.services.common.dates import parse_date, uk
from app.services.elections import ElectionDetails, ElectionInfo
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, add_buttons, named
from app.ui.widgets import date_box

METHOD_WORDS = {
    "plurality": "Put an X: the candidates with the most votes win",
    "ers97": "Number the candidates 1, 2, 3… (single transferable vote, ERS97 rules)",
    "scottish": "Number the candidates 1, 2, 3… (single transferable vote, Scottish rules)",
    "meek": "Number the candidates 1, 2, 3… (single transferable vote, Meek's method)",
}
KIND_WORDS = {"board": "Electing members to board seats", "resolution": "A vote on a resolution"}


@dataclass(frozen=True)
class Choices:
    """What the drop-down lists offer."""

    seat_types: list[board.SeatTypeInfo]
    users: list[auth.UserInfo]


class ElectionDialog(QDialog):
    """The details of an election; ``info`` None makes a new one."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, info: ElectionInfo | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info = info
        self.saved_id: int | None = None
        self.setWindowTitle("New election" if info is None else "Change the election's details")
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning about who may vote")
        self.warning.hide()
        layout.addWidget(self.warning)
        self._warned_for: tuple[object, object] | None = None
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        add = self.errors.add_row
        self.title = add(form, "&Title", QLineEdit(), "title")
        self.title.setPlaceholderText("e.g. Board election 2027: tenant seats")
        self.kind = add(form, "&What the vote is for", QComboBox(), "kind")
        for key, text in KIND_WORDS.items():
            self.kind.addItem(text, key)
        self.method = add(form, "How people &vote", QComboBox(), "method")
        for key, text in METHOD_WORDS.items():
            self.method.addItem(text, key)
        self.seats = add(form, "&Seats to fill", QSpinBox(), "seats")
        self.seats.setRange(1, 100)
        self.seat_type = add(form, "&Kind of seat", QComboBox(), "seat_type_id")
        self.seat_type.addItem("Any member (everyone may vote and stand)", None)
        self.seat_type.setToolTip("The seat's members are the only ones who may vote and stand")
        self.seat_type.setAccessibleDescription(self.seat_type.toolTip())
        today = date.today()
        self.opens = add(
            form, "Nominations &open", date_box("Nominations open", today), "nominations_open"
        )
        self.closes = add(
            form,
            "Nominations &close",
            date_box("Nominations close", today + timedelta(days=28)),
            "nominations_close",
        )
        self.cutoff = add(
            form,
            "Voter &roll cut-off",
            named(
                date_box("Voter roll cut-off", today + timedelta(days=28)),
                "Voter roll cut-off",
                "Members eligible to vote on this date are on the roll",
            ),
            "roll_cutoff",
        )
        self.ballot = add(
            form, "&Ballot date", date_box("Ballot date", today + timedelta(days=56)), "ballot_on"
        )
        self.officer = add(form, "Returning o&fficer", QComboBox(), "returning_officer_id")
        self.officer.addItem("Not named yet", None)
        self.resolution = add(form, "Resolution &wording", QPlainTextEdit(), "resolution_text")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setFixedHeight(self.resolution.fontMetrics().lineSpacing() * 4 + 12)
        self.special = named(
            QCheckBox("A s&pecial resolution (needs three quarters)"), "Special resolution"
        )
        form.addRow(self.special)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.buttons = add_buttons(self, layout, self._on_save)
        self._on_kind_changed()
        self.title.setFocus()
        self.resize(680, self.sizeHint().height())
        self._load()

    def _load(self) -> None:
        org_id = self.ctx.organisation.id

        def load(session: Any) -> Choices:
            seats = [
                s
                for s in board.list_seat_types(session, org_id)
                if s.filled_by == SeatFilling.ELECTED
            ]
            users = [
                u
                for u in auth.list_users(session, org_id)
                if u.active and u.actor.can(Permission.RUN_ELECTIONS)
            ]
            return Choices(seats, users)

        self.ctx.runner.run(self, load, on_success=self._fill, write=False)

    def _fill(self, choices: Choices) -> None:
        for seat in choices.seat_types:
            who = f"{seat.category} members only" if seat.category else "any member"
            self.seat_type.addItem(f"{seat.name} ({who})", seat.id)
        for user in choices.users:
            self.officer.addItem(f"{user.full_name} ({user.role.label})", user.id)
        info = self.info
        if info is None:
            self.officer.setCurrentIndex(max(0, self.officer.findData(self.ctx.user.id)))
            return
        self.title.setText(info.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(info.kind)))
        self.method.setCurrentIndex(max(0, self.method.findData(info.method)))
        self.seats.setValue(info.seats)
        self.seat_type.setCurrentIndex(max(0, self.seat_type.findData(info.seat_type_id)))
        self.opens.setText(uk(info.nominations_open))
        self.closes.setText(uk(info.nominations_close))
        self.cutoff.setText(uk(info.roll_cutoff))
        self.ballot.setText(uk(info.ballot_on))
        self.officer.setCurrentIndex(max(0, self.officer.findData(info.returning_officer_id)))
        self.resolution.setPlainText(info.resolution_text)
        self.special.setChecked(info.special_resolution)

    def _on_kind_changed(self) -> None:
        board_vote = self.kind.currentData() == "board"
        for widget in (self.method, self.seats, self.seat_type, self.opens, self.closes):
            widget.setEnabled(board_vote)
        self.resolution.setEnabled(not board_vote)
        self.special.setEnabled(not board_vote)

    def details(self) -> ElectionDetails:
        """What the form says, or UserError with every date problem."""
        issues: list[Issue] = []

        def day(box: QLineEdit, field: str, label: str, needed: bool = True) -> date | None:
            value, issue = parse_date(field, box.text(), label)
            if issue is not None:
                issues.append(issue)
            elif value is None and needed:
                issues.append(Issue(field, f"Enter the {label.lower()} as dd/mm/yyyy."))
            return value

        board_vote = self.kind.currentData() == "board"
        opens = day(self.opens, "nominations_open", "Date nominations open", board_vote)
        closes = day(self.closes, "nominations_close", "Date nominations close", board_vote)
        cutoff = day(self.cutoff, "roll_cutoff", "Roll cut-off date")
        ballot = day(self.ballot, "ballot_on", "Ballot date")
        if issues:
            raise UserError.from_issues(issues)
        assert cutoff is not None and ballot is not None
        return ElectionDetails(
            title=self.title.text(),
            kind=self.kind.currentData(),
            roll_cutoff=cutoff,
            ballot_on=ballot,
            method=self.method.currentData(),
            seats=self.seats.value(),
            seat_type_id=self.seat_type.currentData(),
            nominations_open=opens if board_vote else None,
            nominations_close=closes if board_vote else None,
            returning_officer_id=self.officer.currentData(),
            resolution_text=self.resolution.toPlainText() if not board_vote else "",
            special_resolution=self.special.isChecked() and not board_vote,
        )

    def _on_save(self) -> None:
        try:
            details = self.details()
        except UserError as error:
            self.errors.show(error)
            return
        actor, info, org_id = self.ctx.user.actor, self.info, self.ctx.organisation.id
        warned = self._warned_for
        from app.ui.ops import Change

        def save(session: Any) -> tuple[int | None, str]:
            # Warn once, before saving, when few (or none) of the members may vote.
            shown = (details.roll_cutoff, details.seat_type_id)
            if warned != shown:
                outlook = elections.outlook_for(
                    session, org_id, details.roll_cutoff, details.seat_type_id
                )
                if outlook.warning():
                    return None, outlook.warning()
            if info is None:
                return elections.create_election(session, actor, details), ""
            elections.change_election(session, actor, info.id, details)
            return info.id, ""

        def done(result: tuple[int | None, str]) -> None:
            election_id, warning = result
            if election_id is None:
                self._warned_for = (details.roll_cutoff, details.seat_type_id)
                self.warning.setText(
                    f"⚠ {warning} Members without a paid-up share can be issued one from the "
                    "Members page. Choose Save again to save the election as it is."
                )
                self.warning.show()
                return
            self.saved_id = election_id
            self.accept()

        self.ctx.runner.run(
            self,
            save,
            on_success=done,
            on_user_error=self.errors.show,
            changes=frozenset({Change.ELECTIONS}),
        )
