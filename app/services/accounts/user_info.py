"""A user account as the screens show it (no SQLAlchemy: the sign-in window uses it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.accounts.roles import Actor, Role


@dataclass(frozen=True)
class UserInfo:
    """A user account as the screens show it."""

    id: int
    organisation_id: int
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    last_login_at: datetime | None

    @property
    def actor(self) -> Actor:
        """This user as the actor of service calls."""
        return Actor(self.id, self.username, self.role, self.organisation_id)
