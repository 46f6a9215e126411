"""Setting up the books: financial years (opened and closed), bank and cash accounts,
funds, and the categories receipts and payments are analysed under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Entry, FinanceCategory, FinancialYear, Fund, MoneyAccount
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.report_options import ReportOptions
from app.services.common.validation import raise_if_any, required_issue
from app.services.finance.common import (
    ACCOUNT_KINDS,
    FUND_KINDS,
    HEADING_BY_KEY,
    finance_org,
    year_label,
    year_row,
    year_starting,
)
from app.services.organisation.financial_year import financial_year


# -- financial years ----------------------------------------------------------------------
@dataclass(frozen=True)
class YearInfo:
    id: int
    starts_on: date
    ends_on: date
    closed_on: date | None

    @property
    def label(self) -> str:
        return year_label(self.starts_on, self.ends_on)

    @property
    def closed(self) -> bool:
        return self.closed_on is not None


def _year(row: FinancialYear) -> YearInfo:
    return YearInfo(row.id, row.starts_on, row.ends_on, row.closed_on)


def list_years(session: Session, organisation_id: int) -> list[YearInfo]:
    """The financial years set up, oldest first."""
    rows = session.scalars(
        select(FinancialYear)
        .where(FinancialYear.organisation_id == organisation_id)
        .order_by(FinancialYear.starts_on)
    )
    return [_year(r) for r in rows]


def open_year(session: Session, actor: Actor, start_year: int) -> YearInfo:
    """Open the financial year starting in ``start_year`` (the organisation's start date)."""
    org_id = finance_org(actor)
    if not 1990 <= start_year <= 2200:
        raise UserError.from_issues(
            [Issue("year", f"{start_year} is not a year to keep accounts for.")]
        )
    bounds = financial_year(session, org_id, start_year, date.today())
    clash = session.scalar(
        select(FinancialYear).where(
            FinancialYear.organisation_id == org_id,
            FinancialYear.starts_on <= bounds.end,
            FinancialYear.ends_on >= bounds.start,
        )
    )
    if clash is not None:
        raise UserError.from_issues(
            [
                Issue(
                    "year",
                    f"The year {year_label(clash.starts_on, clash.ends_on)} is already open.",
                )
            ]
        )
    closed_later = session.scalar(
        select(FinancialYear).where(
            FinancialYear.organisation_id == org_id,
            FinancialYear.starts_on > bounds.end,
            FinancialYear.closed_on.is_not(None),
        )
    )
    if closed_later is not None:
        later = year_label(closed_later.starts_on, closed_later.ends_on)
        raise UserError.from_issues(
            [
                Issue(
                    "year",
                    f"{bounds.label} comes before {later}, which is closed: entries in it "
                    "would change the closed year's accounts.",
                )
            ]
        )
    row = FinancialYear(organisation_id=org_id, starts_on=bounds.start, ends_on=bounds.end)
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "open year", "financial_year", row.id, after={"label": bounds.label}
    )
    return _year(row)


def close_year(session: Session, actor: Actor, year_id: int, on: date | None = None) -> YearInfo:
    """Close a year that has ended: no entry can be added to it, reversed in it or
    reconciled against it again."""
    org_id = finance_org(actor)
    row = year_row(session, org_id, year_id)
    label = year_label(row.starts_on, row.ends_on)
    today = on or date.today()
    if row.closed_on is not None:
        raise UserError(f"{label} was closed on {row.closed_on:%d/%m/%Y}.")
    if row.ends_on >= today:
        raise UserError(f"{label} has not ended yet (it ends on {row.ends_on:%d/%m/%Y}).")
    earlier_open = session.scalar(
        select(FinancialYear).where(
            FinancialYear.organisation_id == org_id,
            FinancialYear.starts_on < row.starts_on,
            FinancialYear.closed_on.is_(None),
        )
    )
    if earlier_open is not None:
        raise UserError(
            f"Close {year_label(earlier_open.starts_on, earlier_open.ends_on)} first: years "
            "are closed in order."
        )
    row.closed_on, row.closed_by = today, actor.username
    session.flush()
    audit.record(session, actor, "close year", "financial_year", row.id, after={"label": label})
    return _year(row)


def _in_closed_year(session: Session, column: Any, value: int) -> bool:
    """True if an entry with ``column == value`` is dated in a closed year (whose
    accounts must not change)."""
    return (
        session.scalar(
            select(Entry.id)
            .join(FinancialYear, FinancialYear.id == Entry.year_id)
            .where(column == value, FinancialYear.closed_on.is_not(None))
            .limit(1)
        )
        is not None
    )


# -- accounts -------------------------------------------------------------------------------
@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    kind: str
    bank: str
    number_ending: str
    closed: bool

    @property
    def kind_label(self) -> str:
        return ACCOUNT_KINDS[self.kind]


