"""Who sits in a seat: who may stand, putting a member on the board, ending their time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select, update
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
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.board.common import (
    ENDED_REASONS,
    FILLED_BY,
    BoardSeat,
    SeatFilling,
    _in_force,
    _member_current,
    _member_row,
    _membership,
    _org,
    _overlaps,
    _seat,
    _seat_type,
    term_end,
)
from app.services.common.names import name_of
from app.services.membership.eligibility import period_covers


def stand_issue(session: Session, seat: SeatType | None, member: Member, on: date) -> str:
    """Why ``member`` may not hold (or stand for) an elected ``seat`` on ``on``; "" if they may."""
    number = member.membership_number
    if not _member_current(session, member, on):
        return f"Member {number} ({name_of(member)}) was not a current member on {on:%d/%m/%Y}."
    category = session.get_one(MemberCategory, member.category_id)
    if not category.may_stand:
        return f"Member {number} is in the {category.name} category, whose members may not stand."
    if seat is not None and seat.category_id is not None and seat.category_id != member.category_id:
        wanted = session.get_one(MemberCategory, seat.category_id).name
        return (
            f"Member {number} is in the {category.name} category; '{seat.name}' is for "
            f"{wanted} members."
        )
    return ""


def may_stand(session: Session, organisation_id: int, on: date) -> set[int]:
    """Every member who may stand for an elected seat open to any category on ``on``
    (``stand_issue`` says nothing against them), found in one query."""
    current = (
        select(MembershipPeriod.id)
        .where(MembershipPeriod.member_id == Member.id, period_covers(on))
        .exists()
    )
    return set(
        session.scalars(
            select(Member.id)
            .join(MemberCategory, MemberCategory.id == Member.category_id)
            .where(Member.organisation_id == organisation_id, MemberCategory.may_stand, current)
        )
    )


def add_to_board(
    session: Session,
    actor: Actor,
    *,
    seat_type_id: int,
    member_id: int,
    started_on: date,
    how: str,
    election_id: int | None = None,
    ended_on: date | None = None,
) -> BoardSeat:
    """Put a member in a seat from ``started_on`` (elected, co-opted or appointed)."""
    org_id = _org(actor)
    return _add_to_board(
        session, actor, org_id, seat_type_id, member_id, started_on, how, election_id, ended_on
    )


def seat_elected(
    session: Session,
    actor: Actor,
    org_id: int,
    *,
    seat_type_id: int,
    member_id: int,
    started_on: date,
    election_id: int,
) -> BoardSeat:
    """Seat a winner of ``election_id`` (for elections: the caller has checked that
    ``actor`` may declare it, which is the permission that counts here)."""
    return _add_to_board(
        session,
        actor,
        org_id,
        seat_type_id,
        member_id,
        started_on,
        SeatFilling.ELECTED,
        election_id,
        None,
    )


def _add_to_board(
    session: Session,
    actor: Actor,
    org_id: int,
    seat_type_id: int,
    member_id: int,
    started_on: date,
    how: str,
    election_id: int | None,
    ended_on: date | None,
) -> BoardSeat:
    seat = _seat_type(session, org_id, seat_type_id)
    member = _member_row(session, org_id, member_id)
    issues: list[Issue] = []
    if how not in FILLED_BY:
        issues.append(Issue("how", "Choose how they came: elected, co-opted or appointed."))
    if ended_on is not None and ended_on < started_on:
        issues.append(Issue("ended_on", "The end date is before the start date."))
    if issues:
        raise UserError.from_issues(issues)
    if how == SeatFilling.ELECTED or seat.filled_by == SeatFilling.ELECTED:
        problem = stand_issue(session, seat, member, started_on)
    elif not _member_current(session, member, started_on):
        problem = (
            f"Member {member.membership_number} ({name_of(member)}) was not a current member "
            f"on {started_on:%d/%m/%Y}."
        )
    else:
        problem = ""
    if problem:
        raise UserError.from_issues([Issue("member_id", problem)])
    twice = session.scalar(
        select(BoardMembership.id).where(
            BoardMembership.member_id == member_id, _overlaps(started_on, ended_on)
        )
    )
    if twice is not None:
        raise UserError.from_issues(
            [
                Issue(
                    "member_id",
                    f"Member {member.membership_number} ({name_of(member)}) is already on the "
                    "board then. End that seat first.",
                )
            ]
        )
    filled = session.scalar(
        select(func.count(BoardMembership.id)).where(
            BoardMembership.seat_type_id == seat.id, _in_force(started_on)
        )
    )
    if int(filled or 0) >= seat.seats:
        raise UserError.from_issues(
            [
                Issue(
                    "seat_type_id",
                    f"All {seat.seats} seats of '{seat.name}' are filled on {started_on:%d/%m/%Y}. "
                    "End someone's seat first, or choose another.",
                )
            ]
        )
    row = BoardMembership(
        organisation_id=org_id,
        seat_type_id=seat.id,
        member_id=member_id,
        started_on=started_on,
        term_ends_on=term_end(started_on, seat.term_years),
        ended_on=ended_on,
        how=how,
        election_id=election_id,
        ended_reason="",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "board seat",
        row.id,
        after={
            "member": member.membership_number,
            "seat": seat.name,
            "started_on": started_on,
            "how": how,
            "election_id": election_id,
        },
    )
    return _seat(session, row, started_on)


def end_board_membership(
    session: Session, actor: Actor, board_membership_id: int, ended_on: date, reason: str
) -> None:
    """End someone's time on the board (and any office they hold) on ``ended_on``."""
    org_id = _org(actor)
    row = _membership(session, org_id, board_membership_id)
    if reason not in ENDED_REASONS:
        raise UserError.from_issues(
            [Issue("reason", f"Choose why it ended: {', '.join(ENDED_REASONS.values()).lower()}.")]
        )
    if row.ended_on is not None:
        raise UserError(f"That seat already ended on {row.ended_on:%d/%m/%Y}.")
    if ended_on < row.started_on:
        raise UserError.from_issues(
            [Issue("ended_on", f"The end date is before the start ({row.started_on:%d/%m/%Y}).")]
        )
    row.ended_on, row.ended_reason = ended_on, reason
    offices = session.execute(
        update(OfficerRole)
        .where(
            OfficerRole.board_membership_id == row.id,
            or_(OfficerRole.ended_on.is_(None), OfficerRole.ended_on > ended_on),
            OfficerRole.started_on <= ended_on,
        )
        .values(ended_on=ended_on)
    )
    session.flush()
    audit.record(
        session,
        actor,
        "end",
        "board seat",
        row.id,
        before={"ended_on": None},
        after={"ended_on": ended_on, "reason": reason, "offices_ended": offices.rowcount},  # type: ignore[attr-defined]
    )
