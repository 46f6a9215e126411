"""The board: seat types, who sits in them, officers, retirement by rotation, vacancies.

Every change is one unit of work (the caller's session) with an audit row;
bad input raises one UserError and nothing is saved.
"""

from __future__ import annotations

from app.services.board.common import (
    ENDED_REASONS,
    FILLED_BY,
    OFFICES,
    PERMISSION,
    BoardSeat,
    Officer,
    Retiring,
    SeatFilling,
    SeatTypeInfo,
    Vacancy,
    term_end,
)
from app.services.board.memberships import (
    add_to_board,
    end_board_membership,
    may_stand,
    seat_elected,
    stand_issue,
)
from app.services.board.officers import (
    appoint_officer,
    end_officer,
    officer_roles_of_member,
    officers,
)
from app.services.board.queries import (
    board_on,
    next_agm,
    retiring_at,
    seats_of_member,
    vacancies,
)
from app.services.board.reports import board_report, officers_report
from app.services.board.seats import list_seat_types, save_seat_type

__all__ = [
    "ENDED_REASONS",
    "FILLED_BY",
    "OFFICES",
    "PERMISSION",
    "BoardSeat",
    "Officer",
    "Retiring",
    "SeatFilling",
    "SeatTypeInfo",
    "Vacancy",
    "add_to_board",
    "appoint_officer",
    "board_on",
    "board_report",
    "end_board_membership",
    "end_officer",
    "list_seat_types",
    "may_stand",
    "next_agm",
    "officer_roles_of_member",
    "officers",
    "officers_report",
    "retiring_at",
    "save_seat_type",
    "seat_elected",
    "seats_of_member",
    "stand_issue",
    "term_end",
    "vacancies",
]
