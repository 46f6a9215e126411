"""The schema revisions this version of the program knows, without Alembic or SQLAlchemy.

Start-up reads the file's revision with the standard library and compares it
with these, so that Alembic is imported only when a migration is needed.
A unit test checks these against the migration scripts.
"""

from pathlib import Path

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


def reseal_note(path: Path) -> Path:
    """The note left beside the file at ``path`` while an upgrade's rows are to be sealed
    again (``storage.reseal``); read at every opening, before SQLAlchemy is imported."""
    return path.with_name(path.name + ".resealing")
