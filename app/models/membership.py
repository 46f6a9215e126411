"""Categories, periods of membership, consents and the share ledger."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class MemberCategory(OrgOwned, Base):
    """A constituency such as tenant, leaseholder, parent/carer or staff."""

    __tablename__ = "member_categories"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_member_categories_name"),
        CheckConstraint("probation_months >= 0", name="probation_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    may_vote: Mapped[bool] = mapped_column(nullable=False, default=True)
    may_stand: Mapped[bool] = mapped_column(nullable=False, default=True)
    probation_months: Mapped[int] = mapped_column(nullable=False, default=0)
    is_default: Mapped[bool] = mapped_column(nullable=False, default=False)


class MembershipPeriod(Base):
    """One period of membership: re-joining starts a new one."""

    __tablename__ = "membership_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    joined_on: Mapped[date] = mapped_column(nullable=False)
    left_on: Mapped[date | None] = mapped_column(nullable=True)
    leaving_reason: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class MemberConsent(Base):
    """Whether a member agreed to be contacted a way (or photographed), when and how."""

    __tablename__ = "member_consents"
    __table_args__ = (UniqueConstraint("member_id", "kind", name="uq_member_consents_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    given: Mapped[bool] = mapped_column(nullable=False)
    recorded_on: Mapped[date] = mapped_column(nullable=False)
    source: Mapped[str] = mapped_column(String(60), nullable=False, default="")


class ShareTransaction(OrgOwned, Base):
    """One numbered line of the append-only share ledger.

    ``shares`` and ``amount_pence`` are signed: an issue adds, a withdrawal,
    cancellation or the giving side of a transfer takes away. A transfer is
    two lines that name each other's member.
    """

    __tablename__ = "share_transactions"
    __table_args__ = (
        UniqueConstraint("organisation_id", "number", name="uq_share_transactions_number"),
        Index("ix_share_transactions_member", "member_id", "on"),
        CheckConstraint("shares <> 0", name="shares_not_zero"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(nullable=False)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    on: Mapped[date] = mapped_column(nullable=False)
    shares: Mapped[int] = mapped_column(nullable=False)
    amount_pence: Mapped[int] = mapped_column(nullable=False)
    other_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=True
    )
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
