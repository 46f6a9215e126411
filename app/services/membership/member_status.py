"""A member's status (applicant, current, former) in Python and in SQL, kept together."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_

from app.errors import UserError
from app.models import Member

STATUSES: tuple[str, ...] = ("applicant", "current", "former")


def status_of(joined_on: date | None, left_on: date | None) -> str:
    """'applicant', 'current' or 'former'."""
    if left_on is not None:
        return "former"
    return "applicant" if joined_on is None else "current"


def status_clause(status: str) -> Any:
    """The same as a SQL condition on ``Member``."""
    if status == "applicant":
        return and_(Member.joined_on.is_(None), Member.left_on.is_(None))
    if status == "current":
        return and_(Member.joined_on.is_not(None), Member.left_on.is_(None))
    if status == "former":
        return Member.left_on.is_not(None)
    raise UserError(f"'{status}' is not a status. Choose one of: {', '.join(STATUSES)}.")
