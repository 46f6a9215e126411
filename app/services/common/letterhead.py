"""The organisation's name, logo and address for the top of each printed page."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import Organisation
from app.services.common.reports import Letterhead


def letterhead(session: Session, organisation_id: int) -> Letterhead:
    """The organisation's name, logo and address for the top of each page."""
    org = session.get_one(Organisation, organisation_id)
    address = "\n".join(p for p in (org.address, org.postcode) if p)
    return Letterhead(org.name, org.logo_png, address)
