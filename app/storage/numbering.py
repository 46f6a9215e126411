"""Gap-free numbers under several writers at once.

The cash book, the share ledger and the register number their lines one after another
per organisation (the largest so far, plus one). On a file the writer holds the whole
file from the start of its unit of work (``BEGIN IMMEDIATE``), so no one else numbers
meanwhile. On a server, where many write at once, ``hold_numbers`` takes a lock on the
organisation's row that the other writers numbering its lines wait for, until the unit
of work ends: the numbers never collide and never leave a gap.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Organisation


def hold_numbers(session: Session, organisation_id: int) -> None:
    """Make this unit of work the only one numbering ``organisation_id``'s lines."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(Organisation.id).where(Organisation.id == organisation_id).with_for_update()
        )
