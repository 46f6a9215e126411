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


def db_path(value: str | None) -> Path:
    return Path(value).expanduser() if value else paths.default_database()


def secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{prompt} is needed: set {env} or run this in a terminal.")
    return getpass.getpass(f"{prompt}: ")


@contextmanager
def opened(path: Path, *, read_only: bool) -> Iterator[Database]:
    from app.storage.database import open_database

    if read_only and not path.exists():
        raise UserError(f"There is no database at '{path}'.")
    database = open_database(path, read_only=read_only, purpose="the mutualdesk command")
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
