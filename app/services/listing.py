"""`mutualdesk list KIND`: rows of plain values for the kinds that exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import auth, organisation
from app.services.member_rows import MemberFilter, member_rows
from app.services.money import to_decimal

KINDS = ("organisations", "users", "members")
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
    raise UserError(f"There is no list called '{kind}'. Choose one of: {', '.join(KINDS)}.")


def _money(org: organisation.OrganisationInfo) -> str:
    from app.services.money import to_decimal

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
