"""Table models of the Board & Elections area: columns as IntEnums, cells as plain text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from app.services import board, elections
from app.services.common.dates import uk
from app.services.elections import ElectionKind
from app.ui.table_model import RowsModel


class SeatColumn(IntEnum):
    """Columns of the board table."""

    SEAT_TYPE = 0
    MEMBER = 1
    SINCE = 2
    UNTIL = 3
    OFFICE = 4
    HOW = 5


SEAT_HEADINGS = {
    SeatColumn.SEAT_TYPE: "Seat",
    SeatColumn.MEMBER: "Member",
    SeatColumn.SINCE: "Since",
    SeatColumn.UNTIL: "Term ends",
    SeatColumn.OFFICE: "Office",
    SeatColumn.HOW: "How",
}


def seat_cell(row: board.BoardSeat, column: SeatColumn) -> str:
    """One cell of the board table."""
    return {
        SeatColumn.SEAT_TYPE: row.seat_type,
        SeatColumn.MEMBER: f"{row.name} ({row.membership_number})",
        SeatColumn.SINCE: uk(row.started_on),
        SeatColumn.UNTIL: uk(row.ended_on or row.term_ends_on),
        SeatColumn.OFFICE: ", ".join(row.offices),
        SeatColumn.HOW: board.FILLED_BY.get(row.how, row.how).split(" or ")[0],
    }[column]


def seats_model() -> RowsModel[board.BoardSeat]:
    """The people on the board."""
    return RowsModel(SeatColumn, SEAT_HEADINGS, seat_cell)


class SeatTypeColumn(IntEnum):
    """Columns of the seat types table."""

    NAME = 0
    WHO = 1
    FILLED = 2
    TERM = 3
    HOW = 4


SEAT_TYPE_HEADINGS = {
    SeatTypeColumn.NAME: "Kind of seat",
    SeatTypeColumn.WHO: "Who may sit",
    SeatTypeColumn.FILLED: "Filled",
    SeatTypeColumn.TERM: "Term",
    SeatTypeColumn.HOW: "How filled",
}


@dataclass(frozen=True)
class SeatTypeRow:
    """A seat type with how many of its seats are filled today."""

    info: board.SeatTypeInfo
    filled: int


def seat_type_cell(row: SeatTypeRow, column: SeatTypeColumn) -> str:
    """One cell of the seat types table."""
    info = row.info
    how = board.FILLED_BY.get(info.filled_by, info.filled_by)
    return {
        SeatTypeColumn.NAME: info.name,
        SeatTypeColumn.WHO: f"{info.category} members" if info.category else "Any member",
        SeatTypeColumn.FILLED: f"{row.filled} of {info.seats}"
        + (f" ({info.seats - row.filled} vacant)" if row.filled < info.seats else ""),
        SeatTypeColumn.TERM: f"{info.term_years} year{'s' if info.term_years != 1 else ''}",
        SeatTypeColumn.HOW: f"{how} ({info.body})" if info.body else how,
    }[column]


def seat_types_model() -> RowsModel[SeatTypeRow]:
    """The kinds of seat."""
    return RowsModel(SeatTypeColumn, SEAT_TYPE_HEADINGS, seat_type_cell)


class ElectionColumn(IntEnum):
    """Columns of the elections table."""

    TITLE = 0
    STATE = 1
    BALLOT = 2
    METHOD = 3
    SEATS = 4


ELECTION_HEADINGS = {
    ElectionColumn.TITLE: "Election",
    ElectionColumn.STATE: "Stage",
    ElectionColumn.BALLOT: "Ballot date",
    ElectionColumn.METHOD: "Method",
    ElectionColumn.SEATS: "Seats",
}
METHOD_SHORT = {
    "plurality": "X votes (most votes wins)",
    "ers97": "Ranked (STV, ERS97)",
    "scottish": "Ranked (STV, Scottish)",
    "meek": "Ranked (STV, Meek)",
}


def election_cell(row: elections.ElectionInfo, column: ElectionColumn) -> str:
    """One cell of the elections table."""
    return {
        ElectionColumn.TITLE: row.title,
        ElectionColumn.STATE: elections.STATE_LABELS.get(row.state, row.state),
        ElectionColumn.BALLOT: uk(row.ballot_on),
        ElectionColumn.METHOD: "For or against"
        if row.kind == ElectionKind.RESOLUTION
        else METHOD_SHORT.get(row.method, row.method),
        ElectionColumn.SEATS: "" if row.kind == ElectionKind.RESOLUTION else str(row.seats),
    }[column]


def elections_model() -> RowsModel[elections.ElectionInfo]:
    """Every election."""
    return RowsModel(ElectionColumn, ELECTION_HEADINGS, election_cell)


class NominationColumn(IntEnum):
    """Columns of the nominations table."""

    POSITION = 0
    CANDIDATE = 1
    PROPOSER = 2
    SECONDER = 3
    NOMINATED = 4
    STATUS = 5


NOMINATION_HEADINGS = {
    NominationColumn.POSITION: "Ballot no.",
    NominationColumn.CANDIDATE: "Candidate",
    NominationColumn.PROPOSER: "Proposer",
    NominationColumn.SECONDER: "Seconder",
    NominationColumn.NOMINATED: "Nominated",
    NominationColumn.STATUS: "Status",
}


def nomination_status(row: elections.NominationInfo) -> str:
    """'Standing', 'Withdrew 12/01/2026' or 'Elected'."""
    if row.withdrawn_on is not None:
        return f"Withdrew {uk(row.withdrawn_on)}"
    return "Elected" if row.elected else "Standing"


def nomination_cell(row: elections.NominationInfo, column: NominationColumn) -> str:
    """One cell of the nominations table."""
    return {
        NominationColumn.POSITION: "" if row.ballot_position is None else str(row.ballot_position),
        NominationColumn.CANDIDATE: f"{row.candidate} ({row.candidate_number})",
        NominationColumn.PROPOSER: str(row.proposer_number),
        NominationColumn.SECONDER: str(row.seconder_number),
        NominationColumn.NOMINATED: uk(row.nominated_on),
        NominationColumn.STATUS: nomination_status(row),
    }[column]


def nominations_model() -> RowsModel[elections.NominationInfo]:
    """An election's nominations."""
    return RowsModel(NominationColumn, NOMINATION_HEADINGS, nomination_cell)


