"""Whether the database named is a server's address rather than a file: asked before the
first window shows, so nothing heavy is imported here."""

from __future__ import annotations

from pathlib import Path

SCHEMES = ("postgresql://", "postgres://")


def is_address(text: str | Path | None) -> bool:
    """Whether ``text`` names a database server rather than a file."""
    return isinstance(text, str) and text.startswith(SCHEMES)
