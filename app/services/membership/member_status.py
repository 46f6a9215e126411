"""A member's status (applicant, current, former) in Python and in SQL, kept together.

Importing it does not import SQLAlchemy (the register's first page is shown before).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.errors import UserError
from app.models.states import MemberStatus as MemberStatus  # re-exported

STATUSES: tuple[MemberStatus, ...] = tuple(MemberStatus)


def status_of(joined_on: date | None, left_on: date | None) -> MemberStatus:
    """Applicant, current or former, from the dates of joining and leaving."""
    if left_on is not None:
        return MemberStatus.FORMER
    return MemberStatus.APPLICANT if joined_on is None else MemberStatus.CURRENT


def status_clause(status: str) -> Any:
    """The same as a SQL condition on ``Member``."""
    from sqlalchemy import and_  # here, not above: the first window needs only status_of

    from app.models import Member

    if status == MemberStatus.APPLICANT:
        return and_(Member.joined_on.is_(None), Member.left_on.is_(None))
    if status == MemberStatus.CURRENT:
        return and_(Member.joined_on.is_not(None), Member.left_on.is_(None))
    if status == MemberStatus.FORMER:
        return Member.left_on.is_not(None)
    raise UserError(f"'{status}' is not a status. Choose one of: {', '.join(STATUSES)}.")
