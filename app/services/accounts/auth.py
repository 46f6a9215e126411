"""Local user accounts: argon2id passwords, sign-in with growing delays, roles."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Issue, PermissionDenied, UserError
from app.models import Organisation, User, UserRole
from app.models.base import utc_now
from app.services.accounts import audit
from app.services.accounts.passwords import dummy_hash, needs_rehash, password_matches
from app.services.accounts.passwords import hash_password as hash_password  # re-exported
from app.services.accounts.roles import PERMISSIONS, Actor, Permission, Role, parse_role
from app.services.accounts.user_info import UserInfo as UserInfo  # re-exported
from app.services.common.validation import raise_if_any, required_issue

MIN_PASSWORD_LENGTH = 8
FREE_ATTEMPTS = 3
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 300


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.organisation_id,
        user.username,
        user.full_name,
        Role(user.role),
        user.active,
        user.must_change_password,
        user.last_login_at,
    )


def password_issue(field: str, password: str, username: str = "") -> Issue | None:
    """An issue if ``password`` is too weak to accept."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return Issue(field, f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    if username and password.strip().lower() == username.strip().lower():
        return Issue(field, "The password must not be the same as the user name.")
    return None


def username_issue(field: str, username: str) -> Issue | None:
    """An issue if ``username`` cannot be used."""
    issue = required_issue(field, username, "user name", max_length=60)
    if issue is None and any(ch.isspace() for ch in username.strip()):
        return Issue(field, "A user name cannot contain spaces.")
    return issue