class ElectorColumn(IntEnum):
    """Columns of the voter roll table."""

    NUMBER = 0
    MEMBER = 1
    ISSUED = 2


ELECTOR_HEADINGS = {
    ElectorColumn.NUMBER: "Elector no.",
    ElectorColumn.MEMBER: "Member",
    ElectorColumn.ISSUED: "Paper issued",
}


def elector_cell(row: elections.Elector, column: ElectorColumn) -> str:
    """One cell of the roll."""
    return {
        ElectorColumn.NUMBER: str(row.elector_number),
        ElectorColumn.MEMBER: f"{row.name} ({row.membership_number})",
        ElectorColumn.ISSUED: elections.ISSUED.get(row.issued, "Not yet").capitalize(),
    }[column]


def roll_model() -> RowsModel[elections.Elector]:
    """The frozen voter roll."""
    return RowsModel(ElectorColumn, ELECTOR_HEADINGS, elector_cell)


class MismatchColumn(IntEnum):
    """Columns of the mismatches table."""

    PAPER = 0
    TELLER_1 = 1
    TELLER_2 = 2


MISMATCH_HEADINGS = {
    MismatchColumn.PAPER: "Paper no.",
    MismatchColumn.TELLER_1: "First teller typed",
    MismatchColumn.TELLER_2: "Second teller typed",
}


def mismatch_cell(row: elections.Mismatch, column: MismatchColumn) -> str:
    """One cell of the mismatches table."""
    return {
        MismatchColumn.PAPER: str(row.sequence),
        MismatchColumn.TELLER_1: row.teller_1 or "(blank)",
        MismatchColumn.TELLER_2: row.teller_2 or "(blank)",
    }[column]


def mismatches_model() -> RowsModel[elections.Mismatch]:
    """Papers the two tellers typed differently."""
    return RowsModel(MismatchColumn, MISMATCH_HEADINGS, mismatch_cell)
