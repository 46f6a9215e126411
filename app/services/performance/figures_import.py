"""Indicator figures read from the council's CSV file: a line for each indicator and
period, with its two figures. Every line is checked first; a file with any mistake
changes nothing, and the message names the line and what is wrong with it.

The columns are found by their headings (case and spacing do not matter):
``Code`` (or ``Indicator``), ``Year`` (the year the financial year starts in, or
``2025/26``), ``Quarter`` (1-4, or empty for the year), ``First`` (or ``Figure``,
``Numerator``) and ``Second`` (or ``Out of``, ``Denominator``); money in pounds
(``£48,000.00``) for indicators of money.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Indicator
from app.services.accounts.roles import Actor
from app.services.common.money import parse_money
from app.services.performance import indicators
from app.services.performance.library import COUNT, YEARLY

HEADINGS = {
    "code": ("code", "indicator", "indicator code", "pi", "measure"),
    "year": ("year", "financial year", "start year"),
    "quarter": ("quarter", "qtr", "q"),
    "first": ("first", "figure", "numerator", "achieved", "actual"),
    "second": ("second", "out of", "denominator", "of", "total"),
}
LONGEST = 5_000  # lines


@dataclass(frozen=True)
class FigureLine:
    """One line of the file, read and checked."""

    line: int
    indicator_id: int
    code: str
    start_year: int
    quarter: int
    first: int
    second: int | None


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = " ".join(name.strip().lower().split())
        for field, names in HEADINGS.items():
            if key in names and field not in found:
                found[field] = index
    missing = [f for f in ("code", "year", "first") if f not in found]
    if missing:
        raise UserError(
            f"The file's first line should name its columns; {', '.join(missing)} "
            "was not found (expected headings such as Code, Year, Quarter, First, Second)."
        )
    return found


def _number(text: str, money: bool, what: str, line: int) -> int:
    if money:
        value, issue = parse_money(what, text)
        if issue or value is None or value < 0 or value > 10**12:
            raise UserError(f"Line {line}: the {what} '{text}' is not an amount of money.")
        return value
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"\d{1,12}", cleaned):
        raise UserError(f"Line {line}: the {what} '{text}' is not a whole number.")
    return int(cleaned)


def read_figures(session: Session, organisation_id: int, text: str) -> list[FigureLine]:
    """Every line of the file, checked against the indicators switched on."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise UserError("The file has no figures: a line of headings, then a line for each.")
    if len(rows) > LONGEST:
        raise UserError(f"The file has more than {LONGEST:,} lines: split it.")
    columns = _columns(rows[0])
    known = {
        row.code: row
        for row in session.scalars(
            select(Indicator).where(Indicator.organisation_id == organisation_id)
        )
    }
    found = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(field: str, row: list[str] = row) -> str:
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        code = cell("code").upper()
        indicator = known.get(code)
        if indicator is None:
            raise UserError(f"Line {number}: there is no indicator {code or '(none)'} here; "
                            "switch it on first.")  # fmt: skip
        year_text = cell("year")
        match = re.fullmatch(r"(\d{4})(?:\s*[/-]\s*\d{2,4})?", year_text)
        if not match:
            raise UserError(f"Line {number}: the year '{year_text}' should be like 2025 or "
                            "2025/26.")  # fmt: skip
        quarter_text = cell("quarter").upper().removeprefix("Q")
        if quarter_text not in ("", "0", "1", "2", "3", "4"):
            raise UserError(f"Line {number}: the quarter '{cell('quarter')}' should be 1 to 4 "
                            "(or empty for the year).")  # fmt: skip
        quarter = int(quarter_text or 0)
        if (indicator.frequency == YEARLY) != (quarter == 0):
            raise UserError(
                f"Line {number}: {code} is measured "
                + ("once a year: leave the quarter empty." if indicator.frequency == YEARLY
                   else "each quarter: give the quarter, 1 to 4.")
            )  # fmt: skip
        first = _number(cell("first"), indicator.money, "first figure", number)
        second = None
        if indicator.method != COUNT:
            second = _number(cell("second"), indicator.money, "second figure", number)
            if second <= 0:
                raise UserError(f"Line {number}: {code}'s second figure must be more than "
                                "nothing.")  # fmt: skip
        found.append(FigureLine(number, indicator.id, code, int(match.group(1)),
                                quarter, first, second))  # fmt: skip
    seen: dict[tuple[int, int, int], int] = {}
    for item in found:
        key = (item.indicator_id, item.start_year, item.quarter)
        if key in seen:
            raise UserError(f"Line {item.line}: {item.code} for that period is on line "
                            f"{seen[key]} too.")  # fmt: skip
        seen[key] = item.line
    return found


def import_figures(session: Session, actor: Actor, text: str) -> int:
    """Record every line of the council's file (all or nothing); how many were recorded."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    lines = read_figures(session, actor.organisation_id, text)
    for item in lines:
        indicators.record(session, actor, item.indicator_id, item.start_year, item.quarter,
                          item.first, item.second, source="council CSV")  # fmt: skip
    return len(lines)
