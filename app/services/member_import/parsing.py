"""Each data row turned into a member's details, tidied and checked by the member form's rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.services.member_import.mapping import FIELDS, MULTI_COLUMN
from app.services.member_import.reading import Table, Value
from app.services.member_import.values import parse_date, parse_number, parse_yes_no, text_of
from app.services.members import CLEANERS, MemberDetails, validate, warnings_for

DATE_FIELDS = ("date_of_birth", "applied_on", "joined_on")


@dataclass(slots=True)
class ParsedRow:
    """One data row: its spreadsheet row number, its cells, and what they became."""

    row: int
    cells: tuple[Value, ...]
    details: MemberDetails
    category: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _memo(function: Callable[[str], Any]) -> Callable[[str], Any]:
    """``function`` remembered per distinct text (names, towns and dates repeat a lot)."""
    cache: dict[str, Any] = {}

    def remembered(text: str) -> Any:
        try:
            return cache[text]
        except KeyError:
            value = cache[text] = function(text)
            return value

    return remembered


def _date_parser(label: str, today: date) -> Callable[[str], tuple[date | None, str | None]]:
    def parse(text: str) -> tuple[date | None, str | None]:
        return parse_date(text, label, today)

    return parse


def parse_rows(table: Table, mapping: dict[int, str], today: date) -> list[ParsedRow]:
    """Every data row of ``table`` read through ``mapping`` (column index -> field)."""
    single: list[tuple[str, int]] = []
    multi: dict[str, list[int]] = {}
    for index, name in sorted(mapping.items()):
        if name not in FIELDS or index >= len(table.headers):
            continue
        if name in MULTI_COLUMN:
            multi.setdefault(name, []).append(index)
        elif name not in (f for f, _ in single):
            single.append((name, index))
    text_columns = [(n, i, _memo(CLEANERS[n])) for n, i in single if n in CLEANERS]
    date_columns = [
        (n, i, _memo(_date_parser(FIELDS[n], today))) for n, i in single if n in DATE_FIELDS
    ]
    number_column = next((i for n, i in single if n == "membership_number"), None)
    category_column = next((i for n, i in single if n == "category"), None)
    large_print_column = next((i for n, i in single if n == "large_print"), None)
    multi_columns = [(n, cols, _memo(CLEANERS[n])) for n, cols in multi.items()]
    spaces = _memo(CLEANERS["title"])
    parsed: list[ParsedRow] = []
    for number, cells in table.rows:
        values: dict[str, Any] = {"category_id": 0}
        errors: list[str] = []
        for name, index, clean in text_columns:
            cell = cells[index]
            values[name] = clean(cell if type(cell) is str else text_of(cell))
        for name, columns, clean in multi_columns:
            values[name] = clean("\n".join(text_of(cells[i]) for i in columns))
        for name, index, parse in date_columns:
            cell = cells[index]
            value, problem = (
                parse(cell) if type(cell) is str else parse_date(cell, FIELDS[name], today)
            )
            values[name] = value
            if problem:
                errors.append(problem)
        if number_column is not None:
            membership_number, problem = parse_number(
                cells[number_column], FIELDS["membership_number"]
            )
            values["membership_number"] = membership_number
            if problem:
                errors.append(problem)
        if large_print_column is not None:
            values["large_print"], problem = parse_yes_no(
                cells[large_print_column], FIELDS["large_print"]
            )
            if problem:
                errors.append(problem)
        category = ""
        if category_column is not None:
            cell = cells[category_column]
            category = spaces(cell if type(cell) is str else text_of(cell))
            if len(category) > 60:
                errors.append(f"Category '{category[:60]}…' is too long (at most 60 characters).")
        values.setdefault("given_name", "")
        values.setdefault("family_name", "")
        details = MemberDetails(**values)
        errors.extend(issue.message for issue in validate(details, today))
        parsed.append(ParsedRow(number, cells, details, category, errors, warnings_for(details)))
    return parsed
