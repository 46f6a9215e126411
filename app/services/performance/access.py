"""Who may record the organisation's measures: the one check every measure's service
makes before it writes."""

from __future__ import annotations

from app.errors import UserError
from app.services.accounts.roles import Actor, Permission


def recorder_org(actor: Actor) -> int:
    """The organisation ``actor`` records measures for (they need the permission)."""
    actor.require(Permission.EDIT_PERFORMANCE)
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    return actor.organisation_id
