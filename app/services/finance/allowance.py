"""The LMA allowance: each payment the agreement's schedule expects, matched with the
receipts that settled it, so that a late or short payment is seen.

Receipts recorded against the agreement settle the instalments oldest first (a receipt
pays what is still owed on the earliest unsettled instalment, and any surplus goes on to
the next). An instalment not fully paid within ``GRACE_DAYS`` of its due date is late;
one paid in full is "paid", noting when and whether late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Entry
from app.models.states import EntryKind, StrEnum
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.money import format_pence, to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport, uk_date
from app.services.finance import setup
from app.services.finance.agreements import AgreementInfo, expected_receipts, list_agreements
from app.services.finance.setup import YearInfo, list_years
from app.services.membership.report_types import Letter, LetterRun

GRACE_DAYS = 14


class Standing(StrEnum):
    """Where an instalment stands."""

    PAID = "paid"
    PAID_LATE = "paid late"
    OVERDUE = "overdue"
    SHORT = "short"  # part paid, the rest overdue
    DUE = "not yet due"


@dataclass(frozen=True)
class Instalment:
    """One expected payment of an agreement's allowance, and what settled it."""

    agreement: str
    counterparty: str
    due_on: date
    amount_pence: int
    received_pence: int
    settled_on: date | None  # when the last penny arrived
    receipts: tuple[int, ...]  # cash book numbers of the receipts that paid it
    standing: Standing

    @property
    def owed_pence(self) -> int:
        """What is still to come."""
        return self.amount_pence - self.received_pence

    @property
    def needs_chasing(self) -> bool:
        """Late and not (fully) paid: worth a reminder to the council."""
        return self.standing in (Standing.OVERDUE, Standing.SHORT)

    def words(self) -> str:
        """'Paid 09/04/2026', 'Paid late, 20/05/2026', 'Overdue since 15/04/2026'..."""
        if self.standing is Standing.PAID:
            return f"Paid {uk_date(self.settled_on)}" if self.settled_on else "Paid"
        if self.standing is Standing.PAID_LATE:
            return f"Paid late, {uk_date(self.settled_on)}" if self.settled_on else "Paid late"
        late_from = uk_date(self.due_on + timedelta(days=GRACE_DAYS))
        if self.standing is Standing.SHORT:
            return f"Short: part paid, the rest overdue since {late_from}"
        if self.standing is Standing.OVERDUE:
            return f"Overdue since {late_from}"
        return "Not yet due"


def _receipts(
    session: Session, organisation_id: int, agreement_id: int
) -> list[tuple[int, date, int]]:
    """(number, date, pence) of every receipt against the agreement, oldest first; a
    receipt put right by a reversing entry counts for nothing, and the reversal neither."""
    rows = session.execute(
        select(Entry.id, Entry.number, Entry.dated, Entry.amount_pence, Entry.reverses_id)
        .where(
            Entry.organisation_id == organisation_id,
            Entry.agreement_id == agreement_id,
            Entry.kind == EntryKind.RECEIPT,
        )
        .order_by(Entry.dated, Entry.number)
    ).all()
    reversed_ids = {row.reverses_id for row in rows if row.reverses_id is not None}
    return [
        (row.number, row.dated, row.amount_pence)
        for row in rows
        if row.reverses_id is None and row.id not in reversed_ids and row.amount_pence > 0
    ]


def _settle(
    agreement: AgreementInfo, expected: list[tuple[date, int]], paid: list[tuple[int, date, int]],
    today: date,
) -> list[Instalment]:  # fmt: skip
    left = list(paid)
    out: list[Instalment] = []
    carry: tuple[int, date, int] | None = None
    for due_on, amount in expected:
        got, numbers, settled_on = 0, [], None
        while got < amount and (carry or left):
            number, dated, pence = carry or left.pop(0)
            carry = None
            take = min(pence, amount - got)
            got += take
            numbers.append(number)
            settled_on = dated
            if pence > take:
                carry = (number, dated, pence - take)
        late_after = due_on + timedelta(days=GRACE_DAYS)
        if got >= amount:
            standing = (
                Standing.PAID if settled_on and settled_on <= late_after else Standing.PAID_LATE
            )
        elif today <= late_after:
            standing = Standing.DUE
        else:
            standing = Standing.SHORT if got else Standing.OVERDUE
        out.append(
            Instalment(
                agreement.name, agreement.counterparty, due_on, amount, got,
                settled_on if got >= amount else None, tuple(numbers), standing,
            )
        )  # fmt: skip
    return out


def instalments(
    session: Session, organisation_id: int, year: YearInfo, today: date | None = None
) -> list[Instalment]:
    """Every allowance payment expected in ``year``, by agreement then date, with what
    settled it. Every receipt ever recorded against the agreement settles its payments
    oldest first, from the agreement's first year, so a payment made after a year's end
    settles that year's last instalment, and an overpayment goes on to the next."""
    today = today or date.today()
    years = [y for y in list_years(session, organisation_id) if y.starts_on <= year.starts_on]
    found: list[Instalment] = []
    for agreement in list_agreements(session, organisation_id):
        expected = [
            (e.due_on, e.amount_pence) for y in years for e in expected_receipts(agreement, y)
        ]
        if not expected:
            continue
        settled = _settle(
            agreement, expected, _receipts(session, organisation_id, agreement.id), today
        )
        found += [i for i in settled if year.starts_on <= i.due_on <= year.ends_on]
    return found


def to_chase(
    session: Session, organisation_id: int, year: YearInfo, today: date | None = None
) -> list[Instalment]:
    """The payments late or short up to the end of ``year``, from any earlier year too (a
    council's payment missing from a closed year is still owed)."""
    years = [y for y in list_years(session, organisation_id) if y.starts_on <= year.starts_on]
    return [
        i for y in years for i in instalments(session, organisation_id, y, today) if i.needs_chasing
    ]


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
