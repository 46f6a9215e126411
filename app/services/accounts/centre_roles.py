"""Roles in several centres: one person, a role in each organisation they work for.

A user's own organisation and role are on their account. Here they are given a role in
another organisation of the same database (a treasurer who keeps two centres' books, a
secretary shared by a consortium). Working in that organisation, they act with that
role there and nowhere else. The federation's administrator gives and takes these
roles in any centre; a centre's administrator in their own centre only. A federation
role is never given this way (it already sees every centre).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied, UserError
from app.models import Organisation, User, UserRole
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission, Role, parse_role


@dataclass(frozen=True)
class CentreRole:
    """A role a user holds in an organisation besides their own."""

    organisation_id: int
    organisation: str
    role: Role


def roles_of(session: Session, user_id: int | None) -> list[CentreRole]:
    """The roles ``user_id`` holds besides their own, by organisation name."""
    if user_id is None:
        return []
    rows = session.execute(
        select(UserRole.organisation_id, Organisation.name, UserRole.role)
        .join(Organisation, Organisation.id == UserRole.organisation_id)
        .where(UserRole.user_id == user_id)
        .order_by(Organisation.name)
    )
    return [CentreRole(org_id, name, Role(role)) for org_id, name, role in rows]


def acting_in(session: Session, actor: Actor, organisation_id: int) -> Actor | None:
    """``actor`` working in ``organisation_id`` with the role they hold there, or None."""
    if organisation_id == actor.organisation_id:
        return actor
    for held in roles_of(session, actor.user_id):
        if held.organisation_id == organisation_id:
            return replace(actor, organisation_id=organisation_id, role=held.role)
    return None


def _checked(
    session: Session, actor: Actor, username: str, organisation_id: int
) -> tuple[User, Organisation]:
    actor.require(Permission.MANAGE_USERS)
    anywhere = actor.user_id is None or actor.role.sees_every_organisation  # or the program
    if not (anywhere or actor.organisation_id == organisation_id):
        raise PermissionDenied(
            "A centre's administrator gives roles in their own centre only; the federation's "
            "administrator in any."
        )
    user = session.scalars(select(User).where(User.username == username.strip())).first()
    if user is None:
        raise UserError(f"There is no user called '{username}'.")
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise UserError("There is no such organisation in this database.")
    if user.organisation_id == organisation_id:
        raise UserError(
            f"{org.name} is {user.username}'s own organisation: change their role there instead."
        )
    return user, org


def grant(
    session: Session, actor: Actor, username: str, organisation_id: int, role: Role | str
) -> CentreRole:
    """Give ``username`` ``role`` in ``organisation_id`` (or change the one they have)."""
    wanted = role if isinstance(role, Role) else parse_role(role)
    if wanted.sees_every_organisation:
        raise UserError(
            f"A {wanted.value} sees every centre already: give it as the account's own role."
        )
    user, org = _checked(session, actor, username, organisation_id)
    if not user.active:
        raise UserError(f"{user.username}'s account is switched off: switch it on first.")
    row = session.scalars(
        select(UserRole).where(
            UserRole.user_id == user.id, UserRole.organisation_id == organisation_id
        )
    ).first()
    before = {"role": row.role} if row is not None else None
    if row is None:
        row = UserRole(user_id=user.id, organisation_id=organisation_id)
    row.role, row.granted_by = wanted.value, actor.username
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "grant role", "user", user.id, organisation_id=organisation_id,
        before=before, after={"user": user.username, "organisation": org.name,
                              "role": wanted.value},
    )  # fmt: skip
    return CentreRole(organisation_id, org.name, wanted)


def revoke(session: Session, actor: Actor, username: str, organisation_id: int) -> None:
    """Take away the role ``username`` holds in ``organisation_id``."""
    user, org = _checked(session, actor, username, organisation_id)
    row = session.scalars(
        select(UserRole).where(
            UserRole.user_id == user.id, UserRole.organisation_id == organisation_id
        )
    ).first()
    if row is None:
        raise UserError(f"{user.username} holds no role in {org.name}.")
    session.delete(row)
    session.flush()
    audit.record(
        session, actor, "revoke role", "user", user.id, organisation_id=organisation_id,
        before={"user": user.username, "organisation": org.name, "role": row.role},
    )  # fmt: skip
