"""What a federation keeps of its centres that stay on their own files: each quarter's
(or year's) return, as the centre signed it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utc_now


class CentreReturn(Base):
    """One centre's figures for one period, imported from its signed return file. The same
    period imported again replaces it (a corrected return); the same file changes nothing."""

    __tablename__ = "centre_returns"
    __table_args__ = (
        UniqueConstraint("centre_key", "start_year", "quarter", name="uq_centre_returns_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_key: Mapped[str] = mapped_column(String(64), nullable=False)  # name and number
    centre: Mapped[str] = mapped_column(String(200), nullable=False)
    start_year: Mapped[int] = mapped_column(nullable=False)
    quarter: Mapped[int] = mapped_column(nullable=False)  # 0: the whole year
    figures: Mapped[str] = mapped_column(Text, nullable=False)  # JSON, as signed
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")
