"""What a member's record is made of, and finding one: shared by every membership module."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member
from app.services.accounts.roles import Actor, Permission


@dataclass(frozen=True)
class Consent:
    """A member's answer about one way of contact (or photographs)."""

    given: bool
    recorded_on: date
    source: str = ""


@dataclass(frozen=True)
class MemberDetails:
    """What a person types on the member form (or an import row carries)."""

    given_name: str
    family_name: str
    category_id: int
    membership_number: int | None = None  # None: the next free number
    title: str = ""
    preferred_name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""
    email: str = ""
    email_purpose: str = ""
    phone: str = ""
    mobile: str = ""
    household_ref: str = ""
    applied_on: date | None = None
    joined_on: date | None = None
    admitted_by: str = ""
    large_print: bool = False
    interpreter_language: str = ""
    other_property: str = ""
    notes: str = ""
    consents: dict[str, Consent] = field(default_factory=dict)
    # A member that is an organisation (a federation's centre): it has no first name,
    # and someone speaks for it. Set by the federation's register, kept by the form.
    represents_id: int | None = None
    representative: str = ""


def require_editor(actor: Actor) -> int:
    """The organisation ``actor`` edits members of; PermissionDenied unless they may."""
    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    return actor.organisation_id


def find_member(session: Session, org_id: int, member_id: int, *, merged_ok: bool = True) -> Member:
    """The member ``member_id`` of this organisation, or a UserError that says why not."""
    row = session.get(Member, member_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That member is not on this organisation's register.")
    if not merged_ok and row.merged_into_id is not None:
        kept = session.get_one(Member, row.merged_into_id).membership_number
        raise UserError(
            f"Member {row.membership_number}'s record was merged into member {kept}; use that one."
        )
    return row


def ids_for_numbers(session: Session, actor: Actor, numbers: list[int]) -> list[int]:
    """The record ids of these membership numbers, in order; a UserError naming any missing."""
    org_id = require_editor(actor)
    found = dict(
        session.execute(
            select(Member.membership_number, Member.id).where(
                Member.organisation_id == org_id, Member.membership_number.in_(numbers)
            )
        ).all()
    )
    missing = [n for n in numbers if n not in found]
    if missing:
        shown = ", ".join(str(n) for n in missing[:10])
        raise UserError(
            f"There is no member numbered {shown} on the register. Nothing was changed."
        )
    return [found[n] for n in numbers]
