"""The same program on a PostgreSQL server: the migrations build exactly the models, a
demo federation of three centres is made on an empty database, and each centre's
people see their own centre."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli.conftest import Run


def test_the_migrations_build_exactly_the_models_on_postgresql(pg_server: Any) -> None:
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.models import load_all
    from app.storage import server
    from app.storage.database import open_server
    from app.storage.revisions import SCHEMA_HEAD

    address = pg_server.database()
    db = open_server(address)  # an empty database: the migrations run first
    try:
        assert server.revision(db.engine) == SCHEMA_HEAD
        with db.engine.connect() as connection:
            assert (
                compare_metadata(MigrationContext.configure(connection), load_all().metadata) == []
            )
            assert connection.execute(sa.text("SELECT count(*) FROM organisations")).scalar() == 0
    finally:
        db.close()


def test_a_demo_federation_of_three_centres(mutualdesk: Run, pg_server: Any) -> None:
    address = pg_server.database()
    done = mutualdesk("demo", "--db", address, "--centres", "3", "--members", "25")
    assert done.returncode == 0, done.stderr
    assert "demo federation of 3 centres" in done.stdout
    assert "millmead-admin" in done.stdout
    listed = mutualdesk(
        "list", "organisations", "--db", address, "--json", "--user", "federation",
        env={"MUTUALDESK_PASSWORD": "mutualdesk"},
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    names = [o["name"] for o in json.loads(listed.stdout)]
    assert names == [
        "Riverside Tenant Management Organisation",
        "Millmead Children's Centre",
        "Northfield Tenants' Co-operative",
        "South London Federation of Mutuals",  # the federation itself, beside its centres
    ]
    again = mutualdesk("demo", "--db", address)
    assert again.returncode != 0 and "already holds organisations" in again.stderr


def test_a_centres_user_sees_only_their_centre(pg_server: Any) -> None:
    """Signed in as Millmead's administrator, the member list and the share ledger hold
    Millmead's members only."""
    from sqlalchemy import func, select

    from app.models import Member
    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD, create_demo
    from app.services.membership import member_page, member_query, shares
    from app.storage.database import open_server

    db = open_server(pg_server.database())
    try:
        for centre in range(3):
            with db.sessions.begin() as session:
                create_demo(session, members=20, seed=3 + centre, board=False, centre=centre)
        user = auth.sign_in(db.sessions, "millmead-admin", DEMO_PASSWORD)
        org = user.organisation_id
        assert org is not None
        with db.sessions() as session:
            ids = member_query.member_ids(session, org, member_page.PageFilter())
            owners = {session.get_one(Member, i).organisation_id for i in ids}
            ledger = shares.ledger(session, org)
            others = session.scalar(select(func.count()).select_from(Member)) or 0
        assert len(ids) == 20 and owners == {org} and others == 60
        assert ledger and {line.member_id for line in ledger} <= set(ids)
    finally:
        db.close()


@pytest.mark.parametrize("wrong", ["postgresql://nobody@127.0.0.1:1/none"])
def test_a_server_that_cannot_be_reached_is_said_plainly(mutualdesk: Run, wrong: str) -> None:
    done = mutualdesk("list", "organisations", "--db", wrong, "--json")
    assert done.returncode != 0
    assert "could not be reached" in done.stderr and "Check the address" in done.stderr


def test_organisation_chooses_the_centre_for_those_who_may_work_in_it(
    mutualdesk: Run, tmp_path: Any
) -> None:
    """`--organisation NAME`: the federation's office reports on any centre; a centre's
    own people on theirs only (here on a file holding a federation)."""
    db = str(tmp_path / "federation.sqlite")
    assert mutualdesk("demo", "--db", db, "--centres", "2", "--members", "9").returncode == 0
    env = {"MUTUALDESK_PASSWORD": "mutualdesk"}
    millmead = "Millmead Children's Centre"
    listed = mutualdesk(
        "list", "members", "--db", db, "--json", "--user", "federation",
        "--organisation", millmead, env=env,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert {m["organisation_id"] for m in json.loads(listed.stdout)} == {2}
    out = tmp_path / "list.pdf"
    refused = mutualdesk(
        "report", "member-list", "--db", db, "--out", str(out), "--user", "millmead-admin",
        "--organisation", "Riverside Tenant Management Organisation", env=env,
    )  # fmt: skip
    assert refused.returncode != 0 and "has no role in Riverside" in refused.stderr
    assert not out.exists()


def test_a_database_the_server_does_not_have_is_named(mutualdesk: Run, pg_server: Any) -> None:
    """A mistyped database name is said as that, not as a server out of reach."""
    wrong = pg_server.database().rsplit("/", 1)[0] + "/no_such_federation"
    done = mutualdesk("list", "organisations", "--db", wrong, "--json")
    assert done.returncode != 0
    assert "has no database called 'no_such_federation'" in done.stderr
    assert "could not be reached" not in done.stderr
