"""Row-level security on a PostgreSQL server: defence in depth for a federation.

The program connects as the database's owner and keeps each centre to its own rows in
its services. Should anyone connect as a centre's own database role instead (a report
tool, hand-written SQL), the server itself shows them their centre's rows only: every
table with an ``organisation_id`` is limited to the organisations the owner listed for
that role, and every other table to the rows whose parent row they may see (the
parent's own policy applies inside the subquery). A federation's returns are the
federation's only. The owner is not limited (PostgreSQL's owners pass).

A centre's role reads; it does not write (changes go through the program, which keeps
the audit trail), and it cannot read the users' password hashes.

Which organisations a role sees is kept where the role cannot reach: a table in a
schema of the owner's (``mutualdesk_private``), read by a function that runs as the
owner and looks up the login (``session_user``), so nothing a centre's role can SET or
write widens what it sees. Centre roles are granted the program's own tables only,
never the migrations' bookkeeping.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, Table, text

from app.models import load_all

PRIVATE = "mutualdesk_private"
FEDERATION_ONLY = frozenset({"centre_returns"})
SECRET_COLUMNS = frozenset({"password_hash"})
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
# once per statement, not per row; every name qualified, so that nothing a role could
# create in a schema on the search path stands in for them
SEEN = "(SELECT pg_catalog.unnest(public.mutualdesk_organisations()))"


def _rule(table: Table) -> str:
    """The condition a centre's role sees a row of ``table`` under."""
    if table.name in FEDERATION_ONLY:
        return "false"
    if table.name == "organisations":
        return f"id IN {SEEN}"
    if "organisation_id" in table.c:
        return f"organisation_id IN {SEEN}"
    parents = [
        f'"{fk.parent.name}" IN (SELECT id FROM "{fk.column.table.name}")'
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if not fk.parent.nullable and fk.column.name == "id"
    ]
    return parents[0] if parents else "false"


def _private(connection: Connection) -> None:
    """The owner's own table of centre roles, and the function that reads it."""
    connection.execute(text("SET LOCAL search_path = pg_catalog, public"))
    # Before PostgreSQL 15 anyone could create objects in public: functions there could
    # stand in for the ones the policies and the program call.
    connection.execute(
        text(
            "DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
            "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$"
        )
    )
    connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE}"))
    connection.execute(text(f"REVOKE ALL ON SCHEMA {PRIVATE} FROM PUBLIC"))
    connection.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {PRIVATE}.centre_roles ("
            "role_name text PRIMARY KEY, organisation_ids int[] NOT NULL)"
        )
    )
    connection.execute(
        text(
            "CREATE OR REPLACE FUNCTION public.mutualdesk_organisations() RETURNS int[] "
            "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$ "
            f"SELECT coalesce((SELECT organisation_ids FROM {PRIVATE}.centre_roles "
            "WHERE role_name = session_user), '{}'::int[]) $$"
        )
    )


def protect(engine: Engine) -> int:
    """Put the policies in place (again, after an upgrade); how many tables they cover."""
    tables = [t for t in load_all().metadata.sorted_tables]
    with engine.begin() as connection:
        _private(connection)
        for table in tables:
            name = table.name
            connection.execute(text(f'ALTER TABLE "{name}" ENABLE ROW LEVEL SECURITY'))
            connection.execute(text(f'DROP POLICY IF EXISTS centre_rows ON "{name}"'))
            rule = _rule(table)
            connection.execute(
                text(f'CREATE POLICY centre_rows ON "{name}" USING ({rule}) WITH CHECK ({rule})')
            )
        for (role,) in connection.execute(text(f"SELECT role_name FROM {PRIVATE}.centre_roles")):
            _grant(connection, role)  # tables added by an upgrade too
    return len(tables)


def _grant(connection: Connection, role: str) -> None:
    """Reading the program's own tables, to a centre's role; nothing else. Changes go
    through the program (which keeps the audit trail and the rules); the users' password
    hashes are not for reading."""
    for table in load_all().metadata.sorted_tables:
        connection.execute(text(f'REVOKE ALL ON "{table.name}" FROM "{role}"'))
        if table.name == "users":
            columns = ", ".join(f'"{c.name}"' for c in table.c if c.name not in SECRET_COLUMNS)
            connection.execute(text(f'GRANT SELECT ({columns}) ON "users" TO "{role}"'))
        else:
            connection.execute(text(f'GRANT SELECT ON "{table.name}" TO "{role}"'))


def centre_roles(engine: Engine) -> dict[str, list[int]]:
    """The centre roles made so far, with the organisations each sees."""
    with engine.begin() as connection:
        _private(connection)
        rows = connection.execute(
            text(f"SELECT role_name, organisation_ids FROM {PRIVATE}.centre_roles")
        )
        return {name: list(ids) for name, ids in rows}


def centre_role(engine: Engine, role: str, password: str, organisation_ids: list[int]) -> None:
    """A database login for a centre's own use, seeing ``organisation_ids`` only.

    A role of that name that MutualDesk did not make (``postgres``, an office's own
    login) is refused, never changed."""
    if not ROLE_NAME.match(role):
        raise ValueError(f"'{role}': a role name is lower-case letters, digits and _.")
    ids = [int(i) for i in organisation_ids]
    with engine.begin() as connection:
        _private(connection)
        ours = connection.execute(
            text(f"SELECT 1 FROM {PRIVATE}.centre_roles WHERE role_name = :r"), {"r": role}
        ).first()
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        if exists and not ours:
            raise ValueError(
                f"The server already has a role called {role} that is not a centre's: "
                "choose another name."
            )
        verb = "ALTER" if exists else "CREATE"
        statement = connection.execute(  # the server quotes the password itself
            text(f"SELECT format('{verb} ROLE %I LOGIN NOSUPERUSER NOCREATEROLE "
                 "NOCREATEDB NOBYPASSRLS PASSWORD %L', CAST(:r AS text), CAST(:p AS text))"),
            {"r": role, "p": password},
        ).scalar_one()  # fmt: skip
        connection.exec_driver_sql(statement.replace("%", "%%"))
        connection.execute(
            text(
                f"INSERT INTO {PRIVATE}.centre_roles (role_name, organisation_ids) "
                "VALUES (:r, :ids) ON CONFLICT (role_name) "
                "DO UPDATE SET organisation_ids = excluded.organisation_ids"
            ),
            {"r": role, "ids": ids},
        )
        database = connection.execute(text("SELECT current_database()")).scalar()
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(
            text(f'GRANT EXECUTE ON FUNCTION public.mutualdesk_organisations() TO "{role}"')
        )
        _grant(connection, role)
