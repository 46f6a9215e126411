"""The command line: the same services and reports as the app, no Qt."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import APP_NAME, paths
from app.errors import Cancelled, EnvironmentProblem, UserError
from app.services.roles import Actor
from app.services.unit_of_work import unit_of_work

if TYPE_CHECKING:
    from app.services.database import Database

PASSWORD_ENV = "MUTUALDESK_PASSWORD"
PASSPHRASE_ENV = "MUTUALDESK_PASSPHRASE"
NEW_PASSWORD_ENV = "MUTUALDESK_NEW_PASSWORD"
EXIT_USER, EXIT_ENVIRONMENT, EXIT_FAILED = 2, 3, 1


def _db(value: str | None) -> Path:
    return Path(value).expanduser() if value else paths.default_database()


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{prompt} is needed: set {env} or run this in a terminal.")
    return getpass.getpass(f"{prompt}: ")


@contextmanager
def _opened(path: Path, *, read_only: bool) -> Iterator[Database]:
    from app.services.database import open_database

    if read_only and not path.exists():
        raise UserError(f"There is no database at '{path}'.")
    database = open_database(path, read_only=read_only, purpose="the mutualdesk command")
    try:
        yield database
    finally:
        database.close(backup=False)


def _sign_in(database: Any, username: str | None) -> Actor:
    from app.services import auth

    if not username:
        raise UserError("This command changes data: say who you are with --user NAME.")
    password = _secret(PASSWORD_ENV, f"Password for {username}")
    return auth.sign_in(database.sessions, username, password).actor


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo organisation in a new file."""
    from app.services.database import open_database
    from app.services.demo import DEMO_PASSWORD, create_demo

    path = _db(args.db)
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"'{path}' already exists. Choose a new file name for the demo.")
    if args.members < 0:
        raise UserError("--members must be 0 or more.")
    database = open_database(path, purpose="the mutualdesk command", daily_backup=False)
    try:
        with unit_of_work(database.sessions) as session:
            result = create_demo(session, members=args.members, seed=args.seed)
    finally:
        database.close(backup=False)
    print(f"Created a demo organisation with {result.members:,} members in {path}.")
    print(f"Sign in as {', '.join(result.users)}; every password is '{DEMO_PASSWORD}'.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the file, the schema and the audit chain."""
    from app.services.health import check_database

    report = check_database(_db(args.db))
    for line in report.lines:
        print(line)
    return 0 if report.ok else EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database to a file."""
    from datetime import datetime

    from app.services import backups

    path = _db(args.db)
    if not path.exists():
        raise UserError(f"There is no database at '{path}'.")
    passphrase = _secret(PASSPHRASE_ENV, "Backup passphrase") if args.encrypt else None
    suffix = backups.ENCRYPTED_SUFFIX if args.encrypt else ".sqlite"
    out = (
        Path(args.out) if args.out else Path(f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}{suffix}")
    )
    made = backups.backup_to(path, out, reason="manual", passphrase=passphrase)
    print(f"Backed up to {made.path} ({made.manifest.members:,} members, checked).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup, keeping a copy of the current file."""
    from app.services import crypto, sqlite_file
    from app.services.database import restore_file
    from app.services.roles import Permission

    path = _db(args.db).resolve()
    backup = Path(args.backup)
    if not backup.is_file():
        raise UserError(f"There is no backup file at '{backup}'.")
    if path.exists() and path.stat().st_size > 0 and not sqlite_file.quick_check(path):
        # A sound file: only someone allowed to restore may replace it. (A damaged file
        # can be restored by whoever has it, or nobody could ever recover it.)
        with _opened(path, read_only=False) as database:
            _sign_in(database, args.user).require(Permission.BACKUP_RESTORE)
    encrypted = crypto.is_encrypted_file(backup)
    passphrase = _secret(PASSPHRASE_ENV, "Backup passphrase") if encrypted else None
    safety = restore_file(path, backup, passphrase=passphrase)
    print(f"Restored {path} from {backup}.")
    if safety is not None:
        print(f"The file as it was before is kept in {safety.path}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List organisations or users."""
    from app.services import listing
    from app.services.member_rows import MemberFilter

    flt = MemberFilter(args.category, args.status, args.eligible_on)
    with _opened(_db(args.db), read_only=True) as database, database.sessions() as session:
        rows = listing.rows(session, args.kind, flt)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        for row in rows:
            print("  ".join(str(value) for value in row.values()))
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    """Add a user account (administrators only)."""
    from app.services import auth

    with _opened(_db(args.db), read_only=False) as database:
        actor = _sign_in(database, args.user)
        password = _secret(NEW_PASSWORD_ENV, f"New password for {args.username}")
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


def _report_options(args: argparse.Namespace) -> Any:
    """The report choices given on the command line."""
    from app.services.member_rows import MemberFilter
    from app.services.report_options import ReportOptions

    template = None
    if args.template:
        try:
            template = Path(args.template).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UserError(f"There is no letter template at '{args.template}'.") from None
        except UnicodeDecodeError:
            raise UserError(f"'{args.template}' is not a text file saved as UTF-8.") from None
    columns = tuple(c.strip() for c in args.columns.split(",") if c.strip()) if args.columns else ()
    return ReportOptions(
        members=MemberFilter(args.category, args.status, args.eligible_on),
        columns=columns,
        landscape=args.landscape,
        large_print=args.large_print,
        year=args.year,
        member_number=args.member,
        template=template,
        label=args.label,
        start=args.start,
        test_sheet=args.test_sheet,
        large_print_labels=not args.same_size_labels,
        election_id=args.election,
        copies=args.copies,
    )


def cmd_report(args: argparse.Namespace) -> int:
    """Write a report as PDF (``report``) or a spreadsheet (``export``)."""
    from datetime import datetime

    from app.reports import render
    from app.services import organisation, report_data
    from app.services.roles import Role

    spec = report_data.find(args.name)
    options = _report_options(args)
    out = Path(args.out)
    with _opened(_db(args.db), read_only=True) as database, database.sessions() as session:
        orgs = organisation.list_all(session)
        if not orgs:
            raise UserError("This database has no organisation yet: run the app to set one up.")
        # Reading needs no sign-in: the file is read-only here, and whoever can run this can
        # read the file anyway.
        reader = Actor(None, "command line", Role.ADMINISTRATOR, orgs[0].id)
        if args.command == "export" and not isinstance(spec, report_data.ReportSpec):
            raise UserError(f"{spec.title} is a printed document: use `mutualdesk report`.")
        data = spec.build(session, reader, datetime.now(), options)
    if args.command == "report":
        render.write_pdf(data, out)
    else:
        render.write_xlsx(data, out)
    print(f"Wrote {spec.title} ({render.row_count(data)}) to {out}.")
    return 0


def cmd_subject_access(args: argparse.Namespace) -> int:
    """Write everything held about one member (UK GDPR subject access) as PDF, xlsx or JSON."""
    from datetime import datetime

    from app.reports import sections
    from app.services import subject_access

    out = Path(args.out)
    file_format = subject_access.check_format(out.suffix)
    with _opened(_db(args.db), read_only=False) as database:
        actor = _sign_in(database, args.user)
        existed = out.exists()
        try:
            with unit_of_work(database.sessions) as session:
                export = subject_access.build(session, actor, args.member, datetime.now())
                subject_access.record_export(session, actor, export, file_format)
                # Written inside the unit of work: if the file cannot be written, the
                # audit row is not kept either.
                sections.write(export.report, out, file_format)
        except BaseException:
            if not existed:
                out.unlink(missing_ok=True)
            raise
    print(
        f"Wrote the subject access export for member {export.membership_number} to {out}; "
        "the audit trail records that it was produced."
    )
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """List former members due for erasure; with --erase, erase their personal details."""
    from datetime import date

    from app.reports.common import uk_date
    from app.services import organisation, retention

    today = args.today or date.today()
    if args.erase and today > date.today():
        raise UserError("--today cannot be in the future when erasing: details would go early.")
    path = _db(args.db)
    with _opened(path, read_only=not args.erase) as database:
        if args.erase:
            actor = _sign_in(database, args.user)
            with unit_of_work(database.sessions) as session:
                years = organisation.get(session, actor.organisation_id or 0).retention_years
                done = retention.erase_due(session, actor, today)
            for item in done:
                print(f"  {item.membership_number}  {item.name}: erased {', '.join(item.fields)}")
            print(
                f"Erased the personal details of {len(done):,} former "
                f"member{'s' if len(done) != 1 else ''} (kept {years} years after leaving)."
            )
            return 0
        with database.sessions() as session:
            orgs = organisation.list_all(session)
            if not orgs:
                raise UserError("This database has no organisation yet: run the app to set one up.")
            found = retention.due(session, orgs[0].id, today)
            years = orgs[0].retention_years
    for item in found:
        print(
            f"  {item.membership_number}  {item.name}  left {uk_date(item.left_on)} "
            f"({item.years_since} years ago): {item.what.lower()}"
        )
    if found:
        print(
            f"{len(found):,} former member{'s are' if len(found) != 1 else ' is'} due for "
            f"erasure on {uk_date(today)} (details kept {years} years after leaving). "
            "Erase with --erase --user NAME."
        )
    else:
        print(f"Nobody is due for erasure on {uk_date(today)}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import members from a CSV or .xlsx file: all rows, or with --skip-invalid the valid ones."""
    from app.services.member_import import plan_import, run_import, write_rejected

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"There is no file at '{source}'.")
    with _opened(_db(args.db), read_only=False) as database:
        actor = _sign_in(database, args.user)
        assert actor.organisation_id is not None
        if args.dry_run:
            with database.sessions() as session:
                plan = plan_import(session, actor.organisation_id, source)
            result: Any = plan
            imported, rejected = plan.valid_rows, len(plan.rejected_rows)
            problems, created = plan.problems, plan.new_categories
        else:
            with unit_of_work(database.sessions) as session:
                result = run_import(session, actor, source, skip_invalid=args.skip_invalid)
            imported, rejected = result.imported, len(result.rejected)
            problems, created = result.problems, result.categories_created
    for line in (
        f"Rows read: {result.rows_read:,}",
        f"Valid (dry run, nothing changed): {imported:,}"
        if args.dry_run
        else f"Imported: {imported:,}",
        f"Rejected: {rejected:,}",
        f"Categories {'to create' if args.dry_run else 'created'}: {', '.join(created) or 'none'}",
        f"Possible duplicates: {len(result.duplicates):,}",
    ):
        print(line)
    for problem in (*problems, *result.duplicates, *result.warnings):
        print(problem)
    if rejected and not args.dry_run and not args.skip_invalid:
        print("Nothing was imported: correct these rows, or use --skip-invalid.")
    if args.rejected and rejected:
        write_rejected(result, Path(args.rejected))
        print(f"Wrote the {rejected:,} rejected rows to {args.rejected}.")
    return EXIT_FAILED if rejected else 0


def cmd_self_test(args: argparse.Namespace) -> int:
    """Start the GUI, open every page, render a report, and exit."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.selftest import run_self_test

    return run_self_test(Path(args.db) if args.db else None)


def _date_argument(text: str) -> Any:
    from datetime import datetime

    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        try:
            return datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not a date: write it as dd/mm/yyyy"
            ) from None


def _member_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--category", help="only members in this category (e.g. Tenant)")
    p.add_argument(
        "--status", choices=["applicant", "current", "former"], help="only members with this status"
    )
    p.add_argument(
        "--eligible-on",
        type=_date_argument,
        metavar="DATE",
        help="only members eligible to vote on this date (dd/mm/yyyy)",
    )


def _report_arguments(p: argparse.ArgumentParser) -> None:
    _member_filter_arguments(p)
    p.add_argument("--columns", help="member-list columns, comma-separated (e.g. number,name)")
    p.add_argument("--landscape", action="store_true", help="print across the page")
    p.add_argument("--large-print", action="store_true", help="bigger text")
    p.add_argument("--year", type=int, help="year-end: the financial year starting in YYYY")
    p.add_argument("--member", type=int, metavar="N", help="certificate: the membership number")
    p.add_argument("--template", metavar="FILE", help="letters: the template (a text file)")
    p.add_argument("--election", type=int, metavar="ID", help="election papers: the election")
    p.add_argument("--copies", type=int, metavar="N", help="ballot papers: how many (roll size)")
    p.add_argument("--label", default="L7160", help="labels: L7160 (default) or L7163")
    p.add_argument("--start", type=int, default=1, help="labels: the first label to use (1)")
    p.add_argument(
        "--test-sheet", action="store_true", help="labels: print outlines and numbers to check"
    )
    p.add_argument(
        "--same-size-labels",
        action="store_true",
        help="labels: no larger text for members who asked for large print",
    )


def cmd_count(args: argparse.Namespace) -> int:
    """Count a .blt ballot file and print the count sheet (or JSON). No database."""
    from app.services.counting import count, read_blt

    result = count(read_blt(Path(args.file)), args.method, seed=args.seed)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(result.count_sheet(), end="")
    return 0


def cmd_ballots(args: argparse.Namespace) -> int:
    """Write an election's accepted papers as a .blt file (the count can be checked elsewhere)."""
    from app.services import election_count, organisation

    with _opened(_db(args.db), read_only=True) as database, database.sessions() as session:
        orgs = organisation.list_all(session)
        if not orgs:
            raise UserError("This database has no organisation yet: run the app to set one up.")
        text = election_count.ballot_file(session, orgs[0].id, args.election)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"Wrote the ballot papers of election {args.election} to {args.out}.")
    return 0


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
    command("check", cmd_check, "check the file, its schema and the audit trail")
    p = command("backup", cmd_backup, "back up the database to a file")
    p.add_argument("--out", metavar="FILE", help="where to write the backup")
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
            "users, audit, member-list, register, year-end, retention-due, board, officers, "
            "labels, letters or certificate",
        ),
        (
            "export",
            "write a table as .xlsx",
            "users, audit, members, register, year-end, retention-due, board or officers",
        ),
    ):
        p = command(name, cmd_report, text)
        p.add_argument("name", metavar="NAME", help=names)
        p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
        _report_arguments(p)
    p = command("import", cmd_import, "import members from a CSV or Excel (.xlsx) file")
    p.add_argument("kind", choices=["members"], metavar="KIND", help="what to import: members")
    p.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    p.add_argument("--dry-run", action="store_true", help="check the file and change nothing")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows even if some are not"
    )
    p.add_argument("--rejected", metavar="OUT.xlsx", help="write the rejected rows to this file")
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
        type=_date_argument,
        metavar="DATE",
        help="judge what is due as on this date (dd/mm/yyyy; default today)",
    )
    p = command("list", cmd_list, "list organisations, users, members, the board or elections")
    p.add_argument(
        "kind",
        choices=["organisations", "users", "members", "board", "elections"],
        metavar="KIND",
        help="organisations, users, members, board or elections",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    _member_filter_arguments(p)
    p = command("count", cmd_count, "count a .blt ballot file (no database needed)", db=False)
    p.add_argument("file", metavar="FILE.blt", help="the ballot file")
    p.add_argument("--method", required=True, choices=["plurality", "ers97", "scottish", "meek"])
    p.add_argument("--seed", type=int, help="seed for any lot (default: a new one, printed)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p = command("user", cmd_user, "add a user account")
    p.add_argument("action", choices=["add"])
    p.add_argument("username")
    p.add_argument("--full-name", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--user", help="your user name (an administrator)")
    return parser


def run(argv: list[str]) -> int:
    """Run one command; print a plain message and return non-zero on failure."""
    from app.logs import setup_logging

    args = _parser().parse_args(argv)
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
        from app.services.sqlite_file import environment_problem

        where = Path(
            getattr(exc, "filename", None)
            or getattr(args, "out", None)
            or _db(getattr(args, "db", None))
        )
        print(f"mutualdesk: {environment_problem(exc, where).message}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        return 130
