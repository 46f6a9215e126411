"""Roles in several centres: a person given a role in a second centre works there with
that role only; a centre's administrator gives roles in their own centre only; taken
away, the role is gone. On a file and on a server."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models import User
from app.services.accounts import auth, centre_roles
from app.services.accounts.roles import Permission, Role
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD, add_federation_user, create_demo
from app.services.federation import acting_for, rollup, visible_organisations

MILLMEAD = "Millmead Children's Centre"


@pytest.fixture
def two(either: Any) -> Any:
    """The `either` demo (Riverside) and Millmead beside it, with the federation's office."""
    with either.sessions.begin() as session:
        create_demo(session, members=9, seed=7, board=False, centre=1)
        add_federation_user(session, 1)
    return either


def _signed(db: Any, name: str) -> Any:
    return auth.sign_in(db.sessions, name, DEMO_PASSWORD).actor


def test_a_role_in_a_second_centre_is_that_role_there_only(two: Any) -> None:
    treasurer = _signed(two, "treasurer")
    with two.sessions() as session, pytest.raises(PermissionDenied, match="no role in Millmead"):
        acting_for(session, treasurer, MILLMEAD)
    with two.sessions.begin() as session:  # Millmead's administrator, in Millmead
        held = centre_roles.grant(session, _signed(two, "millmead-admin"), "treasurer", 2,
                                  "viewer")  # fmt: skip
    assert (held.organisation, held.role) == (MILLMEAD, Role.VIEWER)
    with two.sessions() as session:
        there = acting_for(session, treasurer, MILLMEAD)
        seen = [o.name for o in visible_organisations(session, treasurer)]
        figures = rollup(session, treasurer, datetime(2026, 12, 1), ReportOptions(year=2025))
    assert (there.organisation_id, there.role) == (2, Role.VIEWER)
    assert not there.can(Permission.EDIT_FINANCE) and treasurer.can(Permission.EDIT_FINANCE)
    assert seen == ["Riverside Tenant Management Organisation", MILLMEAD]
    assert len(figures.centres) == 2
    with two.sessions.begin() as session:
        centre_roles.revoke(session, _signed(two, "federation"), "treasurer", 2)
    with two.sessions() as session, pytest.raises(PermissionDenied):
        acting_for(session, treasurer, MILLMEAD)


def test_who_may_give_a_role_and_which(two: Any) -> None:
    with two.sessions.begin() as session, pytest.raises(PermissionDenied, match="own centre"):
        centre_roles.grant(session, _signed(two, "admin"), "treasurer", 2, "viewer")
    with two.sessions.begin() as session, pytest.raises(PermissionDenied):
        centre_roles.grant(session, _signed(two, "millmead-viewer"), "treasurer", 2, "viewer")
    office = _signed(two, "federation")
    with two.sessions.begin() as session, pytest.raises(UserError, match="sees every centre"):
        centre_roles.grant(session, office, "treasurer", 2, "federation viewer")
    with two.sessions.begin() as session, pytest.raises(UserError, match="own organisation"):
        centre_roles.grant(session, office, "treasurer", 1, "viewer")
    with two.sessions.begin() as session, pytest.raises(UserError, match="no user called"):
        centre_roles.grant(session, office, "nobody", 2, "viewer")


def test_the_command_line_gives_a_role_and_the_centre_is_read_with_it(
    mutualdesk: Any, tmp_path: Any
) -> None:
    from app.storage.database import open_database

    path = tmp_path / "two.sqlite"
    db = open_database(path, daily_backup=False)
    for centre in range(2):
        with db.sessions.begin() as session:
            create_demo(session, members=8 + centre, seed=3, board=False, centre=centre)
    db.close(backup=False)
    env = {"MUTUALDESK_PASSWORD": "mutualdesk"}
    refused = mutualdesk("user", "grant", "secretary", "--organisation", MILLMEAD, "--role",
                         "viewer", "--db", str(path), "--user", "admin", env=env)  # fmt: skip
    assert refused.returncode != 0 and "own centre" in refused.stderr
    done = mutualdesk("user", "grant", "secretary", "--organisation", MILLMEAD, "--role",
                      "viewer", "--db", str(path), "--user", "millmead-admin", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "secretary is now viewer in Millmead" in done.stdout
    listed = mutualdesk("list", "members", "--db", str(path), "--json", "--user", "secretary",
                        "--organisation", MILLMEAD, env=env)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    import json

    assert len(json.loads(listed.stdout)) == 9


def test_an_account_with_a_role_in_another_centre_is_managed_by_the_federation(two: Any) -> None:
    """Riverside's administrator cannot reset the password of (and so become) a Riverside
    user who is an administrator at Millmead, nor switch them off; the federation can."""
    with two.sessions.begin() as session:
        centre_roles.grant(session, _signed(two, "millmead-admin"), "treasurer", 2,
                           "administrator")  # fmt: skip
    admin = _signed(two, "admin")
    with two.sessions() as session:
        treasurer = session.scalars(select(User).where(User.username == "treasurer")).one()
    with two.sessions.begin() as session, pytest.raises(PermissionDenied, match="also has a role"):
        auth.reset_password(session, admin, treasurer.id, "Taken-over-pass-123")
    with two.sessions.begin() as session, pytest.raises(PermissionDenied, match="in Millmead"):
        auth.set_role(session, admin, treasurer.id, Role.TREASURER, False)
    with two.sessions.begin() as session:
        auth.reset_password(session, _signed(two, "federation"), treasurer.id, "A-new-pass-4567")
