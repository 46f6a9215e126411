"""`mutualdesk list KIND`: rows of plain values for the kinds that exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import auth, organisation

KINDS = ("organisations", "users")


def rows(session: Session, kind: str) -> list[dict[str, object]]:
    """Rows for ``kind``, as JSON-ready dicts."""
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
    raise UserError(f"There is no list called '{kind}'. Choose one of: {', '.join(KINDS)}.")


def _money(org: organisation.OrganisationInfo) -> str:
    from app.services.money import to_decimal

    return str(to_decimal(org.share_value_pence))
