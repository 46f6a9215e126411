"""The LMA allowance on paper: the payments expected and received, a reminder to the
council about those late, and the agreements themselves as a table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.money import format_pence, to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport, uk_date
from app.services.finance import setup
from app.services.finance.agreements import list_agreements
from app.services.finance.allowance import GRACE_DAYS, instalments
from app.services.membership.report_types import Letter, LetterRun

ALLOWANCE_COLUMNS = (
    Column("Agreement", width=1.6),
    Column("Due", ColumnKind.DATE, 0.8),
    Column("Amount due", ColumnKind.MONEY, 0.9, total=True),
    Column("Received", ColumnKind.MONEY, 0.9, total=True),
    Column("Still owed", ColumnKind.MONEY, 0.9, total=True),
    Column("Cash book no.", width=0.8),
    Column("Where it stands", width=1.8),
)


def allowance_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The year's expected allowance payments and the receipts that settled them."""
    year = setup.report_year(session, actor, options)
    assert actor.organisation_id is not None
    found = instalments(session, actor.organisation_id, year, now.date())
    chase = [i for i in found if i.needs_chasing]
    subtitle = (
        f"{len(chase)} payment{'s' if len(chase) != 1 else ''} late and not paid in full."
        if chase
        else "No payment is late."
    )
    return TableReport(
        f"LMA allowance {year.label}: expected and received",
        letterhead(session, actor.organisation_id),
        now,
        ALLOWANCE_COLUMNS,
        tuple(
            (
                i.agreement,
                i.due_on,
                to_decimal(i.amount_pence),
                to_decimal(i.received_pence),
                to_decimal(i.owed_pence),
                ", ".join(str(n) for n in i.receipts),
                i.words(),
            )
            for i in found
        ),
        subtitle=f"{subtitle} A payment is late when not paid in full {GRACE_DAYS} days "
        "after it is due.",
    )


def reminder_letters(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> LetterRun:
    """A letter to each council whose allowance payments are late or short, listing them:
    for the treasurer to sign and send."""
    year = setup.report_year(session, actor, options)
    assert actor.organisation_id is not None
    head = letterhead(session, actor.organisation_id)
    late = [
        i for i in instalments(session, actor.organisation_id, year, now.date()) if i.needs_chasing
    ]
    if not late:
        raise UserError(
            f"No allowance payment of {year.label} is late, so there is nobody to remind."
        )
    letters = []
    for counterparty in dict.fromkeys(i.counterparty for i in late):
        owed = [i for i in late if i.counterparty == counterparty]
        agreements_named = ", ".join(dict.fromkeys(i.agreement for i in owed))
        lines = "\n".join(
            f"• Payment due {uk_date(i.due_on)}: {format_pence(i.amount_pence)} due, "
            f"{format_pence(i.received_pence)} received, {format_pence(i.owed_pence)} "
            f"outstanding ({i.words().lower()})."
            for i in owed
        )
        total = format_pence(sum(i.owed_pence for i in owed))
        letters.append(
            Letter(
                f"{counterparty}\n\n{now:%d %B %Y}\n\nDear Sir or Madam,\n\n"
                f"{agreements_named}: allowance payments outstanding\n\n"
                "Under our management agreement the following payments of the allowance are "
                f"due and have not been received in full:\n\n{lines}\n\n"
                f"In all, {total} is outstanding. Please arrange payment, or let us know if "
                "it has already been sent, so that we can look for it on our bank statement."
                f"\n\nYours faithfully,\n\n\n\nTreasurer\n{head.organisation}"
            )
        )
    return LetterRun(head, tuple(letters), "Reminder: LMA allowance payments late")


AGREEMENT_COLUMNS = (
    Column("Agreement", width=1.6),
    Column("With", width=1.4),
    Column("From", ColumnKind.DATE, 0.8),
    Column("Until", ColumnKind.DATE, 0.8),
    Column("Service", width=1.4),
    Column("Annual allowance", ColumnKind.MONEY, 1.0, total=True),
    Column("Paid", width=0.8),
    Column("Community's share of savings", width=0.9),
)


def agreements_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Every management agreement, a row for each service it pays for."""
    assert actor.organisation_id is not None
    rows = tuple(
        (
            a.name, a.counterparty, a.starts_on, a.ends_on, s.name,
            to_decimal(s.annual_allowance_pence), SCHEDULES_WORDS.get(a.schedule, a.schedule),
            a.share_text,
        )
        for a in list_agreements(session, actor.organisation_id)
        for s in a.services
    )  # fmt: skip
    return TableReport(
        "Management agreements",
        letterhead(session, actor.organisation_id),
        now,
        AGREEMENT_COLUMNS,
        rows,
        subtitle="Each agreement's services and the allowance for each; the payments expected "
        "and received are in 'LMA allowance: expected and received'.",
        landscape=True,
    )


SCHEDULES_WORDS = {"quarterly": "Quarterly", "monthly": "Monthly", "annually": "Once a year"}
