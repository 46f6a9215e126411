"""Row-level security on a PostgreSQL server: defence in depth for a federation.

The program connects as the database's owner and keeps each centre to its own rows in
its services. Should anyone connect as a centre's own database role instead (a report
tool, hand-written SQL), the server itself shows them their centre's rows only: every
table with an ``organisation_id`` is limited to the organisations named in the role's
``mutualdesk.organisations`` setting, and every other table to the rows whose parent
row they may see (the parent's own policy applies inside the subquery). A federation's
returns are the federation's only. The owner is not limited (PostgreSQL's owners pass).
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, Table, text

from app.models import load_all

SETTING = "mutualdesk.organisations"
FEDERATION_ONLY = frozenset({"centre_returns"})
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def _rule(table: Table) -> str:
    """The condition a centre's role sees a row of ``table`` under."""
    if table.name in FEDERATION_ONLY:
        return "false"
    if table.name == "organisations":
        return "id = ANY (mutualdesk_organisations())"
    if "organisation_id" in table.c:
        return "organisation_id = ANY (mutualdesk_organisations())"
    parents = [
        f'"{fk.parent.name}" IN (SELECT id FROM "{fk.column.table.name}")'
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if not fk.parent.nullable and fk.column.name == "id"
    ]
    return parents[0] if parents else "false"


def protect(engine: Engine) -> int:
    """Put the policies in place (again, after an upgrade); how many tables they cover."""
    tables = [t for t in load_all().metadata.sorted_tables]
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE OR REPLACE FUNCTION mutualdesk_organisations() RETURNS int[] "
                "LANGUAGE sql STABLE AS $$ SELECT string_to_array(nullif(current_setting("
                f"'{SETTING}', true), ''), ',')::int[] $$"
            )
        )
        for table in tables:
            name = table.name
            connection.execute(text(f'ALTER TABLE "{name}" ENABLE ROW LEVEL SECURITY'))
            connection.execute(text(f'DROP POLICY IF EXISTS centre_rows ON "{name}"'))
            rule = _rule(table)
            connection.execute(
                text(f'CREATE POLICY centre_rows ON "{name}" USING ({rule}) WITH CHECK ({rule})')
            )
    return len(tables)


def centre_role(engine: Engine, role: str, password: str, organisation_ids: list[int]) -> None:
    """A database login for a centre's own use, seeing ``organisation_ids`` only."""
    if not ROLE_NAME.match(role):
        raise ValueError(f"'{role}': a role name is lower-case letters, digits and _.")
    ids = ",".join(str(int(i)) for i in organisation_ids)
    with engine.begin() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        verb = "ALTER" if exists else "CREATE"
        quoted = password.replace("'", "''")
        connection.execute(text(f"{verb} ROLE {role} LOGIN PASSWORD '{quoted}'"))
        database = connection.execute(text("SELECT current_database()")).scalar()
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
        connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        connection.execute(
            text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}")
        )
        connection.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}"))
        connection.execute(
            text(f"ALTER ROLE {role} IN DATABASE \"{database}\" SET {SETTING} = '{ids}'")
        )
