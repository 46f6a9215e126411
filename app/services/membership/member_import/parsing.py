"""Each data row turned into a member's details, tidied and checked by the member form's rules.

The work goes column by column, and each distinct value in a column is tidied
and checked once (names, towns, postcodes, categories and dates repeat a lot):
100,000 rows cost a few hundred thousand function calls, not millions. The
functions are the member form's own (``members.CLEANERS``, ``field_rules``,
``date_order_issues``, ``postcode_warning``), applied in the order
``members.validate`` applies them, so a row gets the same messages, in the
same order, as the form would give.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import MISSING, dataclass, field
from datetime import date
from typing import Any

from app.services.membership.member_import.mapping import FIELDS, MULTI_COLUMN
from app.services.membership.member_import.reading import Table, Value
from app.services.membership.member_import.share_columns import ShareCells, read_shares
from app.services.membership.member_import.values import (
    parse_date,
    parse_number,
    parse_yes_no,
    text_of,
)
from app.services.membership.members import (
    _COLUMNS,
    CLEANERS,
    MemberDetails,
    date_order_issues,
    field_rules,
    postcode_warning,
)

DATE_FIELDS = ("date_of_birth", "applied_on", "joined_on")
# What a field is when no column feeds it (MemberDetails' defaults; category_id is set later).
BLANK: dict[str, Any] = {
    name: f.default
    for name, f in MemberDetails.__dataclass_fields__.items()
    if name in _COLUMNS and f.default is not MISSING
} | {"given_name": "", "family_name": "", "category_id": 0}
COLUMN = {name: i for i, name in enumerate(_COLUMNS)}
_MISSING = object()


@dataclass(slots=True)
class ParsedRow:
    """One data row: its spreadsheet row number, its cells, and what they became.

    ``values`` holds the member's columns in the order of ``members._COLUMNS``
    (``category_id`` is 0 until the import knows the category's id).
    """

    row: int
    cells: tuple[Value, ...]
    values: tuple[Any, ...]
    category: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shares: ShareCells | None = None

    def get(self, name: str) -> Any:
        """One field's value."""
        return self.values[COLUMN[name]]

    @property
    def details(self) -> MemberDetails:
        """The row as the member form's details."""
        return MemberDetails(**dict(zip(_COLUMNS, self.values, strict=True)))


def _each_once(function: Callable[[Any], Any], values: Iterable[Hashable]) -> list[Any]:
    """``[function(v) for v in values]``, calling ``function`` once per distinct value."""
    cache: dict[Any, Any] = {}
    get = cache.get
    out: list[Any] = []
    append = out.append
    for value in values:
        result = get(value, _MISSING)
        if result is _MISSING:
            result = cache[value] = function(value)
        append(result)
    return out


def _texts(cells: list[Value]) -> list[str]:
    return [c if type(c) is str else text_of(c) for c in cells]


def _dates(cells: list[Value], label: str, today: date) -> list[tuple[date | None, str | None]]:
    cache: dict[str, tuple[date | None, str | None]] = {}
    out = []
    for cell in cells:
        if type(cell) is str:
            found = cache.get(cell)
            if found is None:
                found = cache[cell] = parse_date(cell, label, today)
        else:
            found = parse_date(cell, label, today)
        out.append(found)
    return out


def _numbers(cells: list[Value], label: str) -> list[tuple[int | None, str | None]]:
    return [
        (int(c), None) if type(c) is str and c.isdigit() and c.isascii() else parse_number(c, label)
        for c in cells
    ]


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
    count = len(table.rows)
    cells_of = [cells for _, cells in table.rows]
    errors: list[list[str]] = [[] for _ in range(count)]

    def cells(index: int) -> list[Value]:
        return [row[index] for row in cells_of]

    def report(found: Iterable[str | None]) -> None:
        for problems, message in zip(errors, found, strict=True):
            if message:
                problems.append(message)

    columns: dict[str, list[Any]] = {}
    for name, index in single:
        if name in CLEANERS:
            columns[name] = _each_once(CLEANERS[name], _texts(cells(index)))
    for name, indexes in multi.items():
        texts = zip(*(_texts(cells(i)) for i in indexes), strict=True)
        columns[name] = _each_once(CLEANERS[name], ("\n".join(parts) for parts in texts))
    # Problems in the order the rows used to meet them: dates, number, large print, category.
    for name, index in single:
        if name in DATE_FIELDS:
            parsed = _dates(cells(index), FIELDS[name], today)
            columns[name] = [value for value, _ in parsed]
            report(problem for _, problem in parsed)
    for name, index in single:
        if name == "membership_number":
            numbers = _numbers(cells(index), FIELDS[name])
            columns[name] = [value for value, _ in numbers]
            report(problem for _, problem in numbers)
    for name, index in single:
        if name == "large_print":
            answers = [parse_yes_no(c, FIELDS[name]) for c in cells(index)]
            columns[name] = [value for value, _ in answers]
            report(problem for _, problem in answers)
    category_column = next((i for n, i in single if n == "category"), None)
    categories = [""] * count
    if category_column is not None:
        categories = _each_once(CLEANERS["title"], _texts(cells(category_column)))
        report(
            f"Category '{c[:60]}…' is too long (at most 60 characters)." if len(c) > 60 else None
            for c in categories
        )
    # The member form's rules, field by field, in validate's order.
    first, last = field_rules(today)

    def check(rules: tuple[tuple[str, Callable[[Any], Any]], ...]) -> None:
        for name, rule in rules:
            if name in columns:
                report(
                    issue.message if issue else None for issue in _each_once(rule, columns[name])
                )
            elif (issue := rule(BLANK[name])) is not None:
                report([issue.message] * count)

    check(first)
    dated = [columns.get(name) for name in DATE_FIELDS]
    if sum(c is not None for c in dated) >= 2:
        blank = [None] * count
        born, applied, joined = (c if c is not None else blank for c in dated)
        for problems, b, a, j in zip(errors, born, applied, joined, strict=True):
            if j and (a or b):
                problems.extend(issue.message for issue in date_order_issues(b, a, j))
    check(last)
    postcodes = columns.get("postcode")
    warned = _each_once(postcode_warning, postcodes) if postcodes else [None] * count
    values = zip(*(columns.get(name) or [BLANK[name]] * count for name in _COLUMNS), strict=True)
    shares: list[ShareCells | None] = [None] * count
    if (share_columns := read_shares(table, mapping, today)) is not None:
        shares, share_problems = share_columns
        for problems, more in zip(errors, share_problems, strict=True):
            problems.extend(more)
        dated = [columns.get(n) or [None] * count for n in ("applied_on", "joined_on")]
        starts = zip(*dated, strict=True)
        for problems, held, (applied, joined) in zip(errors, shares, starts, strict=True):
            began = min((d for d in (applied, joined) if d is not None), default=None)
            if held is not None and held.on is not None and began is not None and held.on < began:
                problems.append(
                    f"Date shares issued {held.on:%d/%m/%Y} is before the member applied or "
                    f"joined ({began:%d/%m/%Y})."
                )
    return [
        ParsedRow(number, row_cells, row_values, category, problems, [w] if w else [], held)
        for (number, row_cells), row_values, category, problems, w, held in zip(
            table.rows, values, categories, errors, warned, shares, strict=True
        )
    ]
