"""An organisation: a TMO, a Children's Centre, a co-operative..."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utc_now


class Organisation(Base):
    """One mutual organisation and its settings."""

    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("share_value_pence > 0", name="share_value_positive"),
        CheckConstraint("fy_start_month BETWEEN 1 AND 12", name="fy_month"),
        CheckConstraint("fy_start_day BETWEEN 1 AND 31", name="fy_day"),
        CheckConstraint("idle_lock_minutes >= 0", name="idle_lock_non_negative"),
        CheckConstraint("minimum_voting_age BETWEEN 0 AND 120", name="voting_age_range"),
        CheckConstraint("retention_years BETWEEN 1 AND 100", name="retention_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    legal_form: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    registration_number: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    postcode: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    fy_start_month: Mapped[int] = mapped_column(nullable=False, default=4)
    fy_start_day: Mapped[int] = mapped_column(nullable=False, default=1)
    share_value_pence: Mapped[int] = mapped_column(nullable=False, default=100)
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    idle_lock_minutes: Mapped[int] = mapped_column(nullable=False, default=10)
    minimum_voting_age: Mapped[int] = mapped_column(nullable=False, default=16)
    voting_needs_paid_share: Mapped[bool] = mapped_column(nullable=False, default=True)
    # What the rules say of a share cancelled (on expulsion or leaving): repaid to the
    # member (true), or forfeited to the organisation (false or empty: the model rules'
    # usual choice). Empty until set, so that the upgrade leaves each row's seal as it was.
    cancelled_shares_repaid: Mapped[bool | None] = mapped_column(nullable=True)
    retention_years: Mapped[int] = mapped_column(nullable=False, default=6)
    founded_on: Mapped[date | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
