"""The cash book: receipts, payments, transfers and opening balances, numbered in order.

Entries are never changed or deleted. A mistake is put right by a reversing
entry (the same amount negated, pointing at the original), dated in an open
year; a closed year takes nothing. A scan of the receipt may be attached once.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Agreement, Entry, FinanceCategory, FinancialYear, Project, ServiceLine
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.reports import uk_date
from app.services.common.validation import raise_if_any, required_issue
from app.services.finance.common import (
    ENTRY_KINDS,
    EntryKind,
    finance_org,
    year_containing,
    year_label,
)
from app.services.finance.setup import account_row, fund_row
from app.storage.attachment_backup import attachments_of
from app.storage.numbering import hold_numbers


@dataclass(frozen=True)
class EntryDetails:
    """What the entry form holds. ``amount_pence`` is always positive."""

    kind: str
    dated: date
    description: str
    amount_pence: int
    fund_id: int
    account_id: int | None = None
    party: str = ""
    category_id: int | None = None
    to_account_id: int | None = None
    to_fund_id: int | None = None
    agreement_id: int | None = None
    service_id: int | None = None
    project_id: int | None = None
    reference: str = ""
    bank_ref: str = ""


@dataclass(frozen=True)
class EntryInfo:
    id: int
    number: int
    dated: date
    kind: str
    description: str
    amount_pence: int
    reverses_id: int | None

    @property
    def kind_label(self) -> str:
        return ENTRY_KINDS[self.kind]


def _info(row: Entry) -> EntryInfo:
    return EntryInfo(
        row.id, row.number, row.dated, row.kind, row.description, row.amount_pence, row.reverses_id
    )


def open_year_for(
    session: Session, organisation_id: int, day: date, field: str = "dated"
) -> FinancialYear:
    """The open financial year ``day`` falls in, or a UserError that says what to do."""
    year = year_containing(session, organisation_id, day)
    if year is None:
        open_ones = session.scalars(
            select(FinancialYear)
            .where(
                FinancialYear.organisation_id == organisation_id,
                FinancialYear.closed_on.is_(None),
            )
            .order_by(FinancialYear.starts_on)
        ).all()
        listed = ", ".join(year_label(y.starts_on, y.ends_on) for y in open_ones) or "none yet"
        raise UserError.from_issues(
            [
                Issue(
                    field,
                    f"{uk_date(day)} is not in an open financial year (open: {listed}). "
                    "Open the year under Set-up, or check the date.",
                )
            ]
        )
    if year.closed_on is not None:
        raise UserError.from_issues(
            [
                Issue(
                    field,
                    f"{uk_date(day)} is in {year_label(year.starts_on, year.ends_on)}, which was "
                    f"closed on {uk_date(year.closed_on)}: its books can no longer change.",
                )
            ]
        )
    return year


def _check(session: Session, org_id: int, d: EntryDetails) -> list[Issue | None]:
    issues: list[Issue | None] = [
        required_issue("description", d.description, "description", max_length=200)
    ]
    if d.kind not in ENTRY_KINDS:
        return [*issues, Issue("kind", "Choose a receipt, a payment or a transfer.")]
    if d.amount_pence == 0:
        issues.append(Issue("amount", "The amount cannot be £0.00."))
    elif d.amount_pence < 0 and d.kind != EntryKind.OPENING:
        issues.append(Issue("amount", "The amount must be more than £0.00."))
    for field, text, most in (("party", d.party, 120), ("reference", d.reference, 60)):
        if len(text.strip()) > most:
            issues.append(Issue(field, f"This is too long: at most {most} characters."))
    if d.kind == EntryKind.TRANSFER:
        if (d.to_account_id is None) == (d.to_fund_id is None):
            issues.append(
                Issue("to_account_id", "A transfer goes to another account or to another fund.")
            )
        if d.to_account_id is not None and d.to_account_id == d.account_id:
            issues.append(
                Issue("to_account_id", "A transfer needs two different accounts: choose another.")
            )
        if d.to_fund_id is not None and d.to_fund_id == d.fund_id:
            issues.append(
                Issue("to_fund_id", "A transfer between funds needs two different funds.")
            )
        if d.to_fund_id is None and d.account_id is None:
            issues.append(Issue("account_id", "Choose the account the money leaves."))
        if d.to_fund_id is not None and d.account_id is not None:
            issues.append(
                Issue(
                    "account_id",
                    "A transfer between funds moves no money between accounts: choose "
                    "'(a transfer between funds)' as the account, or no second fund.",
                )
            )
        if d.category_id is not None:
            issues.append(Issue("category_id", "A transfer has no category."))
    else:
        if d.to_account_id is not None or d.to_fund_id is not None:
            issues.append(Issue("kind", "Only a transfer goes to a second account or fund."))
        if d.account_id is None:
            issues.append(Issue("account_id", "Choose the bank or cash account."))
        if d.kind in (EntryKind.RECEIPT, EntryKind.PAYMENT):
            issues.append(_category_issue(session, org_id, d))
    return issues


def _category_issue(session: Session, org_id: int, d: EntryDetails) -> Issue | None:
    if d.category_id is None:
        return Issue("category_id", f"Choose the category this {d.kind} belongs under.")
    row = session.get(FinanceCategory, d.category_id)
    if row is None or row.organisation_id != org_id:
        return Issue("category_id", "That category is not set up in this organisation.")
    if row.direction != d.kind:
        return Issue(
            "category_id", f"'{row.name}' is a {row.direction} category, not a {d.kind} one."
        )
    if not row.active:
        return Issue("category_id", f"'{row.name}' is no longer used: choose another category.")
    return None


def _check_links(session: Session, org_id: int, d: EntryDetails) -> None:
    """Accounts, funds, agreement, service line and project exist and belong together."""
    for account_id in (d.account_id, d.to_account_id):
        if account_id is not None and account_row(session, org_id, account_id).closed:
            raise UserError.from_issues(
                [Issue("account_id", "That account is closed: choose another.")]
            )
    for fund_id in (d.fund_id, d.to_fund_id):
        if fund_id is not None:
            fund_row(session, org_id, fund_id)
    if d.agreement_id is not None:
        agreement = session.get(Agreement, d.agreement_id)
        if agreement is None or agreement.organisation_id != org_id:
            raise UserError.from_issues([Issue("agreement_id", "That agreement is not set up.")])
    if d.service_id is not None:
        service = session.get(ServiceLine, d.service_id)
        if service is None or service.agreement_id != d.agreement_id:
            raise UserError.from_issues(
                [Issue("service_id", "Choose a service line of the chosen agreement.")]
            )
    if d.project_id is not None:
        project = session.get(Project, d.project_id)
        if project is None or project.organisation_id != org_id:
            raise UserError.from_issues([Issue("project_id", "That project is not set up.")])


def search_text(description: str, party: str, reference: str) -> str:
    """What the cash book's search looks in: the three texts, lower case, one string."""
    return " | ".join((description, party, reference)).casefold()[:400]


