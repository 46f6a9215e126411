"""Members' share money in the cash book.

A paid share issue records a receipt, a withdrawal a payment, and a cancelled share a
payment only where the rules say it is repaid (otherwise the money is forfeited to the
organisation and stays where it is) — each in the same unit of work as its line of the
share ledger, under a share capital category that the accounts show apart from income
and spending. ``share_money`` links each ledger line to the entry that moved its money.

The books start with the first financial year opened in MutualDesk: shares dated
before it (or in an organisation that keeps no books here) are the ledger alone. A
line dated later must find an open year for its money, or nothing is recorded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import (
    Entry,
    FinanceCategory,
    FinancialYear,
    Fund,
    Member,
    MoneyAccount,
    Organisation,
    ShareMoney,
    ShareTransaction,
)
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.names import name_of
from app.services.common.reports import uk_date
from app.services.finance.cashbook import EntryDetails, record_linked_entry
from app.services.finance.common import EntryKind
from app.services.membership import shares
from app.services.membership.records import require_editor
from app.storage.numbering import hold_numbers

RECEIPT_HEADING, PAYMENT_HEADING = "share_capital_in", "share_capital_out"
MONEY_KINDS = ("issue", "withdrawal", "cancellation")


def books_start(session: Session, organisation_id: int) -> date | None:
    """When the organisation's books in MutualDesk begin (None: it keeps none here)."""
    return session.scalar(
        select(func.min(FinancialYear.starts_on)).where(
            FinancialYear.organisation_id == organisation_id
        )
    )


def _category(session: Session, org_id: int, heading: str) -> int:
    """The share capital category for receipts or payments, added if there is none."""
    found = session.scalar(
        select(FinanceCategory.id)
        .where(
            FinanceCategory.organisation_id == org_id,
            FinanceCategory.heading == heading,
            FinanceCategory.active.is_(True),
        )
        .order_by(FinanceCategory.id)
    )
    if found is not None:
        return found
    receipt = heading == RECEIPT_HEADING
    row = FinanceCategory(
        organisation_id=org_id,
        name="Members' shares" if receipt else "Members' shares repaid",
        direction="receipt" if receipt else "payment",
        heading=heading,
        active=True,
    )
    session.add(row)
    session.flush()
    return row.id


def _account_and_fund(session: Session, org_id: int, account_id: int | None) -> tuple[int, int]:
    """The account the money goes through (the first open bank account unless chosen)
    and the unrestricted fund it belongs to until repaid."""
    if account_id is None:
        account_id = session.scalar(
            select(MoneyAccount.id)
            .where(MoneyAccount.organisation_id == org_id, MoneyAccount.closed.is_(False))
            .order_by(MoneyAccount.kind, MoneyAccount.id)  # 'bank' before 'cash'
        )
    fund_id = session.scalar(
        select(Fund.id)
        .where(Fund.organisation_id == org_id, Fund.kind == "unrestricted")
        .order_by(Fund.id)
    )
    if account_id is None or fund_id is None:
        missing = "a bank or cash account" if account_id is None else "an unrestricted fund"
        raise UserError(
            f"The share money cannot go in the cash book: there is no {missing}. Add one "
            "under Budgets & Accounts ▸ Set-up first. Nothing was recorded."
        )
    return account_id, fund_id


