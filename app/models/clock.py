"""The time as the tables store it (no SQLAlchemy: start-up's first look uses it too)."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    """Now, in UTC, without tzinfo (how SQLite stores it)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