def _next_number(session: Session, org_id: int) -> int:
    hold_numbers(session, org_id)
    return (
        session.scalar(select(func.max(Entry.number)).where(Entry.organisation_id == org_id)) or 0
    ) + 1


def record_entry(session: Session, actor: Actor, details: EntryDetails) -> EntryInfo:
    """Add one entry to the cash book; refused whole (nothing saved) if anything is wrong."""
    return record_linked_entry(session, actor, finance_org(actor), details)


def record_linked_entry(
    session: Session, actor: Actor, org_id: int, details: EntryDetails
) -> EntryInfo:
    """``record_entry`` for an entry that is part of other work the caller has already
    allowed ``actor`` to do (a member's share money, recorded with the share ledger)."""
    d = details
    issues = _check(session, org_id, d)
    try:
        year = open_year_for(session, org_id, d.dated)
    except UserError as error:
        issues += list(error.issues)
    raise_if_any(issues)
    _check_links(session, org_id, d)
    row = Entry(
        organisation_id=org_id,
        number=_next_number(session, org_id),
        year_id=year.id,
        dated=d.dated,
        kind=d.kind,
        description=d.description.strip(),
        party=d.party.strip(),
        amount_pence=d.amount_pence,
        account_id=d.account_id,
        to_account_id=d.to_account_id,
        fund_id=d.fund_id,
        to_fund_id=d.to_fund_id,
        category_id=d.category_id if d.kind in (EntryKind.RECEIPT, EntryKind.PAYMENT) else None,
        agreement_id=d.agreement_id,
        service_id=d.service_id,
        project_id=d.project_id,
        reference=d.reference.strip(),
        bank_ref=d.bank_ref.strip(),
        created_by=actor.username,
        search_text=search_text(d.description.strip(), d.party.strip(), d.reference.strip()),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        d.kind,
        "cash_entry",
        row.id,
        after={
            "number": row.number,
            "dated": row.dated.isoformat(),
            "amount": format_pence(row.amount_pence),
            "description": row.description,
        },
    )
    return _info(row)


