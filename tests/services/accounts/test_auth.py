"""Accounts: argon2id, sign-in with growing delays, roles enforced in services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models import User
from app.models.base import utc_now
from app.services.accounts import auth
from app.services.accounts.roles import Role
from app.services.demo import DEMO_PASSWORD


def test_password_is_stored_as_argon2id(demo: object) -> None:
    """Nobody reading the file can see a password: only an argon2id hash is stored."""
    with demo.sessions() as session:  # type: ignore[attr-defined]
        stored = session.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored is not None and stored.startswith("$argon2id$")
    assert DEMO_PASSWORD not in stored


def test_sign_in_and_wrong_password(demo: object) -> None:
    """The right password signs in; a wrong one gets a plain message."""
    user = auth.sign_in(demo.sessions, "Admin", DEMO_PASSWORD)  # type: ignore[attr-defined]
    assert user.role is Role.ADMINISTRATOR
    with pytest.raises(UserError, match="user name or password is wrong"):
        auth.sign_in(demo.sessions, "admin", "nope")  # type: ignore[attr-defined]
    with pytest.raises(UserError, match="user name or password is wrong"):
        auth.sign_in(demo.sessions, "nobody", "nope")  # type: ignore[attr-defined]


def test_delays_grow_after_failed_attempts(demo: object) -> None:
    """After three wrong passwords the next try must wait, longer each time, even if right."""
    assert [auth.delay_after(n) for n in range(0, 8)] == [0, 0, 0, 5, 10, 20, 40, 80]
    assert auth.delay_after(30) == 300
    sessions = demo.sessions  # type: ignore[attr-defined]
    now = utc_now()
    for _ in range(3):
        with pytest.raises(UserError, match="wrong"):
            auth.sign_in(sessions, "admin", "bad password", now=now)
    with pytest.raises(UserError, match="Wait 6 seconds"):
        auth.sign_in(sessions, "admin", DEMO_PASSWORD, now=now)
    later = now + timedelta(seconds=6)
    assert auth.sign_in(sessions, "admin", DEMO_PASSWORD, now=later).username == "admin"


def test_viewer_cannot_add_users(demo: object) -> None:
    """A viewer is refused by the service itself, whatever screen or command asks."""
    viewer = auth.sign_in(demo.sessions, "viewer", DEMO_PASSWORD)  # type: ignore[attr-defined]
    with (
        demo.sessions.begin() as session,
        pytest.raises(  # type: ignore[attr-defined]
            PermissionDenied, match="may not manage users"
        ),
    ):
        auth.add_user(
            session,
            viewer.actor,
            username="x",
            full_name="X",
            role="viewer",
            password="long enough",
        )


def test_new_user_checks(demo: object) -> None:
    """Short passwords, blank names and duplicate user names are refused field by field."""
    admin = auth.sign_in(demo.sessions, "admin", DEMO_PASSWORD)  # type: ignore[attr-defined]
    with demo.sessions.begin() as session:  # type: ignore[attr-defined]
        with pytest.raises(UserError) as caught:
            auth.add_user(
                session,
                admin.actor,
                username="newbie",
                full_name=" ",
                role="viewer",
                password="short",
            )
        assert caught.value.issue_for("full_name") == "Enter the full name."
        assert caught.value.issue_for("password") == "Choose a password of at least 8 characters."
        with pytest.raises(UserError) as caught:
            auth.add_user(
                session,
                admin.actor,
                username="Secretary",
                full_name="Sam",
                role="viewer",
                password="long enough",
            )
        assert caught.value.issue_for("username") == "There is already a user called 'Secretary'."


def test_reset_password_forces_a_change(demo: object) -> None:
    """After an administrator resets a password, the user must choose a new one."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    admin = auth.sign_in(sessions, "admin", DEMO_PASSWORD)
    with sessions.begin() as session:
        target = next(u for u in auth.list_users(session) if u.username == "treasurer")
        auth.reset_password(session, admin.actor, target.id, "temporary-1")
    user = auth.sign_in(sessions, "treasurer", "temporary-1")
    assert user.must_change_password
    with sessions.begin() as session:
        auth.change_password(session, user.actor, "temporary-1", "my own secret")
    assert not auth.sign_in(sessions, "treasurer", "my own secret").must_change_password


def test_switched_off_account_cannot_sign_in(demo: object) -> None:
    """An account an administrator switched off is refused with a reason."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    admin = auth.sign_in(sessions, "admin", DEMO_PASSWORD)
    with sessions.begin() as session:
        target = next(u for u in auth.list_users(session) if u.username == "viewer")
        auth.set_role(session, admin.actor, target.id, Role.VIEWER, active=False)
    with pytest.raises(UserError, match="switched off"):
        auth.sign_in(sessions, "viewer", DEMO_PASSWORD)
