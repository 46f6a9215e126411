"""Commands about members: import, subject access, retention."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.support import (
    EXIT_FAILED,
    db_path,
    opened,
    sign_in,
)
from app.errors import UserError
from app.storage.unit_of_work import unit_of_work


def cmd_subject_access(args: argparse.Namespace) -> int:
    """Write everything held about one member (UK GDPR subject access) as PDF, xlsx or JSON."""
    from datetime import datetime

    from app.reports import sections
    from app.services.personal_data import subject_access

    out = Path(args.out)
    file_format = subject_access.check_format(out.suffix)
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
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

    from app.services import organisation
    from app.services.common.reports import uk_date
    from app.services.personal_data import retention

    today = args.today or date.today()
    if args.erase and today > date.today():
        raise UserError("--today cannot be in the future when erasing: details would go early.")
    path = db_path(args.db)
    with opened(path, read_only=not args.erase) as database:
        if args.erase:
            actor = sign_in(database, args.user)
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


def _import_figures(args: argparse.Namespace) -> int:
    """`import figures FILE.csv`: the council's indicator figures, all or nothing."""
    from app.services.performance.figures_import import import_figures, read_figures

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"There is no file at '{source}'.")
    text = source.read_text(encoding="utf-8-sig", errors="replace")
    with opened(db_path(args.db), read_only=args.dry_run) as database:
        actor = sign_in(database, args.user)
        assert actor.organisation_id is not None
        if args.dry_run:
            with database.sessions() as session:
                count = len(read_figures(session, actor.organisation_id, text))
            print(
                f"{count:,} line{'s' if count != 1 else ''} of figures ready to record "
                "(dry run: nothing changed)."
            )
            return 0
        with unit_of_work(database.sessions) as session:
            count = import_figures(session, actor, text)
    print(
        f"Recorded {count:,} line{'s' if count != 1 else ''} of indicator figures from "
        f"{source.name}."
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import members from a CSV or .xlsx file: all rows, or with --skip-invalid the valid ones."""
    from app.reports.xlsx.rejected import write_rejected
    from app.services.membership.member_import import plan_import, run_import

    if args.kind == "return":
        from app.cli.federation import import_return

        return import_return(args)
    if args.kind == "figures":
        return _import_figures(args)
    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"There is no file at '{source}'.")
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        assert actor.organisation_id is not None
        if args.dry_run:
            with database.sessions() as session:
                plan = plan_import(session, actor.organisation_id, source)
            result: Any = plan
            imported, rejected = plan.valid_rows, len(plan.rejected_rows)
            problems, created = plan.problems, plan.new_categories
        else:
            with unit_of_work(database.sessions) as session:
                result = run_import(
                    session,
                    actor,
                    source,
                    skip_invalid=args.skip_invalid,
                    issue_shares=args.issue_shares,
                )
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
    if not args.dry_run and result.shares_issued:
        print(f"Share ledger lines written: {result.shares_issued:,}")
    if result.share_warning:
        offer = (
            "Add --issue-shares paid (or unpaid) to the import to issue one share to each, "
            "dated when they joined."
            if args.dry_run or not imported
            else "Issue one share to each with "
            "`mutualdesk shares issue --members all-without-shares --paid`."
        )
        print(f"Warning: {result.share_warning} {offer}")
    for problem in (*problems, *result.duplicates, *result.warnings):
        print(problem)
    if rejected and not args.dry_run and not args.skip_invalid:
        print("Nothing was imported: correct these rows, or use --skip-invalid.")
    if args.rejected and rejected:
        write_rejected(result, Path(args.rejected))
        print(f"Wrote the {rejected:,} rejected rows to {args.rejected}.")
    return EXIT_FAILED if rejected else 0


def member_numbers(text: str) -> list[int] | None:
    """'all-without-shares' -> None; '12,15,20' -> [12, 15, 20]; else a plain message."""
    if text.strip().casefold() == "all-without-shares":
        return None
    numbers: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not (part.isascii() and part.isdigit()) or len(part) > 9:
            raise UserError(
                f"--members takes all-without-shares or membership numbers with commas "
                f"(such as 12,15,20), not '{part or text}'."
            )
        numbers.append(int(part))
    return numbers


def cmd_shares(args: argparse.Namespace) -> int:
    """Issue one share to each of some members (or to every current member without one)."""
    from app.services.finance import share_money
    from app.services.membership.records import ids_for_numbers

    numbers = member_numbers(args.members)
    with opened(db_path(args.db), read_only=False) as database:
        actor = sign_in(database, args.user)
        with unit_of_work(database.sessions) as session:
            ids = None if numbers is None else ids_for_numbers(session, actor, numbers)
            count = share_money.issue_one_each(session, actor, ids, paid=args.paid, on=args.date)
    paid = "paid at the share value" if args.paid else "unpaid"
    dated = f"dated {args.date:%d/%m/%Y}" if args.date else "dated when each member joined"
    print(f"Issued one share to each of {count:,} member{'s' if count != 1 else ''}, {paid}, "
          f"{dated}.")  # fmt: skip
    return 0
