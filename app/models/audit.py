"""The audit trail: one row per change, chained by SHA-256."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditEntry(Base):
    """Who did what, when, with the row before and after.

    ``hash`` covers every other column and ``prev_hash``, so changing or
    removing a row breaks the chain from that row on. ``seals`` lists, one line
    per row, the digest of each audited row this unit of work changed (empty for
    none; loaded only when asked for, as it can be long after an import).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    organisation_id: Mapped[int | None] = mapped_column(nullable=True)
    user_id: Mapped[int | None] = mapped_column(nullable=True)
    username: Mapped[str] = mapped_column(String(60), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    entity_id: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    before: Mapped[str] = mapped_column(Text, nullable=False, default="")
    after: Mapped[str] = mapped_column(Text, nullable=False, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    seals: Mapped[str] = mapped_column(
        Text, nullable=False, default="", server_default="", deferred=True
    )
