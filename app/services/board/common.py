"""What the board services share: the labels, plain data classes, and the lookups and
checks every change makes first (permission, the seat or member is this organisation's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import (
    BoardMembership,
    Member,
    MemberCategory,
    MembershipPeriod,
    OfficerRole,
    SeatType,
)
from app.models.states import SeatFilling as SeatFilling  # re-exported
from app.services.accounts.roles import Actor, Permission
from app.services.common.names import name_of
from app.services.membership.eligibility import add_months

FILLED_BY: dict[str, str] = {
    "elected": "Elected",
    "co_opted": "Co-opted",
    "appointed": "Appointed or nominated by a body",
}


OFFICES: dict[str, str] = {
    "chair": "Chair",
    "vice_chair": "Vice-chair",
    "secretary": "Secretary",
    "treasurer": "Treasurer",
}


ENDED_REASONS: dict[str, str] = {
    "term_ended": "Term ended",
    "retired_by_rotation": "Retired by rotation",
    "resigned": "Resigned",
    "removed": "Removed",
    "ceased_membership": "Ceased to be a member",
    "deceased": "Deceased",
}


PERMISSION = Permission.EDIT_MEETINGS  # the secretary keeps the board's records


@dataclass(frozen=True)
class SeatTypeInfo:
    """One kind of seat as screens and reports see it."""

    id: int
    name: str
    category_id: int | None
    category: str  # "" for any member
    seats: int
    term_years: int
    filled_by: str
    body: str


@dataclass(frozen=True)
class BoardSeat:
    """One member's time in one seat."""

    id: int
    seat_type_id: int
    seat_type: str
    member_id: int
    membership_number: int
    name: str
    started_on: date
    term_ends_on: date
    ended_on: date | None
    how: str
    election_id: int | None
    ended_reason: str
    offices: tuple[str, ...]  # offices held now (or at the date asked)


@dataclass(frozen=True)
class Officer:
    """One officer role, past or present."""

    id: int
    office: str
    board_membership_id: int
    member_id: int
    membership_number: int
    name: str
    address: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class Vacancy:
    """How many seats of a type are empty on a date."""

    seat_type_id: int
    seat_type: str
    seats: int
    filled: int

    @property
    def vacant(self) -> int:
        """Seats not filled."""
        return max(self.seats - self.filled, 0)


@dataclass(frozen=True)
class Retiring:
    """A board member who must stand down at the AGM, and why."""

    seat: BoardSeat
    reason: str


def _org(actor: Actor) -> int:
    actor.require(PERMISSION)
    assert actor.organisation_id is not None
    return actor.organisation_id


def term_end(started_on: date, term_years: int) -> date:
    """The day a term that began on ``started_on`` runs out."""
    return add_months(started_on, 12 * term_years)


def _seat_type(session: Session, org_id: int, seat_type_id: int) -> SeatType:
    row = session.get(SeatType, seat_type_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That kind of seat is not one of this organisation's.")
    return row


def _seat_info(session: Session, row: SeatType) -> SeatTypeInfo:
    category = session.get_one(MemberCategory, row.category_id).name if row.category_id else ""
    return SeatTypeInfo(
        row.id,
        row.name,
        row.category_id,
        category,
        row.seats,
        row.term_years,
        row.filled_by,
        row.body,
    )


def _overlaps(start: date, end: date | None) -> Any:
    """A board membership that is in force on some day from ``start`` to ``end``."""
    conditions = [or_(BoardMembership.ended_on.is_(None), BoardMembership.ended_on >= start)]
    if end is not None:
        conditions.append(BoardMembership.started_on <= end)
    return and_(*conditions)


def _in_force(on: date) -> Any:
    return and_(
        BoardMembership.started_on <= on,
        or_(BoardMembership.ended_on.is_(None), BoardMembership.ended_on > on),
    )


def _member_current(session: Session, member: Member, on: date) -> bool:
    return (
        session.scalar(
            select(MembershipPeriod.id).where(
                MembershipPeriod.member_id == member.id,
                MembershipPeriod.joined_on <= on,
                or_(MembershipPeriod.left_on.is_(None), MembershipPeriod.left_on > on),
            )
        )
        is not None
    )


def _member_row(session: Session, org_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.organisation_id != org_id:
        raise UserError.from_issues(
            [Issue("member_id", "That member is not on this organisation's register.")]
        )
    if member.merged_into_id is not None:
        raise UserError.from_issues(
            [Issue("member_id", f"Member {member.membership_number}'s record was merged.")]
        )
    return member


def _membership(session: Session, org_id: int, board_membership_id: int) -> BoardMembership:
    row = session.get(BoardMembership, board_membership_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That board seat is not one of this organisation's.")
    return row


def _offices(session: Session, board_membership_id: int, on: date) -> tuple[str, ...]:
    return offices_of(session, [board_membership_id], on).get(board_membership_id, ())


def offices_of(
    session: Session, board_membership_ids: list[int], on: date
) -> dict[int, tuple[str, ...]]:
    """The offices each of these seats holds on ``on`` (one query for them all)."""
    found: dict[int, tuple[str, ...]] = {}
    for seat_id, office in session.execute(
        select(OfficerRole.board_membership_id, OfficerRole.office)
        .where(
            OfficerRole.board_membership_id.in_(board_membership_ids),
            OfficerRole.started_on <= on,
            or_(OfficerRole.ended_on.is_(None), OfficerRole.ended_on > on),
        )
        .order_by(OfficerRole.id)
    ):
        found[seat_id] = (*found.get(seat_id, ()), OFFICES[office])
    return found


def board_name(member: Member) -> str:
    """How a board member is named: a member organisation sits through its representative."""
    if member.represents_id is not None and member.representative:
        return f"{name_of(member)} (represented by {member.representative})"
    return name_of(member)


def _seat(
    session: Session, row: BoardMembership, on: date, offices: tuple[str, ...] | None = None
) -> BoardSeat:
    member = session.get_one(Member, row.member_id)
    seat = session.get_one(SeatType, row.seat_type_id)
    return BoardSeat(
        row.id,
        seat.id,
        seat.name,
        member.id,
        member.membership_number,
        board_name(member),
        row.started_on,
        row.term_ends_on,
        row.ended_on,
        row.how,
        row.election_id,
        row.ended_reason,
        _offices(session, row.id, on) if offices is None else offices,
    )


def _officer(session: Session, row: OfficerRole) -> Officer:
    seat = session.get_one(BoardMembership, row.board_membership_id)
    member = session.get_one(Member, seat.member_id)
    address = ", ".join([*member.address.splitlines(), member.postcode]).strip(", ")
    return Officer(
        row.id,
        row.office,
        seat.id,
        member.id,
        member.membership_number,
        name_of(member),
        address,
        row.started_on,
        row.ended_on,
    )
