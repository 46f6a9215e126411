"""Roles, permissions and the acting person, checked inside every service."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.errors import PermissionDenied, UserError


class Permission(Enum):
    """Things a role may be allowed to do."""

    MANAGE_USERS = "manage users"
    MANAGE_ORGANISATION = "change the organisation's settings"
    BACKUP_RESTORE = "back up and restore"
    EDIT_MEMBERS = "change the register of members"
    EDIT_MEETINGS = "change meetings and minutes"
    EDIT_FINANCE = "change budgets and accounts"
    RUN_ELECTIONS = "run elections"
    VIEW_AUDIT = "read the audit trail"
    EDIT_PERFORMANCE = "record performance, reach, projects and surveys"


class Role(Enum):
    """A user's role; its label is what the screen shows."""

    ADMINISTRATOR = "administrator"
    SECRETARY = "secretary"
    MEMBERSHIP_OFFICER = "membership officer"
    TREASURER = "treasurer"
    RETURNING_OFFICER = "returning officer"
    VIEWER = "viewer"
    # A federation's own people: they see every centre in the database (the roll-up),
    # and act in their home organisation as the role without the prefix would.
    FEDERATION_ADMINISTRATOR = "federation administrator"
    FEDERATION_TREASURER = "federation treasurer"
    FEDERATION_VIEWER = "federation viewer"

    @property
    def label(self) -> str:
        """'Membership officer'."""
        return self.value.capitalize()

    @property
    def sees_every_organisation(self) -> bool:
        """True for a federation role: its figures cover every centre."""
        return self.value.startswith("federation ")


_ALL = frozenset(Permission)
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: _ALL,
    Role.SECRETARY: frozenset(
        {
            Permission.EDIT_MEMBERS,
            Permission.EDIT_MEETINGS,
            Permission.VIEW_AUDIT,
            Permission.BACKUP_RESTORE,
            Permission.EDIT_PERFORMANCE,
        }
    ),
    Role.MEMBERSHIP_OFFICER: frozenset({Permission.EDIT_MEMBERS}),
    Role.TREASURER: frozenset({Permission.EDIT_FINANCE, Permission.VIEW_AUDIT}),
    Role.RETURNING_OFFICER: frozenset({Permission.RUN_ELECTIONS}),
    Role.VIEWER: frozenset(),
    Role.FEDERATION_ADMINISTRATOR: _ALL,
    Role.FEDERATION_TREASURER: frozenset({Permission.EDIT_FINANCE, Permission.VIEW_AUDIT}),
    Role.FEDERATION_VIEWER: frozenset(),
}


def parse_role(text: str) -> Role:
    """'treasurer' or 'Treasurer' -> Role.TREASURER."""
    wanted = text.strip().lower().replace("_", " ").replace("-", " ")
    for role in Role:
        if role.value == wanted:
            return role

    names = ", ".join(r.value for r in Role)
    raise UserError(f"'{text}' is not a role. Choose one of: {names}.")


@dataclass(frozen=True)
class Actor:
    """Who is doing something: passed to every service that changes data."""

    user_id: int | None
    username: str
    role: Role
    organisation_id: int | None

    def can(self, permission: Permission) -> bool:
        """True if this person's role allows ``permission``."""
        return permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless the role allows ``permission``."""
        if not self.can(permission):
            raise PermissionDenied(
                f"Your account ({self.username}, {self.role.value}) may not "
                f"{permission.value}. Ask an administrator."
            )


SYSTEM = Actor(None, "system", Role.ADMINISTRATOR, None)