def entry_row(session: Session, organisation_id: int, entry_id: int) -> Entry:
    row = session.get(Entry, entry_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError(f"There is no cash book entry {entry_id} in this organisation.")
    return row


def reverse_entry(
    session: Session, actor: Actor, entry_id: int, *, on: date, reason: str
) -> EntryInfo:
    """Put a mistaken entry right: a new entry dated ``on`` with the amount negated."""
    org_id = finance_org(actor)
    original = entry_row(session, org_id, entry_id)
    raise_if_any([required_issue("reason", reason, "reason for the reversal", max_length=120)])
    if original.reverses_id is not None:
        raise UserError(
            f"Entry {original.number} is itself a reversal: enter the right figures as a new "
            "entry instead."
        )
    if original.kind == EntryKind.OPENING:
        raise UserError("An opening balance is put right by another opening entry, not reversed.")
    done = session.scalar(select(Entry.number).where(Entry.reverses_id == original.id))
    if done is not None:
        raise UserError(f"Entry {original.number} was already reversed by entry {done}.")
    if on < original.dated:
        raise UserError.from_issues(
            [
                Issue(
                    "on",
                    f"A reversal cannot be dated before the entry ({uk_date(original.dated)}).",
                )
            ]
        )
    year = open_year_for(session, org_id, on, "on")
    row = Entry(
        organisation_id=org_id,
        number=_next_number(session, org_id),
        year_id=year.id,
        dated=on,
        kind=original.kind,
        description=f"Reversal of entry {original.number}: {reason.strip()}"[:200],
        party=original.party,
        amount_pence=-original.amount_pence,
        account_id=original.account_id,
        to_account_id=original.to_account_id,
        fund_id=original.fund_id,
        to_fund_id=original.to_fund_id,
        category_id=original.category_id,
        agreement_id=original.agreement_id,
        service_id=original.service_id,
        project_id=original.project_id,
        reference=original.reference,
        reverses_id=original.id,
        created_by=actor.username,
    )
    row.search_text = search_text(row.description, row.party, row.reference)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "reverse",
        "cash_entry",
        original.id,
        after={"reversal": row.number, "dated": on.isoformat(), "reason": reason.strip()},
    )
    return _info(row)


SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attachments_folder(db_path: Path) -> Path:
    """Where scans of receipts are kept: beside the database, and backed up with it
    (``attachment_backup``)."""

    return attachments_of(db_path)


def attach_scan(session: Session, actor: Actor, entry_id: int, source: Path, folder: Path) -> str:
    """Copy a scan of the receipt into ``folder`` and note it on the entry; its file name.
    An entry has one scan; a closed year's entries take none."""
    org_id = finance_org(actor)
    row = entry_row(session, org_id, entry_id)
    if row.attachment:
        raise UserError(f"Entry {row.number} already has a scan ({row.attachment}).")
    year = session.get_one(FinancialYear, row.year_id)
    if year.closed_on is not None:
        raise UserError(
            f"{year_label(year.starts_on, year.ends_on)} is closed: its entries cannot change."
        )
    if not source.is_file():
        raise UserError(f"There is no file at {source}.")
    if source.stat().st_size > 20_000_000:
        raise UserError("The scan is larger than 20 MB: scan it at a lower resolution.")
    name = f"{row.number:06d}-{SAFE.sub('-', source.name)[-80:]}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = target.with_suffix(target.suffix + ".part")
    shutil.copyfile(source, partial)
    partial.replace(target)  # the file is whole before the entry names it
    row.attachment = name
    session.flush()
    audit.record(session, actor, "attach", "cash_entry", row.id, after={"file": name})
    return name
