"""What every command shares: where the file is, opening it, who is asking, exit codes."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import paths
from app.errors import UserError
from app.services.accounts.roles import Actor

if TYPE_CHECKING:
    from app.storage.database import Database

PASSWORD_ENV = "MUTUALDESK_PASSWORD"
PASSPHRASE_ENV = "MUTUALDESK_PASSPHRASE"
NEW_PASSWORD_ENV = "MUTUALDESK_NEW_PASSWORD"
EXIT_USER, EXIT_ENVIRONMENT, EXIT_FAILED = 2, 3, 1


Target = Path | str  # a database file, or a PostgreSQL server's address (postgresql://…)


def db_path(value: str | None) -> Target:
    """The ``--db`` given: a server's address as it is, a file's path, or your own file."""
    from app.storage.address import is_address

    if value and is_address(value):
        return value
    return Path(value).expanduser() if value else paths.default_database()


def secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{prompt} is needed: set {env} or run this in a terminal.")
    return getpass.getpass(f"{prompt}: ")


def open_target(target: Target, *, read_only: bool) -> Database:
    """Open a file, or a server's database (asking for the password if it wants one)."""
    from app.storage.database import open_database, open_server
    from app.storage.server import PasswordNeeded, shown

    if isinstance(target, str):
        try:
            return open_server(target, read_only=read_only)
        except PasswordNeeded:
            password = secret("PGPASSWORD", f"Password for {shown(target)}")
            return open_server(target, read_only=read_only, password=password)
    if read_only and not target.exists():
        raise UserError(f"There is no database at '{target}'.")
    return open_database(target, read_only=read_only, purpose="the mutualdesk command")


@contextmanager
def opened(path: Target, *, read_only: bool) -> Iterator[Database]:
    database = open_target(path, read_only=read_only)
    try:
        yield database
    finally:
        database.close(backup=False)


def sign_in(database: Any, username: str | None) -> Actor:
    from app.services.accounts import auth

    if not username:
        raise UserError("This command changes data: say who you are with --user NAME.")
    password = secret(PASSWORD_ENV, f"Password for {username}")
    return auth.sign_in(database.sessions, username, password).actor


def reader(database: Any, username: str | None, organisation: str | None = None) -> Actor:
    """Who reads for a report or a list: the person named by ``--user`` (signed in), or on a
    file nobody in particular (whoever can run this can read the file anyway: the first
    organisation, as its administrator). A server's database is shared by centres, so
    there ``--user`` is needed."""
    from app.services.accounts.roles import Role
    from app.services.federation import acting_for
    from app.services.organisation import list_all

    if username:
        who = sign_in(database, username)
    elif database.address is not None:
        raise UserError(
            "On a server, say who you are with --user NAME: each centre's records are shown "
            "to its own people only."
        )
    else:
        with database.sessions() as session:
            orgs = list_all(session)
        if not orgs:
            raise UserError("This database has no organisation yet: run the app to set one up.")
        who = Actor(None, "command line", Role.ADMINISTRATOR, orgs[0].id)
    if organisation:  # --organisation NAME: one of the centres this person may work in
        with database.sessions() as session:
            who = acting_for(session, who, organisation)
    return who
