"""Likely duplicates: same name and postcode, same email, or same surname and birth date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Member
from app.services.membership.records import MemberDetails


@dataclass(frozen=True)
class Duplicate:
    """Another record that may be the same person, and why we think so."""

    member_id: int
    membership_number: int
    name: str
    reason: str


def _reason(row: Member, details: MemberDetails) -> str:
    if details.email and row.email.lower() == details.email.lower():
        return "same email"
    if (
        details.date_of_birth
        and row.date_of_birth == details.date_of_birth
        and row.family_name.casefold() == details.family_name.casefold()
    ):
        return "same last name and date of birth"
    return "same name and postcode"


def find_duplicates(
    session: Session, organisation_id: int, details: MemberDetails, exclude_id: int | None = None
) -> list[Duplicate]:
    """Other records on the register that look like the same person."""
    same_name_postcode = (
        (func.lower(Member.given_name) == details.given_name.lower())
        & (func.lower(Member.family_name) == details.family_name.lower())
        & (Member.postcode == details.postcode)
        & (Member.postcode != "")
    )
    tests: list[Any] = [same_name_postcode]
    if details.email:
        tests.append(func.lower(Member.email) == details.email.lower())
    if details.date_of_birth:
        tests.append(
            (Member.date_of_birth == details.date_of_birth)
            & (func.lower(Member.family_name) == details.family_name.lower())
        )
    query = select(Member).where(
        Member.organisation_id == organisation_id,
        Member.merged_into_id.is_(None),
        Member.erased_on.is_(None),
        or_(*tests),
    )
    if exclude_id is not None:
        query = query.where(Member.id != exclude_id)
    return [
        Duplicate(
            row.id,
            row.membership_number,
            f"{row.given_name} {row.family_name}",
            _reason(row, details),
        )
        for row in session.scalars(query.order_by(Member.membership_number).limit(20))
    ]


def duplicate_warnings(
    session: Session, organisation_id: int, details: MemberDetails, exclude_id: int | None
) -> list[str]:
    """Duplicates as sentences for the person saving."""
    return [
        f"This may be the same person as member {d.membership_number}, {d.name} ({d.reason})."
        for d in find_duplicates(session, organisation_id, details, exclude_id)
    ]
