"""The federation as a mutual: its own register, whose members are its centres.

A federation is an organisation of kind ``federation`` in the same database as its
centres. A centre joins its register as a member like any other, with a membership
number, shares, periods of membership and the voting rules of its category ("Member
organisation"), and with a named representative who speaks and votes for it; people
join as "Individual" members where the federation's rules allow. Its board has a seat
per centre (a seat type filled by the member organisations), and its meetings and
elections are the program's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member, MemberCategory, Organisation
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.membership import members
from app.services.membership.records import MemberDetails, find_member, require_editor

KIND = "federation"
CATEGORY = "Member organisation"


def _federation(session: Session, actor: Actor) -> Organisation:
    org_id = require_editor(actor)
    org = session.get_one(Organisation, org_id)
    if org.kind != KIND:
        raise UserError(
            f"{org.name} is not a federation: only a federation's register has centres as "
            "its members."
        )
    return org


@dataclass(frozen=True)
class MemberCentre:
    """A centre on the federation's register."""

    member_id: int
    membership_number: int
    centre: str
    representative: str
    joined_on: date | None
    left_on: date | None


def centres_on_register(session: Session, federation_id: int) -> list[MemberCentre]:
    """The centres on the federation's register (current and former), by name."""
    rows = session.execute(
        select(Member, Organisation.name)
        .join(Organisation, Organisation.id == Member.represents_id)
        .where(Member.organisation_id == federation_id, Member.merged_into_id.is_(None))
        .order_by(Organisation.name)
    )
    return [
        MemberCentre(m.id, m.membership_number, name, m.representative, m.joined_on, m.left_on)
        for m, name in rows
    ]


def enrol(
    session: Session, actor: Actor, centre_id: int, representative: str, joined_on: date
) -> MemberCentre:
    """Put the centre ``centre_id`` on the federation's register, spoken for by
    ``representative``."""
    federation = _federation(session, actor)
    centre = session.get(Organisation, centre_id)
    if centre is None or centre.id == federation.id or centre.kind == KIND:
        raise UserError("Choose one of the centres in this database to join the federation.")
    speaker = " ".join(representative.split())
    if not speaker or len(speaker) > 200:
        raise UserError("Name the person who represents the centre (at most 200 characters).")
    already = [
        c for c in centres_on_register(session, federation.id)
        if c.centre == centre.name and c.left_on is None
    ]  # fmt: skip
    if already:
        raise UserError(
            f"{centre.name} is on the register already (number {already[0].membership_number})."
        )
    category = session.scalars(
        select(MemberCategory.id).where(
            MemberCategory.organisation_id == federation.id, MemberCategory.name == CATEGORY
        )
    ).first()
    if category is None:
        raise UserError(f"The federation has no '{CATEGORY}' category: add it first.")
    saved = members.add_member(
        session, actor,
        MemberDetails(
            given_name="", family_name=centre.name[:100], category_id=category,
            joined_on=joined_on, address=centre.address, postcode=centre.postcode,
            represents_id=centre.id, representative=speaker,
        ),
    )  # fmt: skip
    return MemberCentre(saved.member_id, saved.membership_number, centre.name, speaker,
                        joined_on, None)  # fmt: skip


def set_representative(session: Session, actor: Actor, member_id: int, representative: str) -> None:
    """Someone else now speaks for a member centre."""
    federation = _federation(session, actor)
    row = find_member(session, federation.id, member_id, merged_ok=False)
    if row.represents_id is None:
        raise UserError("That member is a person, not a centre: it has no representative.")
    speaker = " ".join(representative.split())
    if not speaker or len(speaker) > 200:
        raise UserError("Name the person who represents the centre (at most 200 characters).")
    before = row.representative
    row.representative = speaker
    session.flush()
    audit.record(
        session, actor, "representative", "member", row.id,
        before={"representative": before}, after={"representative": speaker},
    )  # fmt: skip
