"""Opening a database on a PostgreSQL server (a federation's office): the address, the
password, the schema brought up to date, the engine and sessions.

An address is ``postgresql://user@host[:port]/dbname``; libpq finds the password in
``PGPASSWORD`` or ``~/.pgpass``, and otherwise the caller asks for it. The same Alembic
migrations build and upgrade the server's schema as a file's. There is no lock file
(the server keeps many users apart) and no anchor (the server's own logs and backups
are the evidence outside the database); what the program keeps beside a file (backups,
scans of receipts) is kept in a folder of the user's data folder named for the server.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.errors import EnvironmentProblem, NewerDatabase
from app.storage.revisions import KNOWN_REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from sqlalchemy import Engine


def driver_url(address: str, password: str | None = None) -> str:
    """The SQLAlchemy URL for ``address`` (psycopg 3), with the password if one was given."""
    from sqlalchemy.engine import make_url

    rest = address.split("://", 1)[1]
    url = make_url(f"postgresql+psycopg://{rest}")
    if password is not None:
        url = url.set(password=password)
    return url.render_as_string(hide_password=False)


def shown(address: str) -> str:
    """The address without any password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", address)


def stand_in(address: str) -> Path:
    """Where what the program keeps beside a file is kept for this server's database:
    a name in the data folder, never a file itself."""
    tag = hashlib.sha256(shown(address).encode("utf-8")).hexdigest()[:8]
    name = re.sub(r"[^A-Za-z0-9]+", "-", shown(address).split("://", 1)[1]).strip("-")
    folder = paths.data_dir() / "servers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name[:60]}-{tag}.server"


def revision(engine: Engine) -> str | None:
    """The schema revision on the server (None for an empty database)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def connect_problem(address: str, error: Exception) -> EnvironmentProblem:
    """A plain message for a server that cannot be reached or refuses us."""
    text = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error) else ""
    if "password" in text.lower():
        return PasswordNeeded(
            f"The server at {shown(address)} wants a password: give it when asked, or set "
            "PGPASSWORD, or put it in ~/.pgpass."
        )
    missing = re.search(r'database "(.+)" does not exist', text)
    if missing:
        return EnvironmentProblem(
            f"The server at {shown(address)} has no database called '{missing.group(1)}'. "
            "Check the name, or ask whoever looks after the server to create it "
            f"(createdb -O OWNER {missing.group(1)}); MutualDesk then sets it up."
        )
    return EnvironmentProblem(
        f"The database server at {shown(address)} could not be reached ({text}). Check the "
        "address, that the server is running, and that this PC may connect to it."
    )


class PasswordNeeded(EnvironmentProblem):
    """The server asked for a password that was not given."""


def open_engine(address: str, password: str | None = None, *, read_only: bool = False) -> Engine:
    """An engine on the server, its schema brought up to date (on an empty database the
    migrations run first); plain messages when it cannot be reached or is newer."""
    from sqlalchemy.exc import OperationalError

    from app.storage.engine import create_db_engine
    from app.storage.migration import run_alembic_upgrade

    url = driver_url(address, password)
    engine = create_db_engine(url)
    try:
        found = revision(engine)
    except OperationalError as error:
        engine.dispose()
        raise connect_problem(address, error) from error
    if found is not None and found not in KNOWN_REVISIONS:
        engine.dispose()
        raise NewerDatabase(
            f"The database at {shown(address)} was saved by a newer version of MutualDesk "
            f"(schema {found}). Install the newest MutualDesk to open it."
        )
    if found != SCHEMA_HEAD:
        if read_only:
            engine.dispose()
            raise NewerDatabase(
                f"The database at {shown(address)} must be set up or upgraded before it can "
                "be read: open it once without --read-only."
            )
        run_alembic_upgrade(url)
        from app.storage.row_security import protect

        protect(engine)  # the new tables too
    return engine


def integrity_problems(engine: Engine) -> list[str]:
    """What PostgreSQL finds reading every table through, and any constraint it holds
    but has not validated (the file's integrity check, as a server does it)."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    problems: list[str] = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            try:
                connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar()
            except DBAPIError as error:  # a damaged page or a missing file
                problems.append(f"{table}: {str(error.orig).strip().splitlines()[0]}")
        problems += [
            f"constraint {name} is not validated"
            for (name,) in connection.execute(
                text(
                    "SELECT conname FROM pg_constraint JOIN pg_namespace n ON n.oid = connamespace "
                    "WHERE nspname = current_schema() AND NOT convalidated"
                )
            )
        ]
    return problems
