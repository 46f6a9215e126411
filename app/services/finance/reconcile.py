"""Bank reconciliation: a statement's date and closing balance, the cash book items the
statement shows ticked as cleared; finished only when the difference is nil."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Entry, MoneyAccount, Reconciliation
from app.models.base import utc_now
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.reports import uk_date
from app.services.finance.book import EntryRow, account_balances, entry_rows
from app.services.finance.common import EntryKind, finance_org
from app.services.finance.setup import account_row


def effect(account_id: int) -> Any:
    """What an entry does to account ``account_id``, in pence, as SQL."""
    return case(
        (
            (Entry.account_id == account_id) & Entry.kind.in_(("opening", "receipt")),
            Entry.amount_pence,
        ),
        ((Entry.account_id == account_id) & (Entry.kind == EntryKind.PAYMENT), -Entry.amount_pence),
        (
            (Entry.account_id == account_id) & (Entry.kind == EntryKind.TRANSFER),
            -Entry.amount_pence,
        ),
        (Entry.to_account_id == account_id, Entry.amount_pence),
        else_=0,
    )


def _on_account(account_id: int) -> Any:
    return or_(Entry.account_id == account_id, Entry.to_account_id == account_id)


@dataclass(frozen=True)
class ReconciliationState:
    """Where a reconciliation has got to."""

    id: int
    account_id: int
    account: str
    statement_on: date
    statement_balance: int
    brought_forward: int  # cleared at earlier reconciliations (and opening balances)
    ticked: int  # the items ticked at this one
    finished_at: datetime | None

    @property
    def cleared_balance(self) -> int:
        return self.brought_forward + self.ticked

    @property
    def difference(self) -> int:
        return self.statement_balance - self.cleared_balance


def _row(session: Session, org_id: int, reconciliation_id: int) -> Reconciliation:
    row = session.get(Reconciliation, reconciliation_id)
    if row is None or account_row(session, org_id, row.account_id) is None:
        raise UserError("That reconciliation is not in this organisation.")
    return row


def state(session: Session, organisation_id: int, reconciliation_id: int) -> ReconciliationState:
    row = _row(session, organisation_id, reconciliation_id)
    account = session.get_one(MoneyAccount, row.account_id)
    # Brought forward: what earlier statements cleared, and the opening balances
    # dated by this statement.
    finished = select(Reconciliation.id).where(
        Reconciliation.account_id == row.account_id,
        Reconciliation.finished_at.is_not(None),
        Reconciliation.id != row.id,
        Reconciliation.statement_on < row.statement_on,
    )
    brought = session.scalar(
        select(func.coalesce(func.sum(effect(row.account_id)), 0)).where(
            _on_account(row.account_id),
            or_(
                Entry.reconciliation_id.in_(finished),
                (Entry.kind == EntryKind.OPENING) & (Entry.dated <= row.statement_on),
            ),
        )
    )
    ticked = session.scalar(
        select(func.coalesce(func.sum(effect(row.account_id)), 0)).where(
            Entry.reconciliation_id == row.id, Entry.kind != EntryKind.OPENING
        )
    )
    return ReconciliationState(
        row.id,
        row.account_id,
        account.name,
        row.statement_on,
        row.statement_balance_pence,
        int(brought or 0),
        int(ticked or 0),
        row.finished_at,
    )


def start(
    session: Session, actor: Actor, account_id: int, statement_on: date, statement_balance: int
) -> int:
    """Begin reconciling an account to a statement; carries on an unfinished one."""
    org_id = finance_org(actor)
    account = account_row(session, org_id, account_id)
    open_one = session.scalar(
        select(Reconciliation).where(
            Reconciliation.account_id == account_id, Reconciliation.finished_at.is_(None)
        )
    )
    last = session.scalar(
        select(func.max(Reconciliation.statement_on)).where(
            Reconciliation.account_id == account_id, Reconciliation.finished_at.is_not(None)
        )
    )
    if last is not None and statement_on <= last:
        raise UserError.from_issues(
            [
                Issue(
                    "statement_on",
                    f"{account.name} is already reconciled to {uk_date(last)}: the next "
                    "statement must be dated after that.",
                )
            ]
        )
    if open_one is not None:
        later = session.scalar(
            select(Entry.number).where(
                Entry.reconciliation_id == open_one.id, Entry.dated > statement_on
            )
        )
        if later is not None:
            raise UserError.from_issues(
                [
                    Issue(
                        "statement_on",
                        f"Entry {later}, ticked for this statement, is dated after "
                        f"{uk_date(statement_on)}: untick it first, or check the date.",
                    )
                ]
            )
        open_one.statement_on, open_one.statement_balance_pence = statement_on, statement_balance
        session.flush()
        audit.record(
            session,
            actor,
            "restart",
            "reconciliation",
            open_one.id,
            after={"statement": uk_date(statement_on), "balance": format_pence(statement_balance)},
        )
        return open_one.id
    row = Reconciliation(
        account_id=account_id, statement_on=statement_on, statement_balance_pence=statement_balance
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "start",
        "reconciliation",
        row.id,
        after={
            "account": account.name,
            "statement": uk_date(statement_on),
            "balance": format_pence(statement_balance),
        },
    )
    return row.id


def items(
    session: Session, organisation_id: int, reconciliation_id: int
) -> list[tuple[EntryRow, int, bool]]:
    """(entry, its effect on the account, ticked) for every item the statement could
    show: on the account, dated by the statement, not cleared at an earlier one."""
    row = _row(session, organisation_id, reconciliation_id)
    found = session.execute(
        select(Entry.id, effect(row.account_id), Entry.reconciliation_id == row.id)
        .where(
            Entry.organisation_id == organisation_id,
            _on_account(row.account_id),
            Entry.kind != EntryKind.OPENING,
            Entry.dated <= row.statement_on,
            or_(Entry.reconciliation_id.is_(None), Entry.reconciliation_id == row.id),
        )
        .order_by(Entry.dated, Entry.number)
    ).all()
    rows = {r.id: r for r in entry_rows(session, [f[0] for f in found])}
    return [(rows[i], int(e), bool(t)) for i, e, t in found]


def tick(
    session: Session, actor: Actor, reconciliation_id: int, entry_ids: list[int], cleared: bool
) -> None:
    """Mark items as shown on the statement (or not)."""
    org_id = finance_org(actor)
    row = _row(session, org_id, reconciliation_id)
    if row.finished_at is not None:
        raise UserError("This reconciliation is finished; start the next statement instead.")
    for entry_id in entry_ids:
        entry = session.get(Entry, entry_id)
        if (
            entry is None
            or entry.organisation_id != org_id
            or row.account_id
            not in (
                entry.account_id,
                entry.to_account_id,
            )
        ):
            raise UserError("That item is not on this account.")
        if entry.reconciliation_id not in (None, row.id):
            raise UserError(f"Entry {entry.number} was cleared at an earlier reconciliation.")
        if entry.dated > row.statement_on:
            raise UserError(
                f"Entry {entry.number} is dated after the statement ({uk_date(row.statement_on)})."
            )
        entry.reconciliation_id = row.id if cleared else None
    session.flush()


def finish(session: Session, actor: Actor, reconciliation_id: int) -> ReconciliationState:
    """Finish the reconciliation; refused unless the cleared balance equals the statement."""
    org_id = finance_org(actor)
    now = state(session, org_id, reconciliation_id)
    if now.finished_at is not None:
        raise UserError("This reconciliation is already finished.")
    if now.difference != 0:
        raise UserError(
            f"The cleared items come to {format_pence(now.cleared_balance)} but the statement "
            f"says {format_pence(now.statement_balance)}: a difference of "
            f"{format_pence(now.difference)}. Tick or untick items, or check the statement's "
            "balance."
        )
    row = _row(session, org_id, reconciliation_id)
    row.finished_at, row.finished_by = utc_now(), actor.username
    session.flush()
    audit.record(
        session,
        actor,
        "finish",
        "reconciliation",
        row.id,
        after={
            "account": now.account,
            "statement": uk_date(now.statement_on),
            "balance": format_pence(now.statement_balance),
        },
    )
    return state(session, org_id, reconciliation_id)


def summary(
    session: Session, organisation_id: int, on: date
) -> tuple[tuple[str, date | None, int | None, int, str], ...]:
    """For each account: the last statement reconciled by ``on``, its balance, the cash
    book balance on ``on``, and a word on where things stand."""

    balances = account_balances(session, organisation_id, on)
    out: list[tuple[str, date | None, int | None, int, str]] = []
    for account in session.scalars(
        select(MoneyAccount)
        .where(MoneyAccount.organisation_id == organisation_id)
        .order_by(MoneyAccount.id)
    ):
        last = session.scalar(
            select(Reconciliation)
            .where(
                Reconciliation.account_id == account.id,
                Reconciliation.finished_at.is_not(None),
                Reconciliation.statement_on <= on,
            )
            .order_by(Reconciliation.statement_on.desc())
            .limit(1)
        )
        if last is None:
            out.append((account.name, None, None, balances.get(account.id, 0), "Not reconciled"))
        else:
            out.append(
                (
                    account.name,
                    last.statement_on,
                    last.statement_balance_pence,
                    balances.get(account.id, 0),
                    f"Reconciled to {uk_date(last.statement_on)}",
                )
            )
    return tuple(out)
