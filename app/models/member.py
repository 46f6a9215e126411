"""The register of members: one row per person who has applied or been a member."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class Member(OrgOwned, Base):
    """One member (or applicant, or former member) of the organisation.

    ``joined_on``/``left_on`` are those of the latest period of membership
    (the history is in ``membership_periods``); ``joined_on`` is empty while
    the person is only an applicant. ``search_text`` is kept by the service:
    names, number, postcode, email and phone, folded for searching.
    """

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("organisation_id", "membership_number", name="uq_members_number"),
        # The Members page's list: name order, filters and search answered from the index alone
        Index(
            "ix_members_list",
            "organisation_id",
            "merged_into_id",
            "family_name",
            "given_name",
            "id",
            "category_id",
            "joined_on",
            "left_on",
            "search_text",
        ),
        Index("ix_members_current", "organisation_id", "left_on"),
        Index("ix_members_postcode", "organisation_id", "merged_into_id", "postcode"),
        Index("ix_members_joined", "organisation_id", "joined_on"),
        CheckConstraint("membership_number > 0", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_number: Mapped[int] = mapped_column(nullable=False)
    title: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    given_name: Mapped[str] = mapped_column(String(100), nullable=False)
    family_name: Mapped[str] = mapped_column(String(100), nullable=False)
    preferred_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    date_of_birth: Mapped[date | None] = mapped_column(nullable=True)
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    postcode: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    email_purpose: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    mobile: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    category_id: Mapped[int] = mapped_column(
        ForeignKey("member_categories.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    household_ref: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    applied_on: Mapped[date | None] = mapped_column(nullable=True)
    joined_on: Mapped[date | None] = mapped_column(nullable=True)
    admitted_by: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    left_on: Mapped[date | None] = mapped_column(nullable=True)
    leaving_reason: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    large_print: Mapped[bool] = mapped_column(nullable=False, default=False)
    interpreter_language: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    other_property: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=True
    )
    erased_on: Mapped[date | None] = mapped_column(nullable=True)
    # A member that is an organisation (a federation's centre), and who speaks for it.
    represents_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), nullable=True
    )
    representative: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
    # Bumped by every change through the program: a save made from an older copy of the
    # record (two offices at once) is refused, not written over the other's.
    version: Mapped[int] = mapped_column(nullable=False, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - as SQLAlchemy reads it
