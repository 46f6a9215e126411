"""`mutualdesk list KIND`: rows of plain values for the kinds that exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import organisation
from app.services.accounts import auth
from app.services.common.money import to_decimal
from app.services.common.report_options import MemberFilter
from app.services.membership.member_rows import member_rows

KINDS = ("organisations", "users", "members", "board", "elections", "meetings", "project-ballots")
ALL_MEMBERS = MemberFilter()


def rows(
    session: Session, kind: str, members: MemberFilter = ALL_MEMBERS
) -> list[dict[str, object]]:
    """Rows for ``kind``, as JSON-ready dicts (``members`` filters the member list)."""
    if kind == "organisations":
        return [
            {
                "id": o.id,
                "name": o.name,
                "kind": o.kind,
                "registration_number": o.registration_number,
                "postcode": o.postcode,
                "share_value": _money(o),
            }
            for o in organisation.list_all(session)
        ]
    if kind == "users":
        return [
            {
                "id": u.id,
                "username": u.username,
                "full_name": u.full_name,
                "role": u.role.value,
                "active": u.active,
                "organisation_id": u.organisation_id,
            }
            for u in auth.list_users(session)
        ]
    if kind == "members":
        return _members(session, members)
    if kind == "board":
        return _board(session)
    if kind == "elections":
        return _elections(session)
    if kind == "meetings":
        return _meetings(session)
    if kind == "project-ballots":
        return _project_ballots(session)
    raise UserError(f"There is no list called '{kind}'. Choose one of: {', '.join(KINDS)}.")


def _money(org: organisation.OrganisationInfo) -> str:
    from app.services.common.money import to_decimal

    return str(to_decimal(org.share_value_pence))


def _members(session: Session, flt: MemberFilter) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for org in organisation.list_all(session):
        for m in member_rows(session, org.id, flt, order="number"):
            found.append(
                {
                    "organisation_id": org.id,
                    "membership_number": m.membership_number,
                    "title": m.title,
                    "given_name": m.given_name,
                    "family_name": m.family_name,
                    "address": "\n".join(m.address_lines),
                    "postcode": m.postcode,
                    "email": m.email,
                    "category": m.category,
                    "status": m.status,
                    "joined_on": m.joined_on.isoformat() if m.joined_on else None,
                    "left_on": m.left_on.isoformat() if m.left_on else None,
                    "shares": m.shares,
                    "paid": str(to_decimal(m.paid_pence)),
                    "large_print": m.large_print,
                }
            )
    return found


def _board(session: Session) -> list[dict[str, object]]:
    """Who sits on each organisation's board today."""
    from datetime import date

    from app.services import board

    return [
        {
            "organisation_id": org.id,
            "membership_number": s.membership_number,
            "name": s.name,
            "seat": s.seat_type,
            "how": s.how,
            "offices": list(s.offices),
            "started_on": s.started_on.isoformat(),
            "term_ends_on": s.term_ends_on.isoformat(),
            "election_id": s.election_id,
        }
        for org in organisation.list_all(session)
        for s in board.board_on(session, org.id, date.today())
    ]


def _elections(session: Session) -> list[dict[str, object]]:
    """Every election with its stage and numbers (never a ballot's contents)."""
    from app.services import elections

    def day(value: object) -> object:
        return value.isoformat() if hasattr(value, "isoformat") else value

    return [
        {
            "organisation_id": org.id,
            "id": e.id,
            "title": e.title,
            "kind": e.kind,
            "method": e.method,
            "seats": e.seats,
            "state": e.state,
            "nominations_open": day(e.nominations_open),
            "nominations_close": day(e.nominations_close),
            "roll_cutoff": day(e.roll_cutoff),
            "ballot_on": day(e.ballot_on),
            "candidates": e.candidates,
            "electors": e.electors,
            "papers_issued": e.issued,
            "declared_at": day(e.declared_at),
        }
        for org in organisation.list_all(session)
        for e in elections.list_elections(session, org.id)
    ]


def _meetings(session: Session) -> list[dict[str, object]]:
    """Every meeting, newest first, with its stage and reference numbers."""
    from app.services import meetings

    return [
        {
            "organisation_id": org.id,
            "id": m.id,
            "body": m.body,
            "kind": m.kind,
            "title": m.title,
            "held_on": m.held_on.isoformat(),
            "starts_at": m.starts_at.strftime("%H:%M") if m.starts_at else None,
            "place": m.place,
            "status": m.status,
            "notice_sent_on": m.notice_sent_on.isoformat() if m.notice_sent_on else None,
            "approved_on": m.approved_on.isoformat() if m.approved_on else None,
        }
        for org in organisation.list_all(session)
        for m in meetings.list_meetings(session, org.id)
    ]


def _project_ballots(session: Session) -> list[dict[str, object]]:
    """Every project ballot: its projects in paper order, papers typed, and any result."""
    from app.services.performance import project_ballot

    return [
        {
            "organisation_id": org.id,
            "id": b.id,
            "title": b.title,
            "method": b.method,
            "places": b.places,
            "held_on": b.held_on.isoformat(),
            "projects": list(b.projects),
            "papers": b.papers,
            "declared": b.declared,
            "going_ahead": list(b.chosen),
        }
        for org in organisation.list_all(session)
        for b in project_ballot.list_ballots(session, org.id)
    ]
