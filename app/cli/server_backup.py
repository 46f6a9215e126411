"""`backup` and `restore` of a server's database: the whole federation at once, by a
federation administrator (pg_dump where it is installed, else the program's export)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from app.cli.support import opened, sign_in
from app.errors import UserError
from app.services.accounts.roles import Permission


def _allowed(database: object, username: str | None) -> None:
    actor = sign_in(database, username)
    if not (actor.role.sees_every_organisation and actor.can(Permission.BACKUP_RESTORE)):
        raise UserError(
            "A server's database holds every centre: only a federation administrator backs "
            "it up or restores it."
        )


def _name(database: object, suffix: str, when: str = "") -> str:
    engine = database.engine  # type: ignore[attr-defined]
    return f"{engine.url.database}{when}-{datetime.now():%Y%m%d-%H%M%S}{suffix}"


def backup_server(address: str, args: argparse.Namespace) -> int:
    """`backup --db URL`: the whole database to a file."""
    from app.storage import server_backup
    from app.storage.revisions import SCHEMA_HEAD

    if args.encrypt:
        raise UserError("A server's backup is not encrypted here: keep it as the server is kept.")
    with opened(address, read_only=False) as database:
        _allowed(database, args.user)
        suffix = ".dump" if server_backup.tool("pg_dump") else ".export.gz"
        out = Path(args.out) if args.out else Path(_name(database, suffix))
        made = server_backup.backup(database.engine, out, SCHEMA_HEAD)
    how = "pg_dump" if made.kind == "pg_dump" else "MutualDesk's own export (no pg_dump here)"
    print(f"Backed up the server's database to {made.path} with {how}: {made.rows:,} rows.")
    return 0


def restore_server(address: str, args: argparse.Namespace) -> int:
    """`restore BACKUP --db URL`: replace the whole database, backing it up first."""
    from app.services.accounts import audit
    from app.storage import server_backup
    from app.storage.revisions import SCHEMA_HEAD

    backup = Path(args.backup)
    if not backup.is_file():
        raise UserError(f"There is no backup file at '{backup}'.")
    server_backup.kind_of(backup)
    with opened(address, read_only=False) as database:
        _allowed(database, args.user)
        suffix = ".dump" if server_backup.tool("pg_dump") else ".export.gz"
        safety = backup.parent / _name(database, suffix, "-before-restore")
        server_backup.backup(database.engine, safety, SCHEMA_HEAD)
        rows = server_backup.restore(database.engine, backup, SCHEMA_HEAD)
        with database.sessions() as session:
            chain = audit.verify_chain(session)
    print(f"Restored the server's database from {backup}: {sum(rows.values()):,} rows.")
    print(f"The database as it was before is kept in {safety}.")
    if not chain.ok:
        print(f"FAIL  the audit trail breaks at entry {chain.first_broken_id}: {chain.reason}")
        return 1
    print("The audit trail is intact.")
    return 0