def record_money(
    session: Session,
    actor: Actor,
    org_id: int,
    lines: list[ShareTransaction],
    account_id: int | None,
) -> list[int]:
    """Record the money of ``lines`` (one entry per date and kind, linked back); the
    cash book numbers. Lines before the books start are left as the ledger alone."""
    start = books_start(session, org_id)
    if start is None:
        return []
    groups: dict[tuple[date, str], list[ShareTransaction]] = defaultdict(list)
    for line in lines:
        if line.amount_pence != 0 and line.on >= start:
            groups[(line.on, line.kind)].append(line)
    if not groups:
        return []
    account, fund = _account_and_fund(session, org_id, account_id)
    numbers: list[int] = []
    for (on, kind), group in sorted(groups.items()):
        pence = sum(line.amount_pence for line in group)
        receipt = pence > 0
        what = {"issue": "issued", "withdrawal": "withdrawn", "cancellation": "cancelled"}[kind]
        ledger = ", ".join(str(line.number) for line in group[:5])
        if len(group) > 5:
            ledger += f" … {group[-1].number}"
        description = (
            f"Members' shares {what}: {len(group)} member{'s' if len(group) != 1 else ''} "
            f"(share ledger {ledger})"
        )
        party = (
            name_of(session.get_one(Member, group[0].member_id), with_title=False)
            if len(group) == 1
            else "Members"
        )
        entry = record_linked_entry(
            session,
            actor,
            org_id,
            EntryDetails(
                kind=EntryKind.RECEIPT if receipt else EntryKind.PAYMENT,
                dated=on,
                description=description,
                amount_pence=abs(pence),
                fund_id=fund,
                account_id=account,
                party=party,
                category_id=_category(
                    session, org_id, RECEIPT_HEADING if receipt else PAYMENT_HEADING
                ),
                reference=f"Shares {group[0].number}",
            ),
        )
        session.add_all(ShareMoney(share_line_id=line.id, entry_id=entry.id) for line in group)
        numbers.append(entry.number)
    session.flush()
    return numbers


def _line(session: Session, org_id: int, number: int) -> ShareTransaction:
    return session.scalars(
        select(ShareTransaction).where(
            ShareTransaction.organisation_id == org_id, ShareTransaction.number == number
        )
    ).one()


def issue(
    session: Session,
    actor: Actor,
    member_id: int,
    count: int,
    on: date,
    *,
    amount_pence: int | None = None,
    note: str = "",
    account_id: int | None = None,
) -> int:
    """Issue shares (``shares.issue_shares``) and record what was paid as a receipt."""
    org_id = require_editor(actor)
    number = shares.issue_shares(
        session, actor, member_id, count, on, amount_pence=amount_pence, note=note
    )
    record_money(session, actor, org_id, [_line(session, org_id, number)], account_id)
    return number


def _take(
    session: Session,
    actor: Actor,
    kind: str,
    member_id: int,
    count: int,
    on: date,
    note: str,
    account_id: int | None,
) -> int:
    org_id = require_editor(actor)
    if kind == "withdrawal":
        number = shares.withdraw_shares(session, actor, member_id, count, on, note=note)
    else:
        number = shares.cancel_shares(session, actor, member_id, count, on, note=note)
    repaid = kind == "withdrawal" or session.get_one(Organisation, org_id).cancelled_shares_repaid
    if repaid:
        record_money(session, actor, org_id, [_line(session, org_id, number)], account_id)
    return number


def withdraw(
    session: Session, actor: Actor, member_id: int, count: int, on: date, *, note: str = "",
    account_id: int | None = None,
) -> int:  # fmt: skip
    """Withdraw shares and record the repayment as a payment."""
    return _take(session, actor, "withdrawal", member_id, count, on, note, account_id)


def cancel(
    session: Session, actor: Actor, member_id: int, count: int, on: date, *, note: str = "",
    account_id: int | None = None,
) -> int:  # fmt: skip
    """Cancel shares; a payment only where the rules say a cancelled share is repaid."""
    return _take(session, actor, "cancellation", member_id, count, on, note, account_id)


def issue_one_each(
    session: Session,
    actor: Actor,
    member_ids: list[int] | None,
    *,
    paid: bool,
    on: date | None = None,
    account_id: int | None = None,
) -> int:
    """``shares.issue_one_each``, the money received recorded one receipt per date."""
    org_id = require_editor(actor)
    hold_numbers(session, org_id)  # so that the lines after ``last`` are all ours
    last = session.scalar(
        select(func.max(ShareTransaction.number)).where(ShareTransaction.organisation_id == org_id)
    )
    count = shares.issue_one_each(session, actor, member_ids, paid=paid, on=on)
    new = session.scalars(
        select(ShareTransaction)
        .where(ShareTransaction.organisation_id == org_id, ShareTransaction.number > (last or 0))
        .order_by(ShareTransaction.number)
    ).all()
    record_money(session, actor, org_id, list(new), account_id)
    return count


