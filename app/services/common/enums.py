"""``StrEnum`` on every Python we support (kept in ``app.models.states`` with the
states themselves, which are stored in the tables)."""

from app.models.states import StrEnum as StrEnum

__all__ = ["StrEnum"]
