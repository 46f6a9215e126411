"""A report in several titled sections (a subject access export): the data only.

``app/reports/sections.py`` writes it as JSON, and picks the PDF or xlsx writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.common.reports import Cell, Column, Letterhead


@dataclass(frozen=True)
class Section:
    """One part of a report: a table, or with ``row_keys`` a list of fields and values.

    ``keys`` name the columns in JSON. A field section has two columns (field,
    value) and ``row_keys`` names each row, so JSON shows it as one object.
    ``empty`` is printed when there are no rows.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = "Nothing is held."
    note: str = ""
    row_keys: tuple[str, ...] = ()

    @property
    def is_fields(self) -> bool:
        """True for a field/value section (such as a member's record)."""
        return bool(self.row_keys)


@dataclass(frozen=True)
class SectionedReport:
    """A titled report made of sections, with an introduction."""

    title: str
    letterhead: Letterhead
    generated: datetime
    introduction: str
    sections: tuple[Section, ...]
