"""Which organisations a person may see and work in: their own, those they hold a role
in, or every one for a federation role. Asked when the main window opens, so it is kept
apart from the federation's roll-up (and what that imports)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from app.errors import PermissionDenied, UserError
from app.services.accounts.centre_roles import acting_in, roles_of
from app.services.accounts.roles import Actor
from app.services.organisation.details import list_all
from app.services.organisation.info import OrganisationInfo


def visible_organisations(session: Session, actor: Actor) -> list[OrganisationInfo]:
    """The organisations ``actor`` may see: every one for a federation role, else their own
    and those they hold a role in."""
    every = list_all(session)
    if actor.role.sees_every_organisation:
        return every
    theirs = {actor.organisation_id} | {r.organisation_id for r in roles_of(session, actor.user_id)}
    return [o for o in every if o.id in theirs]


def acting_for(session: Session, actor: Actor, name: str) -> Actor:
    """``actor`` working in the organisation called ``name``: their own, one they hold a
    role in (with that role), or any centre for a federation role (or for the command line
    reading a file, which has no user)."""
    wanted = name.strip().casefold()
    found = [o for o in list_all(session) if o.name.casefold() == wanted]
    if not found:
        raise UserError(f"There is no organisation called '{name}' in this database.")
    return acting_for_id(session, actor, found[0].id)


def acting_for_id(session: Session, actor: Actor, organisation_id: int) -> Actor:
    """``actor`` working in ``organisation_id``, as ``acting_for``; PermissionDenied when
    they hold no role there."""
    if organisation_id == actor.organisation_id:
        return actor
    if actor.role.sees_every_organisation or actor.user_id is None:
        return replace(actor, organisation_id=organisation_id)
    there = acting_in(session, actor, organisation_id)
    if there is not None:
        return there
    names = {o.id: o.name for o in list_all(session)}
    raise PermissionDenied(
        f"{actor.username} has no role in {names.get(organisation_id, 'that organisation')}."
    )
