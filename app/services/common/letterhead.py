"""The organisation's name, logo and address for the top of each printed page."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from app.models import Organisation
from app.services.common.reports import Letterhead
from app.storage.audit_chain import chain_end


def letterhead(session: Session, organisation_id: int) -> Letterhead:
    """The organisation's name, logo and address for the top of each page."""
    org = session.get_one(Organisation, organisation_id)
    address = "\n".join(p for p in (org.address, org.postcode) if p)
    return Letterhead(org.name, org.logo_png, address)


def anchored(session: Session, organisation_id: int) -> Letterhead:
    """The letterhead with where the audit trail stood, for the footer of registers and
    minutes: a printed copy kept in a file shows later whether the trail was cut back."""
    end = chain_end(session)
    head = letterhead(session, organisation_id)
    if not end.length:
        return head
    text = f"Audit trail when printed: {end.length:,} entries, the newest {end.head[:16]}"
    return replace(head, anchor=text)
