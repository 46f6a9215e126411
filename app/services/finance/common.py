"""What the finance modules share: kinds, the Charity Commission's headings, the
permission check, financial-year arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import FinancialYear
from app.models.states import EntryKind as EntryKind  # re-exported
from app.services.accounts.roles import Actor, Permission
from app.services.organisation.financial_year import year_label as year_label

ACCOUNT_KINDS: dict[str, str] = {"bank": "Bank account", "cash": "Cash"}
FUND_KINDS: dict[str, str] = {
    "unrestricted": "Unrestricted",
    "restricted": "Restricted",
    "endowment": "Endowment",
}


ENTRY_KINDS: dict[str, str] = {
    "opening": "Opening balance",
    "receipt": "Receipt",
    "payment": "Payment",
    "transfer": "Transfer",
}
SCHEDULES: dict[str, int] = {"monthly": 12, "quarterly": 4, "annually": 1}


@dataclass(frozen=True)
class Heading:
    """A line of the Charity Commission's receipts and payments account (CC16)."""

    key: str
    label: str
    direction: str  # 'receipt' or 'payment'
    section: str  # 'receipts', 'asset_sales', 'shares_in', 'payments', 'asset_purchases',
    # 'shares_out' (members' share capital is shown apart from income and spending)


HEADINGS: tuple[Heading, ...] = (
    Heading("donations", "Donations and legacies", "receipt", "receipts"),
    Heading("grants", "Grants (including the LMA allowance)", "receipt", "receipts"),
    Heading("fundraising", "Fundraising and events", "receipt", "receipts"),
    Heading("trading", "Trading (hall hire, sales)", "receipt", "receipts"),
    Heading("investment", "Investment income (bank interest)", "receipt", "receipts"),
    Heading("other_receipts", "Other receipts", "receipt", "receipts"),
    Heading("asset_sales", "Sales of assets", "receipt", "asset_sales"),
    Heading("share_capital_in", "Members' share capital received", "receipt", "shares_in"),
    Heading("charitable", "Charitable activities (the services)", "payment", "payments"),
    Heading("raising_funds", "Raising funds", "payment", "payments"),
    Heading("governance", "Governance (audit, AGM, insurance)", "payment", "payments"),
    Heading("other_payments", "Other payments", "payment", "payments"),
    Heading(
        "asset_purchases", "Purchases of equipment and other assets", "payment", "asset_purchases"
    ),
    Heading("share_capital_out", "Members' share capital repaid", "payment", "shares_out"),
)
HEADING_BY_KEY = {h.key: h for h in HEADINGS}


def finance_org(actor: Actor, *, change: bool = True) -> int:
    """The actor's organisation; changing the books needs the finance permission."""
    if change:
        actor.require(Permission.EDIT_FINANCE)
    if actor.organisation_id is None:
        raise UserError("Choose an organisation first.")
    return actor.organisation_id


def month_of_year(starts_on: date, day: date) -> int:
    """Which month of the year ``day`` falls in: 1 for the first month after the start."""
    months = (day.year - starts_on.year) * 12 + day.month - starts_on.month
    if day.day < starts_on.day:
        months -= 1
    return months + 1


def year_containing(session: Session, organisation_id: int, day: date) -> FinancialYear | None:
    """The financial year (opened in MutualDesk) that ``day`` falls in, if any."""
    return session.scalar(
        select(FinancialYear).where(
            FinancialYear.organisation_id == organisation_id,
            FinancialYear.starts_on <= day,
            FinancialYear.ends_on >= day,
        )
    )


def year_row(session: Session, organisation_id: int, year_id: int) -> FinancialYear:
    row = session.get(FinancialYear, year_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That financial year is not set up in this organisation.")
    return row


def year_starting(session: Session, organisation_id: int, start_year: int) -> FinancialYear:
    """The financial year that starts in ``start_year`` (how the command line names it)."""
    for row in session.scalars(
        select(FinancialYear).where(FinancialYear.organisation_id == organisation_id)
    ):
        if row.starts_on.year == start_year:
            return row
    raise UserError(
        f"No financial year starting in {start_year} is set up: open it under Budgets & "
        "Accounts ▸ Set-up first."
    )


def closed_until(session: Session, organisation_id: int) -> date | None:
    """The end of the last closed financial year: nothing on or before it may change."""
    return session.scalar(
        select(func.max(FinancialYear.ends_on)).where(
            FinancialYear.organisation_id == organisation_id,
            FinancialYear.closed_on.is_not(None),
        )
    )
