"""Defence in depth: connected to the server as a centre's own database role, even
hand-written SQL sees that centre's rows only, in every table, and cannot change
another centre's."""

from __future__ import annotations

from typing import Any

import psycopg
from sqlalchemy import func, select

from app.models import Member, MembershipPeriod, load_all
from app.services.demo import create_demo
from app.storage.database import open_server
from app.storage.row_security import centre_role


def test_a_centres_role_sees_its_own_rows_only(pg_server: Any) -> None:
    address = pg_server.database()
    db = open_server(address)
    try:
        for centre in range(2):
            with db.sessions.begin() as session:
                create_demo(session, members=10 + 4 * centre, seed=5, finance=True,
                            centre=centre)  # fmt: skip
        with db.sessions() as session:  # the program (the owner) sees every row
            assert session.scalar(select(func.count()).select_from(Member)) == 24
            everyone = session.scalar(select(func.count()).select_from(MembershipPeriod))
        centre_role(db.engine, "centre_millmead", "it's 100% :mine", [2])
        try:  # the server's own logins are not a centre's to take over
            centre_role(db.engine, "postgres", "taken over", [1, 2])
        except ValueError as refused:
            assert "not a centre's" in str(refused)
        else:
            raise AssertionError("postgres was made a centre's role")
    finally:
        db.close()
    with psycopg.connect(address, user="centre_millmead", password="it's 100% :mine") as conn:
        assert conn.execute("SELECT DISTINCT organisation_id FROM members").fetchall() == [(2,)]
        assert conn.execute("SELECT count(*) FROM members").fetchone() == (14,)
        assert conn.execute("SELECT id FROM organisations").fetchall() == [(2,)]
        periods = conn.execute("SELECT count(*) FROM membership_periods").fetchone()
        assert periods is not None and 0 < periods[0] < everyone
        for table in load_all().metadata.sorted_tables:  # every table: nothing of centre 1
            if "organisation_id" in table.c:
                found = conn.execute(
                    f'SELECT count(*) FROM "{table.name}" WHERE organisation_id = 1'
                ).fetchone()
                assert found == (0,), table.name
        assert conn.execute("SELECT count(*) FROM centre_returns").fetchone() == (0,)
        for change in ("UPDATE members SET notes = 'x'",  # it reads; the program writes
                       "UPDATE users SET role = 'federation administrator'",
                       "DELETE FROM audit_log", "SELECT password_hash FROM users"):  # fmt: skip
            try:
                conn.execute(change)
            except psycopg.errors.InsufficientPrivilege:
                conn.rollback()
            else:
                raise AssertionError(f"a centre's role may run {change}")
        # nothing the role may set or write widens what it sees
        conn.execute("SET mutualdesk.organisations = '1,2'")
        assert conn.execute("SELECT id FROM organisations").fetchall() == [(2,)]
        for forbidden in ("SELECT * FROM mutualdesk_private.centre_roles",
                          "UPDATE alembic_version SET version_num = 'x'"):  # fmt: skip
            try:
                conn.execute(forbidden)
            except psycopg.errors.InsufficientPrivilege:
                conn.rollback()
            else:
                raise AssertionError(f"a centre's role may run {forbidden}")


def test_the_federation_makes_a_centres_role_from_the_command_line(
    mutualdesk: Any, pg_server: Any
) -> None:
    address = pg_server.database()
    made = mutualdesk("demo", "--db", address, "--centres", "3", "--members", "8")
    assert made.returncode == 0, made.stderr
    env = {"MUTUALDESK_PASSWORD": "mutualdesk", "MUTUALDESK_NEW_PASSWORD": "a long passphrase"}
    refused = mutualdesk(
        "federation", "role", "--name", "centre_north", "--db", address,
        "--organisation", "Northfield Tenants' Co-operative", "--user", "admin", env=env,
    )  # fmt: skip
    assert refused.returncode != 0 and "federation administrator" in refused.stderr
    done = mutualdesk(
        "federation", "role", "--name", "centre_north", "--db", address,
        "--organisation", "Northfield Tenants' Co-operative", "--user", "federation", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with psycopg.connect(address.replace("//postgres@", "//centre_north@")) as conn:
        assert conn.execute("SELECT name FROM organisations").fetchall() == [
            ("Northfield Tenants' Co-operative",)
        ]
