"""Matching an allowance receipt with the payment it was for, by hand: where the council
paid out of order, or one payment late and the next early, the automatic oldest-first
matching is put right. A receipt in a closed year keeps its match."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import AllowanceMatch, Entry
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.reports import uk_date
from app.services.finance.agreements import expected_receipts, get_agreement
from app.services.finance.cashbook import entry_row
from app.services.finance.common import EntryKind, closed_until, finance_org
from app.services.finance.setup import list_years


def due_dates(session: Session, organisation_id: int, agreement_id: int) -> list[date]:
    """Every payment date the agreement's schedule expects, over the years opened."""
    agreement = get_agreement(session, organisation_id, agreement_id)
    return [
        e.due_on
        for y in list_years(session, organisation_id)
        for e in expected_receipts(agreement, y)
    ]


def _receipt(session: Session, org_id: int, entry_id: int) -> Entry:
    row = entry_row(session, org_id, entry_id)
    if row.kind != EntryKind.RECEIPT or row.agreement_id is None or row.reverses_id is not None:
        raise UserError(
            f"Entry {row.number} is not a receipt against an agreement: only those are matched "
            "with the allowance's payments."
        )
    closed = closed_until(session, org_id)
    if closed is not None and row.dated <= closed:
        raise UserError(
            f"Entry {row.number} is in a closed financial year (closed up to "
            f"{uk_date(closed)}): its match cannot change."
        )
    return row


def match_by_hand(session: Session, actor: Actor, entry_id: int, due_on: date) -> None:
    """Say which expected payment the receipt ``entry_id`` was for."""
    org_id = finance_org(actor)
    row = _receipt(session, org_id, entry_id)
    assert row.agreement_id is not None
    if due_on not in due_dates(session, org_id, row.agreement_id):
        raise UserError(
            f"The agreement expects no payment on {uk_date(due_on)}: choose one of its dates."
        )
    match = session.get(AllowanceMatch, row.id) or AllowanceMatch(entry_id=row.id)
    match.due_on = due_on
    session.add(match)
    session.flush()
    audit.record(
        session, actor, "match allowance", "cash_entry", row.id,
        after={"number": row.number, "payment due": due_on.isoformat()},
    )  # fmt: skip


def unmatch(session: Session, actor: Actor, entry_id: int) -> None:
    """Let the receipt be matched oldest first again."""
    org_id = finance_org(actor)
    row = _receipt(session, org_id, entry_id)
    match = session.get(AllowanceMatch, row.id)
    if match is None:
        raise UserError(f"Entry {row.number} was not matched by hand.")
    session.delete(match)
    session.flush()
    audit.record(session, actor, "unmatch allowance", "cash_entry", row.id,
                 after={"number": row.number})  # fmt: skip


def matched(session: Session, organisation_id: int) -> dict[int, date]:
    """Entry id -> the payment date it was matched with by hand."""
    return dict(
        session.execute(
            select(AllowanceMatch.entry_id, AllowanceMatch.due_on)
            .join(Entry, Entry.id == AllowanceMatch.entry_id)
            .where(Entry.organisation_id == organisation_id)
        ).all()
    )
