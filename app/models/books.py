"""What the books hold beside the cash book: money owed to and by the organisation,
equipment kept for its own use, the cash book's receipts and payments for members'
shares, and the allowance payments a receipt was matched with by hand.

Money is integer pence.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class OwedItem(OrgOwned, Base):
    """A debtor (``side`` 'debtor': money owed to the organisation) or a creditor
    ('creditor': a bill received and not yet paid). Settled when paid."""

    __tablename__ = "owed_items"
    __table_args__ = (
        CheckConstraint("side IN ('debtor', 'creditor')", name="side"),
        CheckConstraint("amount_pence > 0", name="positive"),
        CheckConstraint("due_on IS NULL OR due_on >= dated", name="due_order"),
        CheckConstraint("settled_on IS NULL OR settled_on >= dated", name="settled_order"),
        Index("ix_owed_items_side", "organisation_id", "side", "dated"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    side: Mapped[str] = mapped_column(String(10), nullable=False)
    party: Mapped[str] = mapped_column(String(120), nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False)
    amount_pence: Mapped[int] = mapped_column(nullable=False)
    dated: Mapped[date] = mapped_column(nullable=False)  # invoiced, or the bill received
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    settled_on: Mapped[date | None] = mapped_column(nullable=True)
    reference: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)


class EquipmentItem(OrgOwned, Base):
    """Equipment or furniture kept for the organisation's own use, at what it cost."""

    __tablename__ = "equipment"
    __table_args__ = (
        CheckConstraint("cost_pence >= 0", name="cost"),
        CheckConstraint("disposed_on IS NULL OR disposed_on >= bought_on", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    description: Mapped[str] = mapped_column(String(200), nullable=False)
    bought_on: Mapped[date] = mapped_column(nullable=False)
    cost_pence: Mapped[int] = mapped_column(nullable=False)
    location: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    fund_id: Mapped[int | None] = mapped_column(
        ForeignKey("funds.id", ondelete="RESTRICT"), nullable=True
    )
    disposed_on: Mapped[date | None] = mapped_column(nullable=True)
    disposal_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)


class ShareMoney(Base):
    """A line of the share ledger and the cash book entry that moved its money (one
    receipt may bank the shares of many members)."""

    __tablename__ = "share_money"

    share_line_id: Mapped[int] = mapped_column(
        ForeignKey("share_transactions.id", ondelete="RESTRICT"), primary_key=True
    )
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("cash_entries.id", ondelete="RESTRICT"), nullable=False, index=True
    )


class AllowanceMatch(Base):
    """A receipt against an agreement matched by hand with the payment due on
    ``due_on``; it settles that payment before any other."""

    __tablename__ = "allowance_matches"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("cash_entries.id", ondelete="RESTRICT"), primary_key=True
    )
    due_on: Mapped[date] = mapped_column(nullable=False)
