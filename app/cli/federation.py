"""Commands of a federation: its key, a centre's return (export) and taking it in (import)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from app.cli.support import db_path, opened, reader, sign_in
from app.errors import UserError
from app.storage.unit_of_work import unit_of_work


def _key(path: str | None) -> object:
    from app.services.federation import read_key

    if not path:
        raise UserError("Give the federation's key file with --key FILE.key.")
    try:
        return read_key(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"There is no key file at '{path}'.") from None
    except UnicodeDecodeError:
        raise UserError(f"'{path}' is not a federation key file.") from None


def cmd_federation(args: argparse.Namespace) -> int:
    """`federation key`: a new key for the federation and its centres; `federation role`:
    a database login for one centre's own tools, seeing that centre's rows only."""
    from app.services.federation import make_key

    if args.action == "enrol":
        return _enrol(args)
    if not args.name and not (args.action == "key" and args.centre):
        raise UserError(
            "Give --name: the federation's name for its key, or the database role's name."
        )
    if args.action == "role":
        return _centre_role(args)
    if not args.out:
        raise UserError("Say where to write the key with --out FILE.key.")
    out = Path(args.out)
    if out.exists():
        raise UserError(f"'{out}' already exists: a key is never written over.")
    if args.centre:
        from app.services.federation import centre_key

        key = centre_key(_key(args.key), args.centre)  # type: ignore[arg-type]
    else:
        key = make_key(args.name)
    out.write_text(key.to_text(), encoding="utf-8")
    os.chmod(out, 0o600)
    if key.centre:
        print(f"Wrote the key of {key.centre} to {out}: give it to that centre only. It "
              "signs that centre's returns and no other's.")  # fmt: skip
    else:
        print(f"Wrote the key of {key.federation} to {out} (id {key.key_id}). Keep it at the "
              "federation as you would a password; make each centre its own key with "
              "--centre NAME --key " + str(out) + ".")  # fmt: skip
    return 0


def export_return(args: argparse.Namespace) -> int:
    """`export return`: this centre's signed figures for a quarter (or the year)."""
    from app.services.federation import export_return as make_return

    key = _key(args.key)
    if args.year is None:
        raise UserError("Say which financial year with --year YYYY (the year it starts in).")
    out = Path(args.out)
    with opened(db_path(args.db), read_only=not args.user) as database:
        who = reader(database, args.user, args.organisation)
        with database.sessions() as session:
            text = make_return(session, who, key, args.year, args.quarter)  # type: ignore[arg-type]
    out.write_text(text, encoding="utf-8")
    period = f"{args.year}" + (f" quarter {args.quarter}" if args.quarter else "")
    print(f"Wrote the return for {period} to {out}: send it to the federation.")
    return 0


def import_return(args: argparse.Namespace) -> int:
    """`import return FILE`: take a centre's return into the federation's database."""
    from app.services.federation import import_return as take

    key = _key(args.key)
    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"There is no file at '{source}'.")
    text = source.read_text(encoding="utf-8", errors="replace")
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        with unit_of_work(database.sessions) as session:
            done = take(session, actor, text, key)  # type: ignore[arg-type]
    said = {
        "added": "added to the federation's figures",
        "replaced": "replaced the return imported before for that period",
        "unchanged": "was already imported: nothing changed",
    }[done.outcome]
    print(f"The return of {done.centre} for {done.period} {said}.")
    return 0


