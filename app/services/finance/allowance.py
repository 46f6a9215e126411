"""The LMA allowance: each payment the agreement's schedule expects, matched with the
receipts that settled it, so that a late or short payment is seen.

Receipts recorded against the agreement settle the instalments oldest first (a receipt
pays what is still owed on the earliest unsettled instalment, and any surplus goes on to
the next), except a receipt the treasurer matched by hand with one payment
(``allowance_matches``): it settles that payment first, its surplus going on as above.
An instalment not fully paid within ``GRACE_DAYS`` of its due date is late; one paid in
full is "paid", noting when and whether late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AllowanceMatch, Entry
from app.models.states import EntryKind, StrEnum
from app.services.common.reports import uk_date
from app.services.finance.agreements import AgreementInfo, expected_receipts, list_agreements
from app.services.finance.setup import YearInfo, list_years

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


Receipt = tuple[int, date, int, date | None]  # number, date, pence, matched with (due date)


def _receipts(session: Session, organisation_id: int, agreement_id: int) -> list[Receipt]:
    """(number, date, pence, due date matched by hand) of every receipt against the
    agreement, oldest first; a receipt put right by a reversing entry counts for nothing,
    and the reversal neither."""
    rows = session.execute(
        select(
            Entry.id, Entry.number, Entry.dated, Entry.amount_pence, Entry.reverses_id,
            AllowanceMatch.due_on,
        )
        .outerjoin(AllowanceMatch, AllowanceMatch.entry_id == Entry.id)
        .where(
            Entry.organisation_id == organisation_id,
            Entry.agreement_id == agreement_id,
            Entry.kind == EntryKind.RECEIPT,
        )
        .order_by(Entry.dated, Entry.number)
    ).all()  # fmt: skip
    reversed_ids = {row.reverses_id for row in rows if row.reverses_id is not None}
    return [
        (row.number, row.dated, row.amount_pence, row.due_on)
        for row in rows
        if row.reverses_id is None and row.id not in reversed_ids and row.amount_pence > 0
    ]


def _settle(
    agreement: AgreementInfo, expected: list[tuple[date, int]], paid: list[Receipt], today: date,
) -> list[Instalment]:  # fmt: skip
    dues = {due_on for due_on, _a in expected}
    by_hand: dict[date, list[tuple[int, date, int]]] = {}
    left: list[tuple[int, date, int]] = []
    last = max(dues)
    for number, dated, pence, matched in paid:
        if matched is not None and matched > last:
            continue  # matched by hand with a payment after these: it settles none of them
        if matched in dues:
            by_hand.setdefault(matched, []).append((number, dated, pence))
        else:
            left.append((number, dated, pence))
    surplus: list[tuple[int, date, int]] = []
    for due_on, amount in expected:  # hand matches first; what they overpay goes on
        owed = amount
        for number, dated, pence in by_hand.get(due_on, []):
            if pence > owed:
                surplus.append((number, dated, pence - owed))
            owed = max(0, owed - pence)
    left = sorted(left + surplus, key=lambda r: (r[1], r[0]))
    out: list[Instalment] = []
    carry: tuple[int, date, int] | None = None
    for due_on, amount in expected:
        got, numbers, settled_on = 0, [], None
        for number, dated, pence in by_hand.get(due_on, []):
            got = min(amount, got + pence)
            numbers.append(number)
            settled_on = max(settled_on or dated, dated)
        while got < amount and (carry or left):
            number, dated, pence = carry or left.pop(0)
            carry = None
            take = min(pence, amount - got)
            got += take
            numbers.append(number)
            settled_on = max(settled_on or dated, dated)
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


def owed_at(session: Session, organisation_id: int, day: date) -> list[Instalment]:
    """Every allowance payment due by ``day`` and not fully received by then (a debtor
    at a year's end), settled only by receipts dated on or before ``day``."""
    years = [y for y in list_years(session, organisation_id) if y.starts_on <= day]
    found: list[Instalment] = []
    for agreement in list_agreements(session, organisation_id):
        expected = [
            (e.due_on, e.amount_pence)
            for y in years
            for e in expected_receipts(agreement, y)
            if e.due_on <= day
        ]
        if not expected:
            continue
        paid = [r for r in _receipts(session, organisation_id, agreement.id) if r[1] <= day]
        found += [i for i in _settle(agreement, expected, paid, day) if i.owed_pence > 0]
    return found
