"""The board: seat types, who sits in them, officers, retirement by rotation, vacancies.

Every change is one unit of work (the caller's session) with an audit row;
bad input raises one UserError and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
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
from app.reports.common import Column, ColumnKind, TableReport
from app.services import audit
from app.services.eligibility import add_months
from app.services.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.roles import Actor, Permission
from app.services.validation import raise_if_any, required_issue

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


def _org(actor: Actor) -> int:
    actor.require(PERMISSION)
    assert actor.organisation_id is not None
    return actor.organisation_id


def _name(member: Member) -> str:
    return " ".join(p for p in (member.title, member.given_name, member.family_name) if p)


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


def save_seat_type(
    session: Session,
    actor: Actor,
    *,
    seat_type_id: int | None,
    name: str,
    category_id: int | None,
    seats: int,
    term_years: int,
    filled_by: str,
    body: str = "",
) -> SeatTypeInfo:
    """Add a kind of seat (``seat_type_id`` None) or change one."""
    org_id = _org(actor)
    name, body = " ".join(name.split()), " ".join(body.split())
    issues: list[Issue | None] = [required_issue("name", name, "seat's name", max_length=60)]
    if not 1 <= seats <= 100:
        issues.append(Issue("seats", "The number of seats must be 1 to 100."))
    if not 1 <= term_years <= 10:
        issues.append(Issue("term_years", "The term must be 1 to 10 years."))
    if filled_by not in FILLED_BY:
        issues.append(
            Issue("filled_by", "Choose how the seat is filled: elected, co-opted or appointed.")
        )
    if filled_by == "appointed" and not body:
        issues.append(Issue("body", "Enter the body that appoints or nominates to this seat."))
    if len(body) > 120:
        issues.append(Issue("body", "The body's name is too long (at most 120 characters)."))
    if category_id is not None:
        category = session.get(MemberCategory, category_id)
        if category is None or category.organisation_id != org_id:
            issues.append(Issue("category_id", "That category is not one of this organisation's."))
        elif filled_by == "elected" and not category.may_stand:
            issues.append(
                Issue(
                    "category_id",
                    f"{category.name} members may not stand for election, so cannot have "
                    "elected seats. Change the category or how the seat is filled.",
                )
            )
    raise_if_any(issues)
    clash = session.scalar(
        select(SeatType.id).where(
            SeatType.organisation_id == org_id, func.lower(SeatType.name) == name.lower()
        )
    )
    if clash is not None and clash != seat_type_id:
        raise UserError.from_issues([Issue("name", f"There is already a seat called '{name}'.")])
    before: dict[str, object] | None = None
    if seat_type_id is None:
        row = SeatType(organisation_id=org_id)
        session.add(row)
    else:
        row = _seat_type(session, org_id, seat_type_id)
        before = {"name": row.name, "seats": row.seats, "term_years": row.term_years}
    row.name, row.category_id, row.seats = name, category_id, seats
    row.term_years, row.filled_by, row.body = term_years, filled_by, body
    session.flush()
    after = {
        "name": name,
        "category_id": category_id,
        "seats": seats,
        "term_years": term_years,
        "filled_by": filled_by,
        "body": body,
    }
    audit.record(
        session,
        actor,
        "create" if before is None else "update",
        "seat type",
        row.id,
        before=before,
        after=after,
    )
    return _seat_info(session, row)


def list_seat_types(session: Session, organisation_id: int) -> list[SeatTypeInfo]:
    """The organisation's kinds of seat, by name."""
    rows = session.scalars(
        select(SeatType).where(SeatType.organisation_id == organisation_id).order_by(SeatType.name)
    )
    return [_seat_info(session, row) for row in rows]


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