def _account(row: MoneyAccount) -> AccountInfo:
    return AccountInfo(row.id, row.name, row.kind, row.bank, row.number_ending, row.closed)


def list_accounts(session: Session, organisation_id: int) -> list[AccountInfo]:
    rows = session.scalars(
        select(MoneyAccount)
        .where(MoneyAccount.organisation_id == organisation_id)
        .order_by(MoneyAccount.closed, MoneyAccount.id)
    )
    return [_account(r) for r in rows]


def account_row(session: Session, organisation_id: int, account_id: int) -> MoneyAccount:
    row = session.get(MoneyAccount, account_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That bank or cash account is not set up in this organisation.")
    return row


def save_account(
    session: Session,
    actor: Actor,
    *,
    name: str,
    kind: str = "bank",
    bank: str = "",
    number_ending: str = "",
    closed: bool = False,
    account_id: int | None = None,
) -> int:
    """Add or change a bank or cash account; its id. Only the last four figures of an
    account number are kept."""
    org_id = finance_org(actor)
    issues: list[Issue | None] = [required_issue("name", name, "account's name", max_length=80)]
    if kind not in ACCOUNT_KINDS:
        issues.append(Issue("kind", "Choose a bank account or cash."))
    ending = number_ending.strip()
    if ending and not (ending.isdigit() and len(ending) <= 4):
        issues.append(Issue("number_ending", "Give only the last four figures of the number."))
    raise_if_any(issues)
    _unique(session, MoneyAccount, org_id, name.strip(), account_id, "An account")
    if closed and account_id:
        from app.services.finance.book import account_balances

        left = account_balances(session, org_id).get(account_id, 0)
        if left:
            raise UserError.from_issues(
                [
                    Issue(
                        "closed",
                        f"The account still holds {format_pence(left)}: transfer it out "
                        "before closing the account.",
                    )
                ]
            )
    row = (
        account_row(session, org_id, account_id)
        if account_id
        else MoneyAccount(organisation_id=org_id)
    )
    row.name, row.kind, row.bank = name.strip(), kind, bank.strip()
    row.number_ending, row.closed = ending, closed
    session.add(row)
    session.flush()
    audit.record(session, actor, "save", "money_account", row.id, after={"name": row.name})
    return row.id


def _unique(
    session: Session, model: type, org_id: int, name: str, own_id: int | None, what: str
) -> None:
    clash = session.scalar(
        select(model.id).where(  # type: ignore[attr-defined]
            model.organisation_id == org_id,  # type: ignore[attr-defined]
            model.name == name,  # type: ignore[attr-defined]
            model.id != (own_id or 0),  # type: ignore[attr-defined]
        )
    )
    if clash is not None:
        raise UserError.from_issues([Issue("name", f"{what} called '{name}' already exists.")])


# -- funds ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FundInfo:
    id: int
    name: str
    kind: str
    purpose: str

    @property
    def kind_label(self) -> str:
        return FUND_KINDS[self.kind]


def list_funds(session: Session, organisation_id: int) -> list[FundInfo]:
    rows = session.scalars(
        select(Fund).where(Fund.organisation_id == organisation_id).order_by(Fund.id)
    )
    return [FundInfo(r.id, r.name, r.kind, r.purpose) for r in rows]


def fund_row(session: Session, organisation_id: int, fund_id: int) -> Fund:
    row = session.get(Fund, fund_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That fund is not set up in this organisation.")
    return row


def save_fund(
    session: Session,
    actor: Actor,
    *,
    name: str,
    kind: str = "unrestricted",
    purpose: str = "",
    fund_id: int | None = None,
) -> int:
    """Add or change a fund; its id."""
    org_id = finance_org(actor)
    issues: list[Issue | None] = [required_issue("name", name, "fund's name", max_length=80)]
    if kind not in FUND_KINDS:
        issues.append(Issue("kind", "Choose unrestricted, restricted or endowment."))
    if kind != "unrestricted" and not purpose.strip():
        issues.append(Issue("purpose", "Say what a restricted or endowment fund may be spent on."))
    raise_if_any(issues)
    _unique(session, Fund, org_id, name.strip(), fund_id, "A fund")
    row = fund_row(session, org_id, fund_id) if fund_id else Fund(organisation_id=org_id)
    if fund_id and row.kind != kind and _in_closed_year(session, Entry.fund_id, fund_id):
        raise UserError.from_issues(
            [Issue("kind", "This fund has entries in a closed year: its kind cannot change.")]
        )
    row.name, row.kind, row.purpose = name.strip(), kind, purpose.strip()
    session.add(row)
    session.flush()
    audit.record(session, actor, "save", "fund", row.id, after={"name": row.name, "kind": kind})
    return row.id


# -- categories -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    direction: str
    heading: str
    active: bool

    @property
    def heading_label(self) -> str:
        return HEADING_BY_KEY[self.heading].label


DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("LMA allowance", "receipt", "grants"),
    ("Other grants", "receipt", "grants"),
    ("Donations", "receipt", "donations"),
    ("Fundraising events", "receipt", "fundraising"),
    ("Hall hire", "receipt", "trading"),
    ("Bank interest", "receipt", "investment"),
    ("Other receipts", "receipt", "other_receipts"),
    ("Staff wages", "payment", "charitable"),
    ("Contractors", "payment", "charitable"),
    ("Materials and equipment", "payment", "charitable"),
    ("Community projects", "payment", "charitable"),
    ("Fundraising costs", "payment", "raising_funds"),
    ("Insurance", "payment", "governance"),
    ("Independent examination", "payment", "governance"),
    ("Bank charges", "payment", "governance"),
    ("Other payments", "payment", "other_payments"),
    ("Equipment purchases", "payment", "asset_purchases"),
    ("Members' shares", "receipt", "share_capital_in"),
    ("Members' shares repaid", "payment", "share_capital_out"),
)


def list_categories(session: Session, organisation_id: int) -> list[CategoryInfo]:
    """Receipt categories, then payment categories, each in the order added."""
    rows = session.scalars(
        select(FinanceCategory)
        .where(FinanceCategory.organisation_id == organisation_id)
        .order_by(FinanceCategory.direction.desc(), FinanceCategory.id)
    )
    return [CategoryInfo(r.id, r.name, r.direction, r.heading, r.active) for r in rows]


def save_category(
    session: Session,
    actor: Actor,
    *,
    name: str,
    direction: str,
    heading: str,
    active: bool = True,
    category_id: int | None = None,
) -> int:
    """Add or change a category; its id. The heading must suit the direction."""
    org_id = finance_org(actor)
    issues: list[Issue | None] = [required_issue("name", name, "category's name", max_length=80)]
    if direction not in ("receipt", "payment"):
        issues.append(Issue("direction", "Choose receipts or payments."))
    elif heading not in HEADING_BY_KEY or HEADING_BY_KEY[heading].direction != direction:
        issues.append(Issue("heading", f"Choose one of the {direction} headings."))
    raise_if_any(issues)
    clash = session.scalar(
        select(FinanceCategory.id).where(
            FinanceCategory.organisation_id == org_id,
            FinanceCategory.direction == direction,
            FinanceCategory.name == name.strip(),
            FinanceCategory.id != (category_id or 0),
        )
    )
    if clash is not None:
        raise UserError.from_issues(
            [Issue("name", f"A {direction} category called '{name.strip()}' already exists.")]
        )
    if category_id:
        row = session.get(FinanceCategory, category_id)
        if row is None or row.organisation_id != org_id:
            raise UserError("That category is not set up in this organisation.")
        if row.direction != direction:
            raise UserError.from_issues(
                [Issue("direction", "A category cannot move between receipts and payments.")]
            )
    else:
        row = FinanceCategory(organisation_id=org_id, direction=direction)
    if (
        category_id
        and row.heading != heading
        and _in_closed_year(session, Entry.category_id, category_id)
    ):
        raise UserError.from_issues(
            [
                Issue(
                    "heading",
                    "This category has entries in a closed year: its heading cannot change.",
                )
            ]
        )
    row.name, row.heading, row.active = name.strip(), heading, active
    session.add(row)
    session.flush()
    audit.record(session, actor, "save", "finance_category", row.id, after={"name": row.name})
    return row.id


def ensure_default_categories(session: Session, actor: Actor) -> list[CategoryInfo]:
    """The usual categories, under the Charity Commission's headings, if none exist yet."""
    org_id = finance_org(actor)
    if not list_categories(session, org_id):
        for name, direction, heading in DEFAULT_CATEGORIES:
            save_category(session, actor, name=name, direction=direction, heading=heading)
    return list_categories(session, org_id)


def report_year(session: Session, actor: Actor, options: ReportOptions) -> YearInfo:
    """The year a report is asked for (``options.year``: the year it starts in), or the
    current one."""
    assert actor.organisation_id is not None
    if options.year is None:
        years = list_years(session, actor.organisation_id)
        if not years:
            raise UserError("No financial year is set up yet: open one under Budgets & Accounts.")
        today = date.today()
        current = [y for y in years if y.starts_on <= today] or years
        return current[-1]
    row = year_starting(session, actor.organisation_id, options.year)
    return YearInfo(row.id, row.starts_on, row.ends_on, row.closed_on)
