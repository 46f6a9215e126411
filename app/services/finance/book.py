"""Reading the cash book: balances of accounts and funds, and the filtered list the
Budgets & Accounts page shows (ordered ids from one query, rows a page at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import Entry, FinanceCategory, Fund, MoneyAccount, ServiceLine
from app.services.finance.common import EntryKind


def _balances(
    session: Session, organisation_id: int, on: date | None, own: Any, to: Any
) -> dict[int, int]:
    """Balances keyed by ``own`` (the account or fund an entry is on) plus what transfers
    bring in to ``to`` (the account or fund they go to)."""
    where: list[Any] = [Entry.organisation_id == organisation_id]
    if on is not None:
        where.append(Entry.dated <= on)
    effect = case(
        (Entry.kind.in_(("opening", "receipt")), Entry.amount_pence),
        (Entry.kind == EntryKind.PAYMENT, -Entry.amount_pence),
        (and_(Entry.kind == EntryKind.TRANSFER, to.is_not(None)), -Entry.amount_pence),
        else_=0,
    )
    out: dict[int, int] = {}
    for query in (
        select(own, func.sum(effect)).where(*where).group_by(own),
        select(to, func.sum(Entry.amount_pence))
        .where(*where, Entry.kind == EntryKind.TRANSFER)
        .group_by(to),
    ):
        for key, pence in session.execute(query):
            if key is not None:
                out[key] = out.get(key, 0) + int(pence or 0)
    return out


def account_balances(
    session: Session, organisation_id: int, on: date | None = None
) -> dict[int, int]:
    """Each account's balance in pence at the end of ``on`` (or of everything entered)."""
    return _balances(session, organisation_id, on, Entry.account_id, Entry.to_account_id)


def fund_balances(session: Session, organisation_id: int, on: date | None = None) -> dict[int, int]:
    """Each fund's balance in pence at the end of ``on`` (or of everything entered)."""
    return _balances(session, organisation_id, on, Entry.fund_id, Entry.to_fund_id)


@dataclass(frozen=True)
class CashFilter:
    """Which entries the cash book shows; every part optional."""

    year_id: int | None = None
    account_id: int | None = None
    fund_id: int | None = None
    category_id: int | None = None
    kind: str | None = None
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None


class EntryRow(NamedTuple):
    """One line of the cash book as the page and the listing show it."""

    id: int
    number: int
    dated: date
    kind: str
    description: str
    party: str
    amount_pence: int
    account: str
    to_account: str
    fund: str
    to_fund: str
    category: str
    service: str
    reference: str
    attachment: str
    reverses_id: int | None
    reconciled: bool

    @property
    def money_in(self) -> int:
        """Pence into the organisation's accounts (receipts and opening balances)."""
        return self.amount_pence if self.kind in (EntryKind.RECEIPT, EntryKind.OPENING) else 0

    @property
    def money_out(self) -> int:
        """Pence paid out (payments)."""
        return self.amount_pence if self.kind == EntryKind.PAYMENT else 0


def _where(organisation_id: int, flt: CashFilter) -> list[Any]:
    where: list[Any] = [Entry.organisation_id == organisation_id]
    if flt.year_id is not None:
        where.append(Entry.year_id == flt.year_id)
    if flt.account_id is not None:
        where.append(or_(Entry.account_id == flt.account_id, Entry.to_account_id == flt.account_id))
    if flt.fund_id is not None:
        where.append(or_(Entry.fund_id == flt.fund_id, Entry.to_fund_id == flt.fund_id))
    if flt.category_id is not None:
        where.append(Entry.category_id == flt.category_id)
    if flt.kind is not None:
        where.append(Entry.kind == flt.kind)
    if flt.date_from is not None:
        where.append(Entry.dated >= flt.date_from)
    if flt.date_to is not None:
        where.append(Entry.dated <= flt.date_to)
    text = flt.text.strip()
    if text:
        escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        contains = Entry.search_text.like(f"%{escaped}%", escape="\\")
        number = text.isascii() and text.isdigit() and len(text) <= 9
        where.append(or_(Entry.number == int(text), contains) if number else contains)
    return where


def entry_ids(session: Session, organisation_id: int, flt: CashFilter = CashFilter()) -> list[int]:
    """The ids of the entries that match, in date then number order."""
    query = select(Entry.id).where(*_where(organisation_id, flt))
    return list(session.scalars(query.order_by(Entry.dated, Entry.number)))


def entry_rows(session: Session, ids: Sequence[int]) -> list[EntryRow]:
    """The rows for ``ids``, in the order given."""
    if not ids:
        return []
    to_account, to_fund = aliased(MoneyAccount), aliased(Fund)
    query = (
        select(
            Entry.id,
            Entry.number,
            Entry.dated,
            Entry.kind,
            Entry.description,
            Entry.party,
            Entry.amount_pence,
            func.coalesce(MoneyAccount.name, ""),
            func.coalesce(to_account.name, ""),
            Fund.name,
            func.coalesce(to_fund.name, ""),
            func.coalesce(FinanceCategory.name, ""),
            func.coalesce(ServiceLine.name, ""),
            Entry.reference,
            Entry.attachment,
            Entry.reverses_id,
            Entry.reconciliation_id.is_not(None),
        )
        .join(Fund, Fund.id == Entry.fund_id)
        .outerjoin(MoneyAccount, MoneyAccount.id == Entry.account_id)
        .outerjoin(to_account, to_account.id == Entry.to_account_id)
        .outerjoin(to_fund, to_fund.id == Entry.to_fund_id)
        .outerjoin(FinanceCategory, FinanceCategory.id == Entry.category_id)
        .outerjoin(ServiceLine, ServiceLine.id == Entry.service_id)
        .where(Entry.id.in_(list(ids)))
    )
    found = {row[0]: EntryRow._make(row) for row in session.execute(query)}
    return [found[i] for i in ids if i in found]


def reversed_ids(session: Session, organisation_id: int) -> set[int]:
    """Entries that have been reversed (the page marks them)."""
    return set(
        session.scalars(
            select(Entry.reverses_id).where(
                Entry.organisation_id == organisation_id, Entry.reverses_id.is_not(None)
            )
        )
    )