def stand_issue(session: Session, seat: SeatType | None, member: Member, on: date) -> str:
    """Why ``member`` may not hold (or stand for) an elected ``seat`` on ``on``; "" if they may."""
    number = member.membership_number
    if not _member_current(session, member, on):
        return f"Member {number} ({_name(member)}) was not a current member on {on:%d/%m/%Y}."
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
    if how == "elected" or seat.filled_by == "elected":
        problem = stand_issue(session, seat, member, started_on)
    elif not _member_current(session, member, started_on):
        problem = (
            f"Member {member.membership_number} ({_name(member)}) was not a current member "
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
                    f"Member {member.membership_number} ({_name(member)}) is already on the "
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


def _membership(session: Session, org_id: int, board_membership_id: int) -> BoardMembership:
    row = session.get(BoardMembership, board_membership_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That board seat is not one of this organisation's.")
    return row


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


def appoint_officer(
    session: Session, actor: Actor, board_membership_id: int, office: str, started_on: date
) -> Officer:
    """Make a board member chair, vice-chair, secretary or treasurer from ``started_on``."""
    org_id = _org(actor)
    if office not in OFFICES:
        raise UserError.from_issues(
            [Issue("office", "Choose the office: chair, vice-chair, secretary or treasurer.")]
        )
    row = _membership(session, org_id, board_membership_id)
    member = session.get_one(Member, row.member_id)
    if started_on < row.started_on or (row.ended_on is not None and started_on >= row.ended_on):
        raise UserError.from_issues(
            [
                Issue(
                    "started_on",
                    f"Member {member.membership_number} ({_name(member)}) is not on the board on "
                    f"{started_on:%d/%m/%Y}; an officer must be a board member.",
                )
            ]
        )
    held = session.execute(
        select(OfficerRole.id, Member.membership_number)
        .join(BoardMembership, BoardMembership.id == OfficerRole.board_membership_id)
        .join(Member, Member.id == BoardMembership.member_id)
        .where(
            OfficerRole.organisation_id == org_id,
            OfficerRole.office == office,
            or_(OfficerRole.ended_on.is_(None), OfficerRole.ended_on > started_on),
        )
    ).first()
    if held is not None:
        raise UserError.from_issues(
            [
                Issue(
                    "office",
                    f"Member {held[1]} is {OFFICES[office].lower()} on {started_on:%d/%m/%Y}. "
                    "End that first.",
                )
            ]
        )
    officer = OfficerRole(
        organisation_id=org_id,
        board_membership_id=row.id,
        office=office,
        started_on=started_on,
    )
    session.add(officer)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "officer",
        officer.id,
        after={"member": member.membership_number, "office": office, "started_on": started_on},
    )
    return _officer(session, officer)


def end_officer(session: Session, actor: Actor, officer_id: int, ended_on: date) -> None:
    """Someone stops holding an office on ``ended_on`` (they stay on the board)."""
    org_id = _org(actor)
    row = session.get(OfficerRole, officer_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That officer role is not one of this organisation's.")
    if row.ended_on is not None:
        raise UserError(f"That office already ended on {row.ended_on:%d/%m/%Y}.")
    if ended_on < row.started_on:
        raise UserError.from_issues(
            [Issue("ended_on", f"The end date is before the start ({row.started_on:%d/%m/%Y}).")]
        )
    row.ended_on = ended_on
    session.flush()
    audit.record(
        session,
        actor,
        "end",
        "officer",
        row.id,
        before={"ended_on": None},
        after={"ended_on": ended_on},
    )


def _offices(session: Session, board_membership_id: int, on: date) -> tuple[str, ...]:
    return tuple(
        OFFICES[o]
        for o in session.scalars(
            select(OfficerRole.office).where(
                OfficerRole.board_membership_id == board_membership_id,
                OfficerRole.started_on <= on,
                or_(OfficerRole.ended_on.is_(None), OfficerRole.ended_on > on),
            )
        )
    )


def _seat(session: Session, row: BoardMembership, on: date) -> BoardSeat:
    member = session.get_one(Member, row.member_id)
    seat = session.get_one(SeatType, row.seat_type_id)
    return BoardSeat(
        row.id,
        seat.id,
        seat.name,
        member.id,
        member.membership_number,
        _name(member),
        row.started_on,
        row.term_ends_on,
        row.ended_on,
        row.how,
        row.election_id,
        row.ended_reason,
        _offices(session, row.id, on),
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
        _name(member),
        address,
        row.started_on,
        row.ended_on,
    )


def board_on(session: Session, organisation_id: int, on: date) -> list[BoardSeat]:
    """Who sits on the board on ``on``, by seat type then name."""
    rows = session.scalars(
        select(BoardMembership)
        .join(SeatType, SeatType.id == BoardMembership.seat_type_id)
        .join(Member, Member.id == BoardMembership.member_id)
        .where(BoardMembership.organisation_id == organisation_id, _in_force(on))
        .order_by(SeatType.name, Member.family_name, Member.given_name)
    )
    return [_seat(session, row, on) for row in rows]


def seats_of_member(session: Session, member_id: int) -> list[BoardSeat]:
    """Every seat a member has held, oldest first (offices as at the seat's last day)."""
    rows = session.scalars(
        select(BoardMembership)
        .where(BoardMembership.member_id == member_id)
        .order_by(BoardMembership.started_on)
    )
    return [_seat(session, r, r.ended_on or date.today()) for r in rows]


def officers(
    session: Session, organisation_id: int, *, current_on: date | None = None
) -> list[Officer]:
    """Officer roles, by office then start date: all of them, or those held on ``current_on``."""
    query = select(OfficerRole).where(OfficerRole.organisation_id == organisation_id)
    if current_on is not None:
        query = query.where(
            OfficerRole.started_on <= current_on,
            or_(OfficerRole.ended_on.is_(None), OfficerRole.ended_on > current_on),
        )
    order = list(OFFICES)
    found = [_officer(session, row) for row in session.scalars(query)]
    return sorted(found, key=lambda o: (order.index(o.office), o.started_on))


def officer_roles_of_member(session: Session, member_id: int) -> list[Officer]:
    """Every office a member has held."""
    rows = session.scalars(
        select(OfficerRole)
        .join(BoardMembership, BoardMembership.id == OfficerRole.board_membership_id)
        .where(BoardMembership.member_id == member_id)
        .order_by(OfficerRole.started_on)
    )
    return [_officer(session, row) for row in rows]


@dataclass(frozen=True)
class Retiring:
    """A board member who must stand down at the AGM, and why."""

    seat: BoardSeat
    reason: str


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
        elected = [s for s in seats if s.how == "elected"]
        wanted = (len(elected) + 1) // 3  # the number nearest one third
        chosen = {r.seat.id for r in due}
        already = sum(1 for r in due if r.seat.how == "elected")
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


# ---------------------------------------------------------------------------- reports


def board_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Who is on the board on a date (today unless the options say), with seats and offices."""
    from app.services.report_data import letterhead

    assert actor.organisation_id is not None
    on = options.on or now.date()
    seats = board_on(session, actor.organisation_id, on)
    gaps = [v for v in vacancies(session, actor.organisation_id, on) if v.vacant]
    notes = tuple(
        f"{v.seat_type}: {v.vacant} of {v.seats} seat(s) vacant (a casual vacancy)." for v in gaps
    )
    return TableReport(
        title="The board",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("No.", ColumnKind.IDENTIFIER, 0.5),
            Column("Name", width=1.8),
            Column("Seat", width=1.4),
            Column("How", width=1.0),
            Column("Office", width=1.0),
            Column("Since", ColumnKind.DATE, 0.9),
            Column("Term ends", ColumnKind.DATE, 0.9),
        ),
        rows=tuple(
            (
                s.membership_number,
                s.name,
                s.seat_type,
                FILLED_BY[s.how].split(" or ")[0],
                ", ".join(s.offices),
                s.started_on,
                s.term_ends_on,
            )
            for s in seats
        ),
        subtitle=f"The board on {on:%d/%m/%Y}: {len(seats)} members.",
        notes=notes,
        landscape=options.landscape,
        large_print=options.large_print,
    )


def officers_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The register of officers: names, addresses, offices and the dates they took office."""
    from app.services.report_data import letterhead

    assert actor.organisation_id is not None
    found = officers(session, actor.organisation_id)
    current = sum(1 for o in found if o.ended_on is None)
    return TableReport(
        title="Register of officers",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("Office", width=0.9),
            Column("Member no.", ColumnKind.IDENTIFIER, 0.6),
            Column("Name", width=1.6),
            Column("Address", width=2.6),
            Column("Took office", ColumnKind.DATE, 0.9),
            Column("Left office", ColumnKind.DATE, 0.9),
        ),
        rows=tuple(
            (
                OFFICES[o.office],
                o.membership_number,
                o.name,
                o.address,
                o.started_on,
                o.ended_on,
            )
            for o in found
        ),
        subtitle=f"{current} current and {len(found) - current} former officer roles.",
        notes=(
            "Kept with the register of members under section 30 of the Co-operative and "
            "Community Benefit Societies Act 2014: the names and addresses of the officers, the "
            "offices they hold and the dates on which they took office.",
        ),
        landscape=True,
        large_print=options.large_print,
    )
