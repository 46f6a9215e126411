"""Spreadsheet cells turned into text, dates, numbers and yes/no, with a plain message if not."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from app.services.membership.member_import.reading import Value

_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
YES = frozenset({"yes", "y", "true", "1", "x", "✓", "✔"})
NO = frozenset({"no", "n", "false", "0", ""})


def text_of(cell: Value) -> str:
    """A cell as the person sees it: numbers without '.0', dates as dd/mm/yyyy."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "Yes" if cell else "No"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return f"{cell:%d/%m/%Y}" if cell.time() == time() else f"{cell:%d/%m/%Y %H:%M}"
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def parse_date(cell: Value, label: str, today: date) -> tuple[date | None, str | None]:
    """A date from a date cell, dd/mm/yyyy, d/m/yy or yyyy-mm-dd; else a message.

    A two-digit year is in this century unless that would be in the future.
    """
    if isinstance(cell, datetime):
        return cell.date(), None
    if isinstance(cell, date):
        return cell, None
    text = text_of(cell).strip()
    if not text:
        return None, None
    uk, iso = _UK.match(text), _ISO.match(text)
    if uk:
        day, month, year = int(uk[1]), int(uk[2]), int(uk[3])
        two_digit = len(uk[3]) == 2
    elif iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
        two_digit = False
    else:
        return None, f"{label} '{text}' is not a date: write it like 25/12/2019."
    if two_digit:
        year += 2000
        try:
            if date(year, month, day) > today:
                year -= 100
        except ValueError:
            pass
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{label} '{text}' is not a real date."


def parse_number(cell: Value, label: str) -> tuple[int | None, str | None]:
    """A whole number (a membership number) or a message."""
    if isinstance(cell, bool):
        return None, f"{label} '{text_of(cell)}' is not a whole number."
    if isinstance(cell, int):
        return cell, None
    if isinstance(cell, float) and cell.is_integer():
        return int(cell), None
    text = text_of(cell).strip()
    if not text:
        return None, None
    if text.isdigit() and text.isascii():
        return int(text), None
    return None, f"{label} '{text}' is not a whole number."


def parse_yes_no(cell: Value, label: str) -> tuple[bool, str | None]:
    """Yes/No, Y/N, True/False, 1/0, x or blank."""
    if isinstance(cell, bool):
        return cell, None
    word = text_of(cell).strip().casefold()
    if word in YES:
        return True, None
    if word in NO:
        return False, None
    return False, f"{label} '{text_of(cell).strip()}' should be Yes or No."
