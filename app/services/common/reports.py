"""What every report carries, whatever it is rendered to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum


class ColumnKind(Enum):
    """How a column's values are written and aligned."""

    TEXT = "text"
    DATE = "date"
    MONEY = "money"
    NUMBER = "number"
    IDENTIFIER = "identifier"  # a whole number printed as it is: 1289, not 1,289


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading, kind and relative width in the PDF."""

    heading: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float = 1.0
    total: bool = False


Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Letterhead:
    """Who the report is from."""

    organisation: str
    logo: bytes | None = None
    address: str = ""
    anchor: str = ""  # where the audit trail stood when printed, for the footer


@dataclass(frozen=True)
class TableReport:
    """A titled table with optional notes: most lists are one of these."""

    title: str
    letterhead: Letterhead
    generated: datetime
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    subtitle: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    landscape: bool = False
    large_print: bool = False
    total_label: str = "Total"

    def totals(self) -> tuple[Cell, ...]:
        """Sums of the columns marked ``total`` (None elsewhere)."""
        sums: list[Cell] = []
        for index, column in enumerate(self.columns):
            if column.total:
                values = [row[index] for row in self.rows]
                sums.append(sum((v for v in values if isinstance(v, Decimal | int)), Decimal(0)))
            else:
                sums.append(None)
        return tuple(sums)


def make_private(out: object) -> None:
    """Reports name people: a report written to a file is readable by its owner only."""
    import os
    from pathlib import Path

    if isinstance(out, Path) and out.exists():
        os.chmod(out, 0o600)


def uk_date(value: date) -> str:
    """24/11/2026."""
    return value.strftime("%d/%m/%Y")


def uk_datetime(value: datetime) -> str:
    """24/11/2026 14:05."""
    return value.strftime("%d/%m/%Y %H:%M")


def money_text(value: Decimal) -> str:
    """£1,234.50 (negative as -£1.00)."""
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def cell_text(value: Cell, kind: ColumnKind) -> str:
    """A cell as the PDF prints it."""
    if value is None:
        return ""
    if kind is ColumnKind.MONEY and isinstance(value, Decimal | int):
        return money_text(Decimal(value))
    if isinstance(value, datetime):
        return uk_datetime(value)
    if isinstance(value, date):
        return uk_date(value)
    if isinstance(value, int | Decimal) and kind is ColumnKind.NUMBER:
        return f"{value:,}"
    return str(value)
