"""The board on a date: who sits on it, a member's seats, who retires at the AGM, vacancies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import BoardMembership, Meeting, MeetingBody, Member, SeatType
from app.models.states import MeetingKind
from app.services.board.common import (
    BoardSeat,
    Retiring,
    SeatFilling,
    Vacancy,
    _in_force,
    _seat,
    offices_of,
)
from app.services.board.seats import list_seat_types
from app.services.membership.eligibility import add_months


def board_on(session: Session, organisation_id: int, on: date) -> list[BoardSeat]:
    """Who sits on the board on ``on``, by seat type then name."""
    rows = session.execute(
        select(BoardMembership, Member, SeatType)  # one query: the seats, who, which seat
        .join(SeatType, SeatType.id == BoardMembership.seat_type_id)
        .join(Member, Member.id == BoardMembership.member_id)
        .where(BoardMembership.organisation_id == organisation_id, _in_force(on))
        .order_by(SeatType.name, Member.family_name, Member.given_name)
    ).all()
    offices = offices_of(session, [row.id for row, _m, _s in rows], on)
    return [_seat(session, row, on, offices.get(row.id, ())) for row, _m, _s in rows]


def seats_of_member(session: Session, member_id: int) -> list[BoardSeat]:
    """Every seat a member has held, oldest first (offices as at the seat's last day)."""
    rows = session.scalars(
        select(BoardMembership)
        .where(BoardMembership.member_id == member_id)
        .order_by(BoardMembership.started_on)
    )
    return [_seat(session, r, r.ended_on or date.today()) for r in rows]


def retiring_at(
    session: Session, organisation_id: int, agm_on: date, *, one_third: bool = False
) -> list[Retiring]:
    """Who must stand down at the AGM on ``agm_on``.

    Everyone whose term has run out by then. With ``one_third`` (rules that say
    "one third of the elected members, or the number nearest one third, retire
    each year, those longest in office first"), more elected members are added,
    longest in office first, until a third of the elected members on the board
    retire; those who started on the same day are taken in membership-number
    order, and the note says the rules may want lots drawn instead.
    """
    seats = board_on(session, organisation_id, agm_on)
    due = [
        Retiring(s, f"term ended {s.term_ends_on:%d/%m/%Y}")
        for s in seats
        if s.term_ends_on <= agm_on
    ]
    if one_third:
        elected = [s for s in seats if s.how == SeatFilling.ELECTED]
        wanted = (len(elected) + 1) // 3  # the number nearest one third
        chosen = {r.seat.id for r in due}
        already = sum(1 for r in due if r.seat.how == SeatFilling.ELECTED)
        for s in sorted(elected, key=lambda s: (s.started_on, s.membership_number)):
            if already >= wanted:
                break
            if s.id not in chosen:
                due.append(
                    Retiring(s, f"one third by rotation: in office since {s.started_on:%d/%m/%Y}")
                )
                chosen.add(s.id)
                already += 1
    return due


def vacancies(session: Session, organisation_id: int, on: date) -> list[Vacancy]:
    """Every kind of seat with how many are filled on ``on`` (casual vacancies are the gaps)."""
    filled = dict(
        session.execute(
            select(BoardMembership.seat_type_id, func.count())
            .where(BoardMembership.organisation_id == organisation_id, _in_force(on))
            .group_by(BoardMembership.seat_type_id)
        ).all()
    )
    return [
        Vacancy(s.id, s.name, s.seats, int(filled.get(s.id, 0)))
        for s in list_seat_types(session, organisation_id)
    ]


def next_agm(session: Session, organisation_id: int, today: date) -> date:
    """The next AGM's date: one already called, else a year after the last, else today."""
    agms = (
        select(Meeting.held_on)
        .join(MeetingBody, MeetingBody.id == Meeting.body_id)
        .where(MeetingBody.organisation_id == organisation_id, Meeting.kind == MeetingKind.AGM)
    )
    called = session.scalar(agms.where(Meeting.held_on >= today).order_by(Meeting.held_on).limit(1))
    if called is not None:
        return called
    last = session.scalar(agms.order_by(Meeting.held_on.desc()).limit(1))
    return max(today, add_months(last, 12)) if last is not None else today