# -- the check ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShareCapitalCheck:
    """The share ledger against the cash book, since the books started."""

    since: date | None
    ledger_pence: int  # paid in less repaid, by the ledger's lines that move money
    cash_pence: int  # receipts less payments under the share capital categories
    problems: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return not self.problems

    def words(self) -> str:
        if self.since is None:
            return "share capital: no books are kept here, so the share ledger stands alone"
        if self.agrees:
            return (
                f"share capital: the share ledger and the cash book agree "
                f"({format_pence(self.cash_pence)} since {uk_date(self.since)})"
            )
        return (
            f"share capital: the share ledger says {format_pence(self.ledger_pence)} and the "
            f"cash book {format_pence(self.cash_pence)} since {uk_date(self.since)}: "
            + "; ".join(self.problems[:5])
            + (f"; and {len(self.problems) - 5} more" if len(self.problems) > 5 else "")
        )


def compare(session: Session, organisation_id: int) -> ShareCapitalCheck:
    """The share ledger's money since the books began against the cash book's share
    capital categories: they agree when the totals do (receipts typed by hand for shares
    issued before a year was opened count as well as those recorded with the ledger).
    When they differ, the lines and entries that explain it are named."""
    since = books_start(session, organisation_id)
    if since is None:
        return ShareCapitalCheck(None, 0, 0, ())
    lines = session.execute(
        select(
            ShareTransaction.number,
            ShareTransaction.kind,
            ShareTransaction.on,
            ShareTransaction.amount_pence,
            ShareMoney.entry_id,
        )
        .outerjoin(ShareMoney, ShareMoney.share_line_id == ShareTransaction.id)
        .where(
            ShareTransaction.organisation_id == organisation_id,
            ShareTransaction.on >= since,
            ShareTransaction.kind.in_(MONEY_KINDS),
            ShareTransaction.amount_pence != 0,
        )
        .order_by(ShareTransaction.number)
    ).all()
    hints: list[str] = []
    by_entry: dict[int, int] = defaultdict(int)
    ledger_pence = 0
    for number, kind, on, pence, entry_id in lines:
        if entry_id is None and kind == "cancellation":
            continue  # forfeited: the money stays with the organisation
        ledger_pence += pence
        if entry_id is not None:
            by_entry[entry_id] += pence
            continue
        what = {"issue": "paid on shares issued", "withdrawal": "repaid"}[kind]
        hints.append(
            f"share ledger line {number} ({format_pence(abs(pence))} {what} on {uk_date(on)}) "
            f"has no {'receipt' if pence > 0 else 'payment'} recorded with it"
        )
    share_categories = select(FinanceCategory.id).where(
        FinanceCategory.organisation_id == organisation_id,
        FinanceCategory.heading.in_((RECEIPT_HEADING, PAYMENT_HEADING)),
    )
    entries = session.execute(
        select(Entry.id, Entry.number, Entry.kind, Entry.amount_pence, Entry.reverses_id)
        .where(
            Entry.organisation_id == organisation_id,
            Entry.category_id.in_(share_categories),
            Entry.kind.in_((EntryKind.RECEIPT, EntryKind.PAYMENT)),
        )
        .order_by(Entry.number)
    ).all()
    cash_pence = 0
    numbers = {row.id: row.number for row in entries}
    for entry_id, number, kind, pence, reverses in entries:
        effect = pence if kind == EntryKind.RECEIPT else -pence
        cash_pence += effect
        if reverses is not None:
            if reverses in by_entry:
                hints.append(
                    f"cash book entry {number} reverses entry {numbers.get(reverses, '?')}, "
                    "whose shares are still in the share ledger"
                )
        elif entry_id not in by_entry:
            hints.append(
                f"cash book entry {number} ({format_pence(pence)}) is under a share capital "
                "category but was not recorded with the share ledger"
            )
        elif by_entry[entry_id] != effect:
            hints.append(
                f"cash book entry {number} is {format_pence(pence)} but its share ledger "
                f"lines come to {format_pence(abs(by_entry[entry_id]))}"
            )
    problems = tuple(hints) if ledger_pence != cash_pence else ()
    if ledger_pence != cash_pence and not problems:  # pragma: no cover - named above
        problems = ("the totals differ",)
    return ShareCapitalCheck(since, ledger_pence, cash_pence, problems)
