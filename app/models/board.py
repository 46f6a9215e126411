"""The board: seat types by constituency, who sits in them, and the officers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned


class SeatType(OrgOwned, Base):
    """A kind of board seat: '4 tenant seats, elected for 3 years'.

    ``category_id`` is the constituency (None: any member); ``filled_by`` is
    'elected', 'co_opted' or 'appointed' (``body`` names who appoints).
    """

    __tablename__ = "seat_types"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_seat_types_name"),
        CheckConstraint("seats BETWEEN 1 AND 100", name="seats_range"),
        CheckConstraint("term_years BETWEEN 1 AND 10", name="term_range"),
        CheckConstraint("filled_by IN ('elected', 'co_opted', 'appointed')", name="filled_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_categories.id", ondelete="RESTRICT"), nullable=True
    )
    seats: Mapped[int] = mapped_column(nullable=False)
    term_years: Mapped[int] = mapped_column(nullable=False)
    filled_by: Mapped[str] = mapped_column(String(20), nullable=False)
    body: Mapped[str] = mapped_column(String(120), nullable=False, default="")


class BoardMembership(OrgOwned, Base):
    """One member's time in one seat: how they came, and when and why it ended."""

    __tablename__ = "board_memberships"
    __table_args__ = (
        Index("ix_board_memberships_member", "member_id", "started_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates_in_order"),
        CheckConstraint("how IN ('elected', 'co_opted', 'appointed')", name="how"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_type_id: Mapped[int] = mapped_column(
        ForeignKey("seat_types.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    started_on: Mapped[date] = mapped_column(nullable=False)
    term_ends_on: Mapped[date] = mapped_column(nullable=False)
    ended_on: Mapped[date | None] = mapped_column(nullable=True)
    how: Mapped[str] = mapped_column(String(20), nullable=False)
    election_id: Mapped[int | None] = mapped_column(
        ForeignKey("elections.id", ondelete="RESTRICT"), nullable=True
    )
    ended_reason: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class OfficerRole(OrgOwned, Base):
    """An office (chair, vice-chair, secretary, treasurer) held by a board member."""

    __tablename__ = "officer_roles"
    __table_args__ = (
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates_in_order"),
        CheckConstraint(
            "office IN ('chair', 'vice_chair', 'secretary', 'treasurer')", name="office"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_membership_id: Mapped[int] = mapped_column(
        ForeignKey("board_memberships.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    office: Mapped[str] = mapped_column(String(20), nullable=False)
    started_on: Mapped[date] = mapped_column(nullable=False)
    ended_on: Mapped[date | None] = mapped_column(nullable=True)