def _centre_role(args: argparse.Namespace) -> int:
    from app.cli.support import NEW_PASSWORD_ENV, secret
    from app.services import organisation
    from app.services.accounts.roles import Permission
    from app.storage.row_security import centre_role

    target = db_path(args.db)
    if not isinstance(target, str):
        raise UserError("A centre's database role is made on a server: give --db postgresql://…")
    if not args.organisation:
        raise UserError("Say which centre with --organisation NAME.")
    with opened(target, read_only=False) as database:
        actor = sign_in(database, args.user)
        if not (actor.role.sees_every_organisation and actor.can(Permission.MANAGE_USERS)):
            raise UserError("Only a federation administrator may make a centre's database role.")
        with database.sessions() as session:
            found = [o for o in organisation.list_all(session) if o.name == args.organisation]
        if not found:
            raise UserError(f"There is no centre called '{args.organisation}' in this database.")
        password = secret(NEW_PASSWORD_ENV, f"Password for the database role {args.name}")
        try:
            centre_role(database.engine, args.name, password, [found[0].id])
        except ValueError as error:
            raise UserError(str(error)) from None
    print(f"The database role {args.name} sees {found[0].name}'s rows only, whatever it asks.")
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    """`transfer --from FILE --to URL`: a centre's file joins the server as a new centre;
    `transfer --from URL --organisation NAME --to FILE`: a centre leaves for its own file."""
    source, destination = db_path(args.source), db_path(args.destination)
    if isinstance(source, str) == isinstance(destination, str):
        raise UserError(
            "A transfer goes from a file to a server's database (postgresql://…) or back."
        )
    server, file = (source, destination) if isinstance(source, str) else (destination, source)
    assert isinstance(file, Path) and isinstance(server, str)
    if file is destination and file.exists():
        raise UserError(f"'{file}' already exists: a centre is taken out into a new file.")
    if file is source and not file.exists():
        raise UserError(f"There is no database at '{file}'.")
    try:
        done = _move(args, source, server, file)
    except BaseException:
        if file is destination:  # a centre taken out into a new file: nothing half-made
            for left in (file, *file.parent.glob(file.name + "*")):
                left.unlink(missing_ok=True)
        raise
    rows = sum(done.moved.counts.values())
    print(f"Moved {done.name}: {rows} rows in {len(done.moved.counts)} tables and "
          f"{done.moved.entries} audit entries.")  # fmt: skip
    for old, new in done.moved.renamed.items():
        print(f"  The user {old} is now {new} (the name was taken).")
    print("Compared at both ends: every table's rows and every audit entry agree; the "
          "audit trail is intact.")  # fmt: skip
    return 0


def _move(args: argparse.Namespace, source: object, server: str, file: Path) -> Any:
    """Open both ends, sign in on the server, choose the centre, and move it."""
    from app.services.federation.transfer import move
    from app.services.organisation import list_all

    with (
        opened(server, read_only=False) as on_server,
        opened(file, read_only=file is source) as on_file,
    ):
        actor = sign_in(on_server, args.user)
        giving = on_server if server is source else on_file
        with giving.sessions() as session:
            organisations = list_all(session)
        if args.organisation:
            chosen = [o for o in organisations if o.name == args.organisation]
            if not chosen:
                raise UserError(f"There is no organisation called '{args.organisation}' there.")
        elif len(organisations) == 1:
            chosen = organisations
        else:
            raise UserError("Say which centre to take out with --organisation NAME.")
        return move(
            on_server if server is source else on_file,
            on_file if server is source else on_server,
            actor, chosen[0].id, str(source if file is source else "the federation's server"),
            args.prefix, args.name,
        )  # fmt: skip


def centre_role_command(args: argparse.Namespace) -> int:
    """`user grant NAME --organisation CENTRE --role ROLE` and `user revoke NAME
    --organisation CENTRE`: a role in a centre besides the user's own."""
    from app.services.accounts import centre_roles
    from app.services.organisation import list_all

    if not args.organisation:
        raise UserError("Say which centre with --organisation NAME.")
    if args.action == "grant" and not args.role:
        raise UserError("Say which role they have there with --role ROLE.")
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        with unit_of_work(database.sessions) as session:
            found = [o for o in list_all(session) if o.name == args.organisation]
            if not found:
                raise UserError(f"There is no organisation called '{args.organisation}'.")
            if args.action == "grant":
                held = centre_roles.grant(session, actor, args.username, found[0].id, args.role)
                said = f"{args.username} is now {held.role.value} in {held.organisation}."
            else:
                centre_roles.revoke(session, actor, args.username, found[0].id)
                said = f"{args.username} no longer holds a role in {found[0].name}."
    print(said)
    return 0


def _enrol(args: argparse.Namespace) -> int:
    """`federation enrol --organisation CENTRE --representative NAME`: the centre joins
    the federation's own register (signed in as the federation's people)."""
    from datetime import date

    from app.services.common.dates import parse_date
    from app.services.federation.register import enrol
    from app.services.organisation import list_all

    if not (args.organisation and args.representative):
        raise UserError("Say which centre (--organisation NAME) and who represents it "
                        "(--representative NAME).")  # fmt: skip
    joined, problem = parse_date("date", args.date or "", "The date")
    if problem is not None:
        raise UserError(problem.message)
    joined = joined or date.today()
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        with unit_of_work(database.sessions) as session:
            found = [o for o in list_all(session) if o.name == args.organisation]
            if not found:
                raise UserError(f"There is no organisation called '{args.organisation}'.")
            done = enrol(session, actor, found[0].id, args.representative, joined)
    print(f"{done.centre} is member number {done.membership_number} of the federation, "
          f"represented by {done.representative}.")  # fmt: skip
    return 0
