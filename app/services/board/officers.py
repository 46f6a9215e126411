"""Officers: chair, vice-chair, secretary and treasurer, appointed from the board."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import BoardMembership, Member, OfficerRole
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.board.common import OFFICES, Officer, _membership, _officer, _org
from app.services.common.names import name_of


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
                    f"Member {member.membership_number} ({name_of(member)}) is not on the board on "
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
