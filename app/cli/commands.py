"""The command line: the same services and reports as the app, no Qt."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from app import APP_NAME
from app.cli.federation import cmd_federation, cmd_transfer
from app.cli.members import cmd_import, cmd_retention, cmd_shares, cmd_subject_access
from app.cli.reports import (
    cmd_ballots,
    cmd_count,
    cmd_report,
    date_argument,
    member_filter_arguments,
    report_arguments,
)
from app.cli.support import (
    EXIT_ENVIRONMENT,
    EXIT_FAILED,
    EXIT_USER,
    NEW_PASSWORD_ENV,
    PASSPHRASE_ENV,
    PASSWORD_ENV,
    db_path,
    open_target,
    opened,
    reader,
    secret,
    sign_in,
)
from app.errors import Cancelled, EnvironmentProblem, UserError
from app.storage.unit_of_work import unit_of_work

# Every name `report` and `export` accept, as the registry of reports has them (a test
# holds these, the README and the help to the registry; written out here so that the
# command line starts without loading every report).
PRINTED = (
    "users", "audit", "member-list", "register", "year-end", "share-ledger", "retention-due",
    "board", "officers", "election-result", "voter-roll", "actions", "attendance",
    "transactions", "allowance", "agreements", "debtors", "creditors", "equipment",
    "performance", "reach", "projects", "social-value", "annual-report",
    "federation", "allowance-reminder", "reconciliation", "budget", "accounts", "agenda", "sign-in",
    "minutes", "notice-letters", "ballot-papers", "project-ballot-papers", "nomination-forms",
    "result", "labels",
    "letters", "certificate",
)  # fmt: skip
SPREADSHEETS = (
    "users", "audit", "member-list", "register", "year-end", "share-ledger", "retention-due",
    "board", "officers", "election-result", "voter-roll", "actions", "attendance",
    "transactions", "allowance", "agreements", "debtors", "creditors", "equipment",
    "performance", "reach", "projects", "social-value",
    "federation", "reconciliation", "budget", "accounts", "council-pack", "examiner-pack",
    "return",
)  # fmt: skip


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo organisation in a new file."""
    from datetime import date

    from app.services import organisation
    from app.services.demo import DEMO_PASSWORD, create_demo
    from app.storage.database import open_database
    from app.storage.server import shown

    target = db_path(args.db)
    if isinstance(target, Path) and target.exists() and target.stat().st_size > 0:
        raise UserError(f"'{target}' already exists. Choose a new file name for the demo.")
    if args.members < 0:
        raise UserError("--members must be 0 or more.")
    if not 1 <= args.centres <= 50:
        raise UserError("--centres must be 1 to 50.")
    database = (
        open_target(target, read_only=False)
        if isinstance(target, str)
        else open_database(target, purpose="the mutualdesk command", daily_backup=False)
    )
    try:
        with database.sessions() as session:
            if organisation.is_set_up(session):
                raise UserError(
                    f"{shown(target) if isinstance(target, str) else target} already holds "
                    "organisations: give the demo an empty database."
                )
        made = []
        for centre in range(args.centres):  # a unit of work each: a centre whole or not at all
            with unit_of_work(database.sessions) as session:
                made.append(
                    create_demo(
                        session, members=args.members, seed=args.seed + centre, finance=True,
                        centre=centre,
                    )
                )  # fmt: skip
        if len(made) > 1:  # the federation itself, with the centres on its register
            from app.services.demo.federation import demo_federation

            with unit_of_work(database.sessions) as session:
                office = demo_federation(
                    session, [m.organisation_id for m in made], date(date.today().year - 1, 4, 1)
                )
    finally:
        database.close(backup=False)
    where = shown(target) if isinstance(target, str) else target
    if len(made) == 1:
        print(f"Created a demo organisation with {made[0].members:,} members in {where}.")
    else:
        print(f"Created a demo federation of {len(made)} centres, {args.members:,} members "
              f"each, in {where}.")  # fmt: skip
    for result in made:
        print(f"Sign in as {', '.join(result.users)}; every password is '{DEMO_PASSWORD}'.")
    if len(made) > 1:
        print(f"The federation's office signs in as {office}: it sees every centre, and the "
              "federation's own register has every centre on it.")  # fmt: skip
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the file, the schema and the audit chain."""
    from app.services.upkeep.health import check_database

    report = check_database(db_path(args.db))
    for line in report.lines:
        print(line)
    return 0 if report.ok else EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database to a file."""
    from datetime import datetime

    from app.storage import backups

    target = db_path(args.db)
    if isinstance(target, str):
        from app.cli.server_backup import backup_server

        return backup_server(target, args)
    path = target
    if not path.exists():
        raise UserError(f"There is no database at '{path}'.")
    passphrase = secret(PASSPHRASE_ENV, "Backup passphrase") if args.encrypt else None
    suffix = backups.ENCRYPTED_SUFFIX if args.encrypt else ".sqlite"
    out = (
        Path(args.out) if args.out else Path(f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}{suffix}")
    )
    made = backups.backup_to(path, out, reason="manual", passphrase=passphrase)
    print(f"Backed up to {made.path} ({made.manifest.members:,} members, checked).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup, keeping a copy of the current file."""
    from app.services.accounts.roles import Permission
    from app.storage import crypto, sqlite_file
    from app.storage.database import restore_file

    target = db_path(args.db)
    if isinstance(target, str):
        from app.cli.server_backup import restore_server

        return restore_server(target, args)
    path = target.resolve()
    backup = Path(args.backup)
    if not backup.is_file():
        raise UserError(f"There is no backup file at '{backup}'.")
    if path.exists() and path.stat().st_size > 0 and not sqlite_file.quick_check(path):
        # A sound file: only someone allowed to restore may replace it. (A damaged file
        # can be restored by whoever has it, or nobody could ever recover it.)
        with opened(path, read_only=False) as database:
            sign_in(database, args.user).require(Permission.BACKUP_RESTORE)
    encrypted = crypto.is_encrypted_file(backup)
    passphrase = secret(PASSPHRASE_ENV, "Backup passphrase") if encrypted else None
    safety = restore_file(path, backup, passphrase=passphrase)
    print(f"Restored {path} from {backup}.")
    if safety is not None:
        print(f"The file as it was before is kept in {safety.path}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List organisations or users."""
    from app.cli import listing
    from app.services.common.report_options import MemberFilter
    from app.services.federation import visible_organisations

    flt = MemberFilter(args.category, args.status, args.eligible_on)
    target = db_path(args.db)
    with opened(target, read_only=not args.user) as database:
        who = None
        if (
            args.user
            or args.organisation
            or (isinstance(target, str) and args.kind != "organisations")
        ):
            who = reader(database, args.user, args.organisation)
        with database.sessions() as session:
            rows = listing.rows(session, args.kind, flt)
            if who is not None:  # what this person may see (in the centre chosen)
                seen = {o.id for o in visible_organisations(session, who)}
                if args.organisation:
                    seen &= {who.organisation_id}
                key = "id" if args.kind == "organisations" else "organisation_id"
                rows = [r for r in rows if r.get(key) in seen]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        for row in rows:
            print("  ".join(str(value) for value in row.values()))
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    """Add a user account (administrators only); give or take a role in another centre."""
    from app.services.accounts import auth

    if args.action in ("grant", "revoke"):
        from app.cli.federation import centre_role_command

        return centre_role_command(args)
    if not (args.full_name and args.role):
        raise UserError("A new user needs --full-name and --role.")
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        password = secret(NEW_PASSWORD_ENV, f"New password for {args.username}")
        with unit_of_work(database.sessions) as session:
            made = auth.add_user(
                session,
                actor,
                username=args.username,
                full_name=args.full_name,
                role=args.role,
                password=password,
                must_change_password=True,
            )
    print(f"Added {made.username} ({made.role.value}); they must change the password at sign-in.")
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    """Start the GUI, open every page, render a report, and exit."""
    if args.gui_self_test is None:
        raise UserError("The self-test needs the desktop program: run `mutualdesk self-test`.")
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    code: int = args.gui_self_test(Path(args.db) if args.db else None)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mutualdesk", description=f"{APP_NAME} commands")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], text: str, db: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(handler=handler)
        if db:
            p.add_argument("--db", metavar="FILE", help="the database file (default: yours)")
        return p

    p = command("ballots", cmd_ballots, "write an election's accepted papers as a .blt file")
    p.add_argument("--election", type=int, metavar="ID", required=True, help="the election")
    p.add_argument("--out", metavar="FILE.blt", required=True, help="the file to write")
    p = command("self-test", cmd_self_test, "start the app, open every page, render a report")
    p = command("demo", cmd_demo, "create a demo organisation in a new database file")
    p.add_argument("--members", type=int, default=250, help="how many members (default 250)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument(
        "--centres", type=int, default=1, help="a federation of this many centres (default 1)"
    )
    command("check", cmd_check, "check the file, its schema and the audit trail")
    p = command("backup", cmd_backup, "back up the database to a file")
    p.add_argument("--out", metavar="FILE", help="where to write the backup")
    p.add_argument("--user", help="your user name (a server's: a federation administrator)")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help=f"encrypt with a passphrase (asked for, or from {PASSPHRASE_ENV})",
    )
    p = command("restore", cmd_restore, "replace the database with a backup")
    p.add_argument("backup", metavar="BACKUP", help="the backup file")
    p.add_argument("--user", help=f"your user name (password asked for, or from {PASSWORD_ENV})")
    for name, text, names in (
        (
            "report",
            "write a report as PDF",
            ", ".join(PRINTED),
        ),
        (
            "export",
            "write a table as .xlsx",
            ", ".join(SPREADSHEETS) + " (examiner-pack: a folder or .zip; return: a centre's "
            "signed figures for the federation, with --key)",
        ),
    ):
        p = command(name, cmd_report, text)
        p.add_argument("name", metavar="NAME", help=names)
        p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
        report_arguments(p)
    p = command("import", cmd_import, "import members from a CSV or Excel (.xlsx) file")
    p.add_argument(
        "kind",
        choices=["members", "return", "figures"],
        metavar="KIND",
        help="what to import: members, a centre's return (with --key), or indicator figures "
        "from the council's CSV file",
    )
    p.add_argument("--key", metavar="FILE.key", help="the federation's key (import return)")
    p.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    p.add_argument("--dry-run", action="store_true", help="check the file and change nothing")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows even if some are not"
    )
    p.add_argument("--rejected", metavar="OUT.xlsx", help="write the rejected rows to this file")
    p.add_argument(
        "--issue-shares",
        choices=["paid", "unpaid"],
        help="issue one share to each member the file gives none (dated when they joined)",
    )
    p.add_argument("--user", help=f"your user name (password asked for, or from {PASSWORD_ENV})")
    p = command("shares", cmd_shares, "issue one share to each of some members")
    p.add_argument("action", choices=["issue"], metavar="ACTION", help="issue")
    p.add_argument(
        "--members",
        required=True,
        metavar="all-without-shares|N,N,…",
        help="every current member holding no share, or membership numbers with commas",
    )
    p.add_argument("--paid", action="store_true", help="paid at the share value (default: unpaid)")
    p.add_argument(
        "--date",
        type=date_argument,
        metavar="DD/MM/YYYY",
        help="the date of issue (default: when each member joined)",
    )
    p.add_argument("--user", help=f"your user name (password asked for, or from {PASSWORD_ENV})")
    p = command(
        "subject-access",
        cmd_subject_access,
        "write everything held about one member (UK GDPR subject access)",
    )
    p.add_argument("--member", type=int, required=True, metavar="N", help="the membership number")
    p.add_argument("--out", metavar="FILE", required=True, help="a .pdf, .xlsx or .json file")
    p.add_argument("--user", help=f"your user name (password asked for, or from {PASSWORD_ENV})")
    p = command(
        "retention",
        cmd_retention,
        "list former members due for erasure of their details; --erase erases them",
    )
    p.add_argument("--erase", action="store_true", help="erase the due members' details")
    p.add_argument("--user", help="your user name (needed with --erase)")
    p.add_argument(
        "--today",
        type=date_argument,
        metavar="DATE",
        help="judge what is due as on this date (dd/mm/yyyy; default today)",
    )
    p = command(
        "list", cmd_list, "list organisations, users, members, the board, elections or meetings"
    )
    p.add_argument(
        "kind",
        choices=[
            "organisations",
            "users",
            "members",
            "board",
            "elections",
            "meetings",
            "project-ballots",
        ],
        metavar="KIND",
        help="organisations, users, members, board, elections, meetings or project-ballots",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--user", help="who you are (needed on a server): list what you may see")
    p.add_argument("--organisation", metavar="NAME", help="one centre only")
    member_filter_arguments(p)
    p = command(
        "federation", cmd_federation,
        "a federation's key for its centres' returns, or a centre's own database role",
    )  # fmt: skip
    p.add_argument("action", choices=["key", "role", "enrol"], metavar="ACTION",
                   help="key, role, or enrol (a centre on the federation's register)")  # fmt: skip
    p.add_argument("--representative", help="who speaks for the centre (enrol)")
    p.add_argument("--date", metavar="DD/MM/YYYY", help="when the centre joined (enrol)")
    p.add_argument("--name", help="the federation's name (key), or the role's (role)")
    p.add_argument("--out", metavar="FILE.key", help="where to write the key")
    p.add_argument("--centre", metavar="NAME", help="make this centre's key (key, with --key)")
    p.add_argument("--key", metavar="FILE.key", help="the federation's own key (key --centre)")
    p.add_argument("--organisation", help="the centre the role sees (role)")
    p.add_argument("--user", help="your user name: a federation administrator (role)")
    p = command(
        "transfer", cmd_transfer,
        "move a centre's file into a federation's server, or a centre out to a file",
        db=False,
    )  # fmt: skip
    p.add_argument("--from", dest="source", required=True, metavar="FILE|URL",
                   help="the centre's file, or the server's address")  # fmt: skip
    p.add_argument("--to", dest="destination", required=True, metavar="URL|FILE",
                   help="the server's address, or a new file")  # fmt: skip
    p.add_argument("--organisation", metavar="NAME", help="the centre to take out")
    p.add_argument("--user", help="your user name on the server: a federation administrator")
    p.add_argument("--name", help="a new name for the organisation where it arrives")
    p.add_argument("--prefix", help="put before a username the server has already (default: "
                   "the centre's first word)")  # fmt: skip
    p = command("count", cmd_count, "count a .blt ballot file (no database needed)", db=False)
    p.add_argument("file", metavar="FILE.blt", help="the ballot file")
    p.add_argument("--method", required=True, choices=["plurality", "ers97", "scottish", "meek"])
    p.add_argument("--seed", type=int, help="seed for any lot (default: a new one, printed)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p = command("user", cmd_user, "add a user account, or give one a role in another centre")
    p.add_argument("action", choices=["add", "grant", "revoke"])
    p.add_argument("username")
    p.add_argument("--full-name", help="their full name (add)")
    p.add_argument("--role", help="their role (add; grant: their role in that centre)")
    p.add_argument("--organisation", metavar="NAME", help="the centre (grant, revoke)")
    p.add_argument("--user", help="your user name (an administrator)")
    return parser


def run(argv: list[str], *, gui_self_test: Callable[[Path | None], int] | None = None) -> int:
    """Run one command; print a plain message and return non-zero on failure.

    ``gui_self_test`` is the desktop program's self-test, handed in by ``app.main`` (the
    command line does not import the GUI).
    """
    from app.logs import setup_logging

    args = _parser().parse_args(argv)
    args.gui_self_test = gui_self_test
    setup_logging()
    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except UserError as exc:
        print(f"mutualdesk: {exc.message}", file=sys.stderr)
        return EXIT_USER
    except EnvironmentProblem as exc:
        print(f"mutualdesk: {exc.message}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Cancelled:
        return EXIT_USER
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, sqlite3.Error) as exc:
        from app.storage.sqlite_file import environment_problem

        where = Path(
            getattr(exc, "filename", None)
            or getattr(args, "out", None)
            or db_path(getattr(args, "db", None))
        )
        print(f"mutualdesk: {environment_problem(exc, where).message}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        return 130