def delay_after(failed_attempts: int) -> int:
    """Seconds to wait before the next attempt: 0, 0, 0, 5, 10, 20 ... 300."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0
    return int(min(FIRST_DELAY_SECONDS * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_DELAY_SECONDS))


def add_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    must_change_password: bool = False,
    organisation_id: int | None = None,
) -> UserInfo:
    """Create an account (administrators only)."""
    actor.require(Permission.MANAGE_USERS)
    role = parse_role(role) if isinstance(role, str) else role
    org_id = organisation_id or actor.organisation_id
    federation = actor.user_id is None or actor.role.sees_every_organisation
    if org_id != actor.organisation_id and not federation:
        raise PermissionDenied("Only a federation administrator may add users to another centre.")
    if role.sees_every_organisation and not federation:
        raise PermissionDenied(
            f"Only a federation administrator may give the role '{role.value}': it sees every "
            "centre."
        )
    raise_if_any(
        [
            username_issue("username", username),
            required_issue("full_name", full_name, "full name"),
            password_issue("password", password, username),
        ]
    )
    username = username.strip()
    taken = session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken is not None:
        raise UserError.from_issues(
            [Issue("username", f"There is already a user called '{username}'.")]
        )
    if org_id is None:
        raise UserError("Create the organisation before adding users.")
    user = User(
        organisation_id=org_id,
        username=username,
        full_name=full_name.strip(),
        role=role.value,
        password_hash=hash_password(password),
        must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "user",
        user.id,
        after={"username": user.username, "full_name": user.full_name, "role": user.role},
        organisation_id=org_id,
    )
    return _info(user)


def sign_in(
    sessions: sessionmaker[Session],
    username: str,
    password: str,
    now: datetime | None = None,
    *,
    record: bool = True,
) -> UserInfo:
    """Check a user name and password; count failures and make the caller wait.

    A failed attempt is committed (so the delay survives a restart) before
    the error is raised. With ``record`` False (a file open read-only)
    nothing is written: the password is only checked.
    """
    now = now or utc_now()
    if not record:
        with sessions() as session:
            user = session.scalars(
                select(User).where(func.lower(User.username) == username.strip().lower())
            ).first()
            matches = password_matches(user.password_hash if user else dummy_hash(), password)
            if user is None or not matches:
                raise UserError("The user name or password is wrong. Check them and try again.")
            if not user.active:
                raise UserError("This account has been switched off. Ask an administrator.")
            return _info(user)
    error: UserError | None = None
    with sessions.begin() as session:
        user = session.scalars(
            select(User).where(func.lower(User.username) == username.strip().lower())
        ).first()
        if user is not None and user.last_failed_at is not None:
            wait = delay_after(user.failed_attempts)
            ready = user.last_failed_at + timedelta(seconds=wait)
            if now < ready:
                seconds = int((ready - now).total_seconds()) + 1
                raise UserError(
                    f"Too many wrong passwords. Wait {seconds} seconds, then try again."
                )
        matches = password_matches(user.password_hash if user else dummy_hash(), password)
        if user is None or not matches:
            if user is not None:
                user.failed_attempts += 1
                user.last_failed_at = now
            audit.record(
                session,
                Actor(None, username.strip()[:60] or "?", Role.VIEWER, None),
                "sign-in failed",
                "user",
                "" if user is None else user.id,
                organisation_id=None if user is None else user.organisation_id,
            )
            error = UserError("The user name or password is wrong. Check them and try again.")
        elif not user.active:
            error = UserError("This account has been switched off. Ask an administrator.")
        else:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)  # bring old hashes to today's cost
            return record_sign_in(session, user.id, now)
    raise error


def record_sign_in(session: Session, user_id: int, now: datetime | None = None) -> UserInfo:
    """Write down a sign-in whose password matched: here in ``sign_in``, or after the
    first look checked it without SQLAlchemy (``upkeep.first_look``)."""
    user = session.get_one(User, user_id)
    user.failed_attempts = 0
    user.last_failed_at = None
    user.last_login_at = now or utc_now()
    audit.record(session, _info(user).actor, "sign in", "user", user.id)
    return _info(user)


def change_password(session: Session, actor: Actor, old: str, new: str) -> None:
    """The signed-in user changes their own password."""
    if actor.user_id is None:
        raise UserError("Sign in first.")
    user = session.get_one(User, actor.user_id)
    if not password_matches(user.password_hash, old):
        raise UserError.from_issues([Issue("old", "The current password is wrong.")])
    raise_if_any([password_issue("new", new, user.username)])
    if old == new:
        raise UserError.from_issues([Issue("new", "Choose a password you have not used here.")])
    user.password_hash = hash_password(new)
    user.must_change_password = False
    audit.record(session, actor, "change password", "user", user.id)


def _managed_user(session: Session, actor: Actor, user_id: int) -> User:
    """The account ``user_id``, if ``actor`` may manage it: one of their own centre's, or
    any for the federation's people; a federation role's account only by them."""
    user = session.get(User, user_id)
    federation = actor.user_id is None or actor.role.sees_every_organisation
    if user is None or (user.organisation_id != actor.organisation_id and not federation):
        raise UserError("That user account is not one of this organisation's.")
    if parse_role(user.role).sees_every_organisation and not federation:
        raise PermissionDenied("Only a federation administrator may manage a federation role.")
    elsewhere = session.scalars(
        select(Organisation.name)
        .join(UserRole, UserRole.organisation_id == Organisation.id)
        .where(UserRole.user_id == user.id, UserRole.organisation_id != actor.organisation_id)
        .order_by(Organisation.name)
    ).first()
    if elsewhere is not None and not federation:
        raise PermissionDenied(
            f"{user.username} also has a role in {elsewhere}: only a federation "
            "administrator may manage an account that works in more than one centre."
        )
    return user


def reset_password(session: Session, actor: Actor, user_id: int, temporary: str) -> None:
    """An administrator sets a temporary password that must be changed at sign-in."""
    actor.require(Permission.MANAGE_USERS)
    user = _managed_user(session, actor, user_id)
    raise_if_any([password_issue("password", temporary, user.username)])
    user.password_hash = hash_password(temporary)
    user.must_change_password = True
    user.failed_attempts = 0
    user.last_failed_at = None
    audit.record(session, actor, "reset password", "user", user.id)


def set_role(session: Session, actor: Actor, user_id: int, role: Role, active: bool) -> None:
    """Change a user's role or switch the account on or off."""
    actor.require(Permission.MANAGE_USERS)
    user = _managed_user(session, actor, user_id)
    if role.sees_every_organisation and not (
        actor.user_id is None or actor.role.sees_every_organisation
    ):
        raise PermissionDenied("Only a federation administrator may give a federation role.")
    before = {"role": user.role, "active": user.active}
    if user.id == actor.user_id and (
        Permission.MANAGE_USERS not in PERMISSIONS[role] or not active
    ):
        raise UserError("You cannot take away your own administrator rights.")
    user.role, user.active = role.value, active
    audit.record(
        session,
        actor,
        "update",
        "user",
        user.id,
        before=before,
        after={"role": user.role, "active": user.active},
    )


def list_users(session: Session, organisation_id: int | None = None) -> list[UserInfo]:
    """Accounts, by user name."""
    query = select(User).order_by(User.username)
    if organisation_id is not None:
        query = query.where(User.organisation_id == organisation_id)
    return [_info(user) for user in session.scalars(query)]


def get_user(session: Session, user_id: int) -> UserInfo:
    """One account."""
    return _info(session.get_one(User, user_id))


def count_users(session: Session) -> int:
    """How many accounts exist (0 means first run)."""
    return int(session.scalar(select(func.count(User.id))) or 0)
