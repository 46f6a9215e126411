"""Budgets and accounts: financial years, bank and cash accounts, funds, categories,
LMA agreements and their service lines, budgets, the cash book, reconciliations and
community projects.

Money is integer pence. The cash book is append-only: a mistake is put right by a
reversing entry (``reverses_id``, the same amount negated), never by an edit or a
delete; a closed financial year takes no entries at all.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class FinancialYear(OrgOwned, Base):
    """One financial year ('2026/27' starts in 2026); closed years are locked."""

    __tablename__ = "financial_years"
    __table_args__ = (
        UniqueConstraint("organisation_id", "starts_on", name="uq_financial_years_start"),
        CheckConstraint("ends_on > starts_on", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(nullable=False)
    ends_on: Mapped[date] = mapped_column(nullable=False)
    closed_on: Mapped[date | None] = mapped_column(nullable=True)
    closed_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")


class MoneyAccount(OrgOwned, Base):
    """A bank account or a cash tin. ``csv_mapping`` remembers how this bank's
    statement files are laid out (JSON)."""

    __tablename__ = "money_accounts"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_money_accounts_name"),
        CheckConstraint("kind IN ('bank', 'cash')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="bank")
    bank: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    number_ending: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    closed: Mapped[bool] = mapped_column(nullable=False, default=False)
    csv_mapping: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Fund(OrgOwned, Base):
    """Unrestricted, restricted ('LMA allowance', 'Community projects') or endowment."""

    __tablename__ = "funds"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_funds_name"),
        CheckConstraint("kind IN ('unrestricted', 'restricted', 'endowment')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(15), nullable=False, default="unrestricted")
    purpose: Mapped[str] = mapped_column(Text, nullable=False, default="")


class FinanceCategory(OrgOwned, Base):
    """A heading receipts or payments are analysed under, mapped to a line of the
    Charity Commission's receipts and payments account (``heading``)."""

    __tablename__ = "finance_categories"
    __table_args__ = (
        UniqueConstraint("organisation_id", "direction", "name", name="uq_finance_categories_name"),
        CheckConstraint("direction IN ('receipt', 'payment')", name="direction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    direction: Mapped[str] = mapped_column(String(10), nullable=False)
    heading: Mapped[str] = mapped_column(String(30), nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class Agreement(OrgOwned, Base):
    """A Local Management Agreement: the allowance the council (or landlord) pays, how
    it is paid, and the community's share of any savings (basis points: 5000 = 50%)."""

    __tablename__ = "agreements"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_agreements_name"),
        CheckConstraint("schedule IN ('monthly', 'quarterly', 'annually')", name="schedule"),
        CheckConstraint("community_share_bp BETWEEN 0 AND 10000", name="share"),
        CheckConstraint("monitoring_months IN (1, 3, 6, 12)", name="monitoring"),
        CheckConstraint("ends_on IS NULL OR ends_on > starts_on", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    counterparty: Mapped[str] = mapped_column(String(120), nullable=False)
    starts_on: Mapped[date] = mapped_column(nullable=False)
    ends_on: Mapped[date | None] = mapped_column(nullable=True)
    schedule: Mapped[str] = mapped_column(String(10), nullable=False, default="quarterly")
    community_share_bp: Mapped[int] = mapped_column(nullable=False, default=5000)
    monitoring_months: Mapped[int] = mapped_column(nullable=False, default=3)
    fund_id: Mapped[int] = mapped_column(
        ForeignKey("funds.id", ondelete="RESTRICT"), nullable=False
    )


class ServiceLine(Base):
    """A service an agreement covers (cleaning, grounds maintenance, caretaking) and its
    share of the annual allowance."""

    __tablename__ = "service_lines"
    __table_args__ = (UniqueConstraint("agreement_id", "name", name="uq_service_lines_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    annual_allowance_pence: Mapped[int] = mapped_column(nullable=False, default=0)


class BudgetLine(OrgOwned, Base):
    """What a year's budget expects under one category (and service line)."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(
        ForeignKey("financial_years.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("finance_categories.id", ondelete="RESTRICT"), nullable=False
    )
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_lines.id", ondelete="RESTRICT"), nullable=True
    )
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class BudgetAmount(Base):
    """A budget line's amount for one month of the year (1 = the year's first month)."""

    __tablename__ = "budget_amounts"
    __table_args__ = (CheckConstraint("month BETWEEN 1 AND 12", name="month"),)

    line_id: Mapped[int] = mapped_column(
        ForeignKey("budget_lines.id", ondelete="RESTRICT"), primary_key=True
    )
    month: Mapped[int] = mapped_column(primary_key=True)
    amount_pence: Mapped[int] = mapped_column(nullable=False)


class Project(OrgOwned, Base):
    """A community project paid for from the community's share of the savings."""

    __tablename__ = "community_projects"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_projects_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    fund_id: Mapped[int] = mapped_column(
        ForeignKey("funds.id", ondelete="RESTRICT"), nullable=False
    )
    budget_pence: Mapped[int] = mapped_column(nullable=False, default=0)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    lead: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    starts_on: Mapped[date | None] = mapped_column(nullable=True)
    ends_on: Mapped[date | None] = mapped_column(nullable=True)
    # proposed, agreed, under way, finished or not going ahead
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="proposed")


class Reconciliation(Base):
    """A bank statement agreed with the cash book: its date and closing balance; the
    entries it cleared point at it. Finished only when the difference is nil."""

    __tablename__ = "reconciliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("money_accounts.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    statement_on: Mapped[date] = mapped_column(nullable=False)
    statement_balance_pence: Mapped[int] = mapped_column(nullable=False)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")


class Entry(OrgOwned, Base):
    """One line of the cash book, numbered per organisation.

    ``kind``: 'opening' (an account's balance when the books start), 'receipt',
    'payment', or 'transfer' (between accounts: ``to_account_id``, the fund
    unchanged; or between funds: ``to_fund_id``, no account). Originals are
    positive; a reversal carries ``reverses_id`` and the original's amount negated.
    """

    __tablename__ = "cash_entries"
    __table_args__ = (
        UniqueConstraint("organisation_id", "number", name="uq_cash_entries_number"),
        CheckConstraint("kind IN ('opening', 'receipt', 'payment', 'transfer')", name="kind"),
        CheckConstraint("amount_pence <> 0", name="nonzero"),
        CheckConstraint(
            "kind = 'opening' OR (reverses_id IS NULL AND amount_pence > 0) "
            "OR (reverses_id IS NOT NULL AND amount_pence < 0)",
            name="sign",
        ),
        CheckConstraint(
            "kind <> 'transfer' OR (to_account_id IS NOT NULL AND to_fund_id IS NULL "
            "AND account_id IS NOT NULL) OR (to_fund_id IS NOT NULL AND to_account_id IS NULL "
            "AND account_id IS NULL)",
            name="transfer",
        ),
        CheckConstraint("kind = 'transfer' OR account_id IS NOT NULL", name="account"),
        # The cash book's list and its search read this index alone, in order.
        Index("ix_cash_entries_book", "organisation_id", "dated", "number", "search_text", "id"),
        Index("ix_cash_entries_account", "account_id", "dated"),
        Index("ix_cash_entries_year", "year_id", "category_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(nullable=False)
    year_id: Mapped[int] = mapped_column(
        ForeignKey("financial_years.id", ondelete="RESTRICT"), nullable=False
    )
    dated: Mapped[date] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False)
    party: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    amount_pence: Mapped[int] = mapped_column(nullable=False)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_accounts.id", ondelete="RESTRICT"), nullable=True
    )
    to_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_accounts.id", ondelete="RESTRICT"), nullable=True
    )
    fund_id: Mapped[int] = mapped_column(
        ForeignKey("funds.id", ondelete="RESTRICT"), nullable=False
    )
    to_fund_id: Mapped[int | None] = mapped_column(
        ForeignKey("funds.id", ondelete="RESTRICT"), nullable=True
    )
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("finance_categories.id", ondelete="RESTRICT"), nullable=True
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="RESTRICT"), nullable=True
    )
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_lines.id", ondelete="RESTRICT"), nullable=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("community_projects.id", ondelete="RESTRICT"), nullable=True
    )
    reference: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    attachment: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    bank_ref: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("cash_entries.id", ondelete="RESTRICT"), nullable=True, unique=True
    )
    reconciliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("reconciliations.id", ondelete="RESTRICT"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # Description, payer or payee and reference, folded to lower case, for the search.
    search_text: Mapped[str] = mapped_column(String(400), nullable=False, default="")
