"""Small dialogs that change the board: put a member in a seat, end a seat, officers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from app.errors import Issue, UserError
from app.services import board
from app.services.membership import member_numbers
from app.ui.context import PageContext
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog
from app.ui.widgets import date_box, read_date


class BoardDialog(ServiceDialog):
    """A form that changes the board."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(ctx, parent, title, intro, frozenset({Change.BOARD}))


class AddSeatDialog(BoardDialog):
    """Put a member in a seat from a date, by membership number."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, seat_types: list[board.SeatTypeInfo]
    ) -> None:
        super().__init__(
            ctx, parent, "Add a member to a seat", "Who joins the board, in which seat, and when."
        )
        add = self.errors.add_row
        self.seat_type = add(self.form, "&Seat", QComboBox(), "seat_type_id")
        for seat in seat_types:
            self.seat_type.addItem(f"{seat.name} ({seat.seats} seats)", seat)
        self.number = add(self.form, "&Membership number", QLineEdit(), "member_id")
        self.started = add(
            self.form, "S&tarting on", date_box("Starting on", date.today()), "started_on"
        )
        self.how = add(self.form, "&How they came", QComboBox(), "how")
        for key, text in board.FILLED_BY.items():
            self.how.addItem(text, key)
        self.seat_type.currentIndexChanged.connect(self._on_seat_type_changed)
        self._on_seat_type_changed()
        self.finish()
        self.number.setFocus()

    def _on_seat_type_changed(self) -> None:
        seat = self.seat_type.currentData()
        if isinstance(seat, board.SeatTypeInfo):
            self.how.setCurrentIndex(max(0, self.how.findData(seat.filled_by)))

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        started = read_date(self.started, "started_on", "Starting date", issues)
        seat = self.seat_type.currentData()
        if not isinstance(seat, board.SeatTypeInfo):
            issues.append(Issue("seat_type_id", "Choose the seat."))
        if issues:
            raise UserError.from_issues(issues)
        assert started is not None and isinstance(seat, board.SeatTypeInfo)
        number = member_numbers.number_from_text(self.number.text())
        org_id, actor, how = self.ctx.organisation.id, self.ctx.user.actor, self.how.currentData()

        def op(session: Any) -> board.BoardSeat:
            member_id = member_numbers.member_ids(session, org_id, {"member_id": number})
            return board.add_to_board(
                session,
                actor,
                seat_type_id=seat.id,
                member_id=member_id["member_id"],
                started_on=started,
                how=how,
            )

        return op


class EndSeatDialog(BoardDialog):
    """Someone leaves the board (any office they hold ends too)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, seat: board.BoardSeat) -> None:
        super().__init__(
            ctx,
            parent,
            "End a seat",
            f"{seat.name} (member {seat.membership_number}) leaves the '{seat.seat_type}' seat. "
            "Any office they hold ends on the same day. This cannot be undone.",
        )
        self.seat = seat
        add = self.errors.add_row
        self.ended = add(self.form, "&Last day", date_box("Last day", date.today()), "ended_on")
        self.reason = add(self.form, "&Why", QComboBox(), "reason")
        for key, text in board.ENDED_REASONS.items():
            self.reason.addItem(text, key)
        self.finish()
        self.ended.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        ended = read_date(self.ended, "ended_on", "Last day", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert ended is not None
        actor, seat_id, reason = self.ctx.user.actor, self.seat.id, self.reason.currentData()
        return lambda s: board.end_board_membership(s, actor, seat_id, ended, reason)


class MakeOfficerDialog(BoardDialog):
    """A board member becomes chair, vice-chair, secretary or treasurer."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, seat: board.BoardSeat) -> None:
        super().__init__(
            ctx,
            parent,
            "Make an officer",
            f"Which office {seat.name} (member {seat.membership_number}) takes, and from when.",
        )
        self.seat = seat
        add = self.errors.add_row
        self.office = add(self.form, "&Office", QComboBox(), "office")
        for key, text in board.OFFICES.items():
            self.office.addItem(text, key)
        self.started = add(self.form, "&From", date_box("From", date.today()), "started_on")
        self.finish()
        self.office.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        started = read_date(self.started, "started_on", "Starting date", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert started is not None
        actor, seat_id, office = self.ctx.user.actor, self.seat.id, self.office.currentData()
        return lambda s: board.appoint_officer(s, actor, seat_id, office, started)


class EndOfficerDialog(BoardDialog):
    """Someone stops holding an office (they stay on the board)."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, holders: list[board.Officer]
    ) -> None:
        super().__init__(
            ctx, parent, "End an office", "Who stops holding an office. They stay on the board."
        )
        add = self.errors.add_row
        self.officer = add(self.form, "&Office", QComboBox(), "officer_id")
        for held in holders:
            self.officer.addItem(
                f"{board.OFFICES[held.office]}: {held.name} ({held.membership_number})", held.id
            )
        self.ended = add(self.form, "&Last day", date_box("Last day", date.today()), "ended_on")
        self.finish()
        self.officer.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        ended = read_date(self.ended, "ended_on", "Last day", issues)
        officer_id = self.officer.currentData()
        if officer_id is None:
            issues.append(Issue("officer_id", "Nobody holds an office now."))
        if issues:
            raise UserError.from_issues(issues)
        assert ended is not None
        actor = self.ctx.user.actor
        return lambda s: board.end_officer(s, actor, officer_id, ended)
