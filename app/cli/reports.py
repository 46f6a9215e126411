"""Commands that write reports and count votes: report, export, count, ballots."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.support import (
    db_path,
    opened,
    reader,
)
from app.errors import UserError
from app.services.membership.member_status import MemberStatus


def report_options(args: argparse.Namespace) -> Any:
    """The report choices given on the command line."""
    from app.services.common.report_options import MemberFilter, ReportOptions

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
        ballot_id=args.ballot,
        copies=args.copies,
        meeting_id=args.meeting,
        quarter=args.quarter,
    )


def cmd_report(args: argparse.Namespace) -> int:
    """Write a report as PDF (``report``) or a spreadsheet (``export``)."""
    from datetime import datetime

    from app.reports import registry, render
    from app.services.meetings import reports as meeting_reports

    if args.name == "examiner-pack" and args.command == "export":
        return _examiner_pack(args)
    if args.name == "return" and args.command == "export":
        from app.cli.federation import export_return

        return export_return(args)
    spec = registry.find(args.name)
    options = report_options(args)
    out = Path(args.out)
    with opened(db_path(args.db), read_only=not args.user) as database:
        who = reader(database, args.user, args.organisation)
        session = database.sessions()
        build = registry.builder(spec, spreadsheet=args.command == "export")
        with session:
            data = build(session, who, datetime.now(), options)
            emails = (
                meeting_reports.write_email_list(session, who, options.meeting_id, out)
                if spec.name is registry.ReportName.NOTICE_LETTERS and options.meeting_id
                else ""
            )
    if args.command == "report":
        render.write_pdf(data, out)
    else:
        render.write_xlsx(data, out)
    print(f"Wrote {spec.title} ({render.row_count(data)}) to {out}.")
    if emails:
        print(emails)
    return 0


def _examiner_pack(args: argparse.Namespace) -> int:
    """Everything the independent examiner needs about a year, in a folder or a .zip."""
    from datetime import datetime

    from app.reports import examiner_pack

    path, out = db_path(args.db), Path(args.out)
    with opened(path, read_only=not args.user) as database:
        who = reader(database, args.user, args.organisation)
        with database.sessions() as session:
            names = examiner_pack.write(
                session, who, datetime.now(), report_options(args), database.path, out
            )
    scans = sum(1 for n in names if n.startswith(examiner_pack.RECEIPTS))
    print(f"Wrote the examiner's pack to {out}: {len(names) - scans} documents and "
          f"{scans} scanned receipt{'s' if scans != 1 else ''}.")  # fmt: skip
    return 0


def date_argument(text: str) -> Any:
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


def member_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--category", help="only members in this category (e.g. Tenant)")
    p.add_argument(
        "--status", choices=[s.value for s in MemberStatus], help="only members with this status"
    )
    p.add_argument(
        "--eligible-on",
        type=date_argument,
        metavar="DATE",
        help="only members eligible to vote on this date (dd/mm/yyyy)",
    )


def report_arguments(p: argparse.ArgumentParser) -> None:
    member_filter_arguments(p)
    p.add_argument(
        "--user",
        help="who you are (needed on a server; the password is asked for, or from "
        "MUTUALDESK_PASSWORD): the report covers what you may see",
    )
    p.add_argument("--key", metavar="FILE.key", help="the federation's key (export return)")
    p.add_argument(
        "--organisation", metavar="NAME", help="the centre to report on (a federation role)"
    )
    p.add_argument("--columns", help="member-list columns, comma-separated (e.g. number,name)")
    p.add_argument("--landscape", action="store_true", help="print across the page")
    p.add_argument("--large-print", action="store_true", help="bigger text")
    p.add_argument(
        "--year", type=int, help="year-end and finance: the financial year starting in YYYY"
    )
    p.add_argument(
        "--quarter",
        type=int,
        choices=range(1, 13),
        metavar="N",
        help="finance: a quarter (1-4); for the council pack, the agreement's monitoring "
        "period (1-12 when it is monitored monthly)",
    )
    p.add_argument("--member", type=int, metavar="N", help="certificate: the membership number")
    p.add_argument("--template", metavar="FILE", help="letters: the template (a text file)")
    p.add_argument("--election", type=int, metavar="ID", help="election papers: the election")
    p.add_argument(
        "--ballot", type=int, metavar="ID", help="project-ballot-papers: the project ballot"
    )
    p.add_argument("--copies", type=int, metavar="N", help="ballot papers: how many (roll size)")
    p.add_argument(
        "--meeting",
        type=int,
        metavar="ID",
        help="agenda, sign-in, minutes, notice-letters: the meeting (actions, attendance: only it)",
    )
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
    from app.services import organisation
    from app.services.elections import count as election_count

    with opened(db_path(args.db), read_only=True) as database, database.sessions() as session:
        orgs = organisation.list_all(session)
        if not orgs:
            raise UserError("This database has no organisation yet: run the app to set one up.")
        text = election_count.ballot_file(session, orgs[0].id, args.election)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"Wrote the ballot papers of election {args.election} to {args.out}.")
    return 0
