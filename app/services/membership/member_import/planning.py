"""The preview of an import: what would be added, what is wrong and where, what looks doubled."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Member
from app.services.membership import categories, eligibility
from app.services.membership.member_import.bulk import collector_paused
from app.services.membership.member_import.mapping import FIELDS, auto_mapping
from app.services.membership.member_import.parsing import COLUMN, ParsedRow, parse_rows
from app.services.membership.member_import.reading import Table, read_table
from app.services.membership.member_import.values import text_of

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class RowProblem:
    """Something about one row, numbered as the spreadsheet numbers it."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass(frozen=True)
class Assessment:
    """The rows checked against the register as it is now."""

    problems: dict[int, list[str]]
    duplicates: tuple[RowProblem, ...]
    new_categories: tuple[str, ...]
    category_ids: dict[str, int]  # folded name -> id, for the categories that exist
    default_category_id: int | None
    default_category: str
    taken_numbers: frozenset[int]


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do, for a screen or the command line to show."""

    path: Path
    file_name: str
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[int, str]
    preview: tuple[tuple[int, tuple[str, ...]], ...]
    rows_read: int
    valid_rows: int
    problems: tuple[RowProblem, ...]
    new_categories: tuple[str, ...]
    default_category: str
    duplicates: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]
    without_shares: int
    share_warning: str
    table: Table = field(repr=False, compare=False)
    rows: list[ParsedRow] = field(repr=False, compare=False)
    assessment: Assessment = field(repr=False, compare=False)

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        """The row numbers that cannot be imported."""
        return tuple(sorted({p.row for p in self.problems}))

    @property
    def unmapped(self) -> tuple[str, ...]:
        """Headings of the columns that will not be imported."""
        return tuple(h for i, h in enumerate(self.headers) if i not in self.mapping and h)

    def mapping_labels(self) -> list[tuple[str, str]]:
        """(heading, field label or 'not imported') for each column."""
        return [
            (h, FIELDS[self.mapping[i]] if i in self.mapping else "not imported")
            for i, h in enumerate(self.headers)
        ]


def _fold(text: str) -> str:
    return text.casefold()


def assess(session: Session, organisation_id: int, rows: list[ParsedRow]) -> Assessment:
    """Membership numbers, categories and likely duplicates, with a few set-based queries."""
    problems: dict[int, list[str]] = {r.row: list(r.errors) for r in rows if r.errors}
    taken = frozenset(
        session.scalars(
            select(Member.membership_number).where(Member.organisation_id == organisation_id)
        )
    )
    seen_numbers: dict[int, int] = {}
    for r in rows:
        number = r.get("membership_number")
        if number is None or number <= 0:
            continue
        if number in taken:
            problems.setdefault(r.row, []).append(
                f"Membership number {number} is already used on the register."
            )
        elif number in seen_numbers:
            problems.setdefault(r.row, []).append(
                f"Membership number {number} is also on row {seen_numbers[number]}."
            )
        else:
            seen_numbers[number] = r.row
    existing = categories.by_name(session, organisation_id)
    new: dict[str, str] = {}
    needs_default = False
    for r in rows:
        if not r.category:
            needs_default = True
        elif _fold(r.category) not in existing and r.row not in problems:
            new.setdefault(_fold(r.category), r.category)
    default_id, default_name = None, ""
    if needs_default or not existing:
        if existing:
            info = categories.default_category(session, organisation_id)
            default_id, default_name = info.id, info.name
        elif needs_default:
            for r in rows:
                if not r.category:
                    problems.setdefault(r.row, []).append(
                        "This row has no category and the organisation has none to give it."
                    )
    return Assessment(
        problems,
        _duplicates(session, organisation_id, rows, problems),
        tuple(new.values()),
        {name: info.id for name, info in existing.items()},
        default_id,
        default_name,
        taken | frozenset(seen_numbers),
    )


def _duplicates(
    session: Session, organisation_id: int, rows: list[ParsedRow], problems: dict[int, list[str]]
) -> tuple[RowProblem, ...]:
    """Rows that look like a member on the register, or like an earlier row of the file."""
    by_name: dict[tuple[str, str, str], str] = {}
    by_email: dict[str, str] = {}
    by_birth: dict[tuple[date, str], str] = {}

    def remember(
        given: str, family: str, postcode: str, email: str, born: date | None, who: str
    ) -> None:
        if postcode:
            by_name.setdefault((_fold(given), _fold(family), postcode), who)
        if email:
            by_email.setdefault(_fold(email), who)
        if born:
            by_birth.setdefault((born, _fold(family)), who)

    for number, given, family, postcode, email, born in session.execute(
        select(
            Member.membership_number,
            Member.given_name,
            Member.family_name,
            Member.postcode,
            Member.email,
            Member.date_of_birth,
        ).where(
            Member.organisation_id == organisation_id,
            Member.merged_into_id.is_(None),
            Member.erased_on.is_(None),
        )
    ):
        remember(given, family, postcode, email, born, f"member {number}, {given} {family}")
    found: list[RowProblem] = []
    pick = itemgetter(*(COLUMN[k] for k in ("given_name", "family_name", "postcode", "email")))
    born_at = COLUMN["date_of_birth"]
    for r in rows:
        if r.row in problems:
            continue
        given, family, postcode, email = pick(r.values)
        born = r.values[born_at]
        reason = None
        if email and (who := by_email.get(_fold(email))):
            reason = (who, "same email")
        elif postcode and (who := by_name.get((_fold(given), _fold(family), postcode))):
            reason = (who, "same name and postcode")
        elif born and (who := by_birth.get((born, _fold(family)))):
            reason = (who, "same last name and date of birth")
        if reason:
            found.append(
                RowProblem(r.row, f"This may be the same person as {reason[0]} ({reason[1]}).")
            )
        remember(given, family, postcode, email, born, f"row {r.row}")
    return tuple(found)


def _share_warning(session: Session, organisation_id: int, without: int) -> str:
    """What to say when members would arrive without the share the rules need to vote."""
    if not without or not eligibility.rules_for(session, organisation_id).needs_paid_share:
        return ""
    who = "This member holds" if without == 1 else f"These {without:,} members hold"
    return (
        f"{who} no share, so under your rules (a paid-up share is needed to vote) they may "
        "not vote."
    )


def make_plan(
    session: Session,
    organisation_id: int,
    path: Path,
    table: Table,
    mapping: dict[int, str],
    rows: list[ParsedRow],
) -> ImportPlan:
    """The plan for rows already read, checked against the register as it is now."""
    checked = assess(session, organisation_id, rows)
    problems = tuple(
        RowProblem(row, message)
        for row in sorted(checked.problems)
        for message in checked.problems[row]
    )
    warnings = tuple(
        RowProblem(r.row, w) for r in rows if r.row not in checked.problems for w in r.warnings
    )
    without = sum(1 for r in rows if r.row not in checked.problems and r.shares is None)
    return ImportPlan(
        path=path,
        file_name=table.file_name,
        header_row=table.header_row,
        headers=table.headers,
        mapping=dict(mapping),
        preview=tuple(
            (number, tuple(text_of(c) for c in cells))
            for number, cells in table.rows[:PREVIEW_ROWS]
        ),
        rows_read=len(rows),
        valid_rows=len(rows) - len(checked.problems),
        problems=problems,
        new_categories=checked.new_categories,
        default_category=checked.default_category,
        duplicates=checked.duplicates,
        warnings=warnings,
        without_shares=without,
        share_warning=_share_warning(session, organisation_id, without),
        table=table,
        rows=rows,
        assessment=checked,
    )


def plan_import(
    session: Session,
    organisation_id: int,
    path: Path | str,
    mapping: dict[int, str] | None = None,
    *,
    today: date | None = None,
) -> ImportPlan:
    """Read ``path`` and say what importing it would do; nothing is changed.

    Args:
        mapping: column index -> field name (see ``FIELDS``); default: guessed from headings.
    """
    path = Path(path)
    with collector_paused():
        table = read_table(path)
        if mapping is None:
            mapping = auto_mapping(table.headers)
        rows = parse_rows(table, mapping, today or date.today())
        return make_plan(session, organisation_id, path, table, mapping, rows)


def replan(
    session: Session,
    organisation_id: int,
    plan: ImportPlan,
    mapping: dict[int, str],
    *,
    today: date | None = None,
) -> ImportPlan:
    """``plan``'s file read through another mapping (the file itself is not read again)."""
    with collector_paused():
        rows = parse_rows(plan.table, mapping, today or date.today())
        return make_plan(session, organisation_id, plan.path, plan.table, mapping, rows)
