"""The register of members (the membership area extends this)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned


class Member(OrgOwned, Base):
    """One member of the organisation."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("organisation_id", "membership_number", name="uq_members_number"),
        Index("ix_members_name", "organisation_id", "family_name", "given_name"),
        Index("ix_members_current", "organisation_id", "left_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_number: Mapped[int] = mapped_column(nullable=False)
    given_name: Mapped[str] = mapped_column(String(100), nullable=False)
    family_name: Mapped[str] = mapped_column(String(100), nullable=False)
    category: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    postcode: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    joined_on: Mapped[date] = mapped_column(nullable=False)
    left_on: Mapped[date | None] = mapped_column(nullable=True)
