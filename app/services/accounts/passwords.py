"""Passwords: argon2id hashes, and checking one (no SQLAlchemy: the first sign-in of a
session is checked before it is imported, see ``services.upkeep.first_look``)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher


def hasher() -> PasswordHasher:
    """The hasher at today's cost."""
    from argon2 import PasswordHasher

    # argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 40 ms on
    # a slow office PC, so signing in stays quick while guessing stays expensive.
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@cache
def dummy_hash() -> str:
    """Checked for unknown user names, so they take as long to refuse as known ones."""
    return hash_password("no such user: this never matches")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return str(hasher().hash(password))


def password_matches(stored: str, password: str) -> bool:
    """True when ``password`` is the one ``stored`` was hashed from."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was hashed at another cost than today's."""
    return bool(hasher().check_needs_rehash(stored))
