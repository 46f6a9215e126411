"""Dates as people type them in the UK: 31/01/2026, 1/2/26, 2026-01-31."""

from __future__ import annotations

import re
from datetime import date

from app.errors import Issue

_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(
    field: str, text: str, label: str, *, today: date | None = None
) -> tuple[date | None, Issue | None]:
    """``text`` as a date (None if blank), or an issue saying why it is not one.

    Two-digit years are the latest year that is not in the future ('26' in
    2026 is 2026, '27' is 1927).
    """
    text = text.strip()
    if not text:
        return None, None
    today = today or date.today()
    iso, uk = _ISO.match(text), _UK.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
        if len(uk.group(3)) == 2:
            year += 2000 if 2000 + year <= today.year else 1900
    else:
        return None, Issue(field, f"{label} '{text}' is not a date: write it as dd/mm/yyyy.")
    try:
        return date(year, month, day), None
    except ValueError:
        return None, Issue(field, f"{label} '{text}' is not a real date.")


def uk(day: date | None) -> str:
    """31/01/2026, or '' for no date."""
    return f"{day:%d/%m/%Y}" if day else ""
