"""Doing the import: all rows or none (or only the valid ones), one audit row, one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from app.models import Member, MembershipPeriod, Organisation
from app.models.base import utc_now
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.membership import categories, shares
from app.services.membership.member_import.bulk import collector_paused
from app.services.membership.member_import.inserting import insert_many
from app.services.membership.member_import.parsing import ParsedRow
from app.services.membership.member_import.planning import (
    ImportPlan,
    RowProblem,
    make_plan,
    plan_import,
)
from app.services.membership.member_import.reading import Value
from app.services.membership.member_search import search_texts
from app.services.membership.members import _COLUMNS
from app.storage import statistics
from app.storage.numbering import hold_numbers

_MEMBER_KEYS = ("organisation_id", *_COLUMNS, "search_text", "created_at")


@dataclass(frozen=True)
class RejectedRow:
    """A row that was not imported, its original cells and why."""

    row: int
    cells: tuple[Value, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (``applied`` False: nothing at all was imported)."""

    file_name: str
    headers: tuple[str, ...]
    rows_read: int
    imported: int
    rejected: tuple[RejectedRow, ...]
    categories_created: tuple[str, ...]
    duplicates: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]
    applied: bool
    numbers: tuple[int, int] | None = None  # first and last membership number given
    shares_issued: int = 0  # lines written to the share ledger
    share_warning: str = ""  # members left without the share the rules need to vote

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        """Every reason, one per line, as 'row N: message'."""
        return tuple(RowProblem(r.row, m) for r in self.rejected for m in r.reasons)


BULK = 500  # rows after which a server's planner is told of them


def run_import(
    session: Session,
    actor: Actor,
    source: ImportPlan | Path | str,
    *,
    skip_invalid: bool = False,
    mapping: dict[int, str] | None = None,
    today: date | None = None,
    issue_shares: str | None = None,
) -> ImportSummary:
    """Import members from a file (or a plan made from one) in the caller's unit of work.

    With any invalid row and ``skip_invalid`` False nothing is imported: the
    summary lists every rejected row and ``applied`` is False. A plan is
    checked again against the register as it is now. Shares in the file's share
    columns go into the share ledger; ``issue_shares`` ("paid" or "unpaid") also
    issues one share to each member the file gives none, dated when they joined.
    """
    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    if issue_shares not in (None, "paid", "unpaid"):
        raise ValueError(f"issue_shares must be 'paid', 'unpaid' or None, not {issue_shares!r}")
    with collector_paused():
        return _run(
            session, actor, actor.organisation_id, source, skip_invalid, mapping, today,
            issue_shares,
        )  # fmt: skip


def _run(
    session: Session,
    actor: Actor,
    org_id: int,
    source: ImportPlan | Path | str,
    skip_invalid: bool,
    mapping: dict[int, str] | None,
    today: date | None,
    issue_shares: str | None,
) -> ImportSummary:
    hold_numbers(session, org_id)  # the numbers checked free stay free until the end
    if isinstance(source, ImportPlan):
        plan = make_plan(session, org_id, source.path, source.table, source.mapping, source.rows)
    else:
        plan = plan_import(session, org_id, source, mapping, today=today)
    problems = plan.assessment.problems
    rejected = tuple(
        RejectedRow(r.row, r.cells, tuple(problems[r.row])) for r in plan.rows if r.row in problems
    )
    good = [r for r in plan.rows if r.row not in problems]
    if (rejected and not skip_invalid) or not good:
        return _summary(plan, rejected, 0, (), applied=False)
    category_ids = dict(plan.assessment.category_ids)
    created: list[str] = []
    for r in good:
        key = r.category.casefold()
        if r.category and key not in category_ids:
            info = categories.save_category(
                session, actor, category_id=None, name=r.category, may_vote=True, may_stand=True
            )
            category_ids[key] = info.id
            created.append(info.name)
    numbers = _insert_members(session, org_id, good, plan, category_ids)
    issued = _insert_shares(session, org_id, good, numbers, issue_shares, today or date.today())
    audit.record(
        session,
        actor,
        "import",
        "member",
        "",
        after={
            "file": plan.file_name,
            "rows": plan.rows_read,
            "imported": len(good),
            "rejected": len(rejected),
            "categories created": created,
            "numbers": f"{min(numbers)}–{max(numbers)}",
            "share ledger lines": issued,
        },
    )
    if len(good) >= BULK:
        statistics.refresh(session, ("members", "membership_periods", "share_transactions"))
    return _summary(
        plan, rejected, len(good), tuple(created), applied=True, numbers=numbers, shares=issued,
        warn=not issue_shares,
    )  # fmt: skip


def _summary(
    plan: ImportPlan,
    rejected: tuple[RejectedRow, ...],
    imported: int,
    created: tuple[str, ...],
    *,
    applied: bool,
    numbers: list[int] | None = None,
    shares: int = 0,
    warn: bool = True,
) -> ImportSummary:
    return ImportSummary(
        plan.file_name,
        plan.headers,
        plan.rows_read,
        imported,
        rejected,
        created,
        plan.duplicates,
        plan.warnings,
        applied,
        (min(numbers), max(numbers)) if numbers else None,
        shares,
        plan.share_warning if warn else "",  # unless one share each was issued to them
    )


def _insert_members(
    session: Session,
    org_id: int,
    rows: list[ParsedRow],
    plan: ImportPlan,
    category_ids: dict[str, int],
) -> list[int]:
    """Insert the members and their periods; returns the membership numbers used."""
    given = [n for r in rows if (n := r.values[_NUMBER])]
    next_free = max((*plan.assessment.taken_numbers, *given), default=0) + 1
    default_id = plan.assessment.default_category_id
    ids_by_name = {
        name: category_ids[name.casefold()] for name in {r.category for r in rows} - {""}
    }
    now = utc_now()
    member_values = []
    numbers = []
    joined: dict[int, date] = {}
    for r in rows:
        values = list(r.values)
        number = values[_NUMBER]
        if number is None:
            number, next_free = next_free, next_free + 1
            values[_NUMBER] = number
        values[_CATEGORY] = ids_by_name[r.category] if r.category else default_id
        member_values.append(values)
        numbers.append(number)
        if (day := values[_JOINED]) is not None:
            joined[number] = day
    texts = search_texts(_search_parts(values) for values in member_values)
    member_rows = [
        (org_id, *values, text, now) for values, text in zip(member_values, texts, strict=True)
    ]
    members = Member.__table__
    before = session.scalar(select(func.max(Member.id))) or 0
    insert_many(session, members, _MEMBER_KEYS, member_rows)  # type: ignore[arg-type]
    if joined:
        # Each new member's first period, made by the database from the rows just added
        # (one INSERT ... SELECT, rather than 100,000 parameter sets from Python).
        session.execute(
            insert(MembershipPeriod).from_select(
                ["member_id", "joined_on", "leaving_reason"],
                select(Member.id, Member.joined_on, literal("")).where(
                    Member.organisation_id == org_id,
                    Member.id > before,
                    Member.joined_on.is_not(None),
                ),
            )
        )
    return numbers


def _insert_shares(
    session: Session,
    org_id: int,
    rows: list[ParsedRow],
    numbers: list[int],
    issue_shares: str | None,
    today: date,
) -> int:
    """The share ledger's lines for the members just added (``numbers``, in row order)."""
    if not issue_shares and all(r.shares is None for r in rows):
        return 0
    ids = dict(
        session.execute(
            select(Member.membership_number, Member.id).where(Member.organisation_id == org_id)
        ).all()
    )
    value = session.get_one(Organisation, org_id).share_value_pence
    issues: list[shares.NewIssue] = []
    for r, number in zip(rows, numbers, strict=True):
        joined = r.values[_JOINED] or today
        held = r.shares
        if held is not None:
            paid = held.paid_pence if held.paid_pence is not None else held.shares * value
            issues.append(
                shares.NewIssue(ids[number], held.on or joined, held.shares, paid, held.note())
            )
        elif issue_shares:
            paid = value if issue_shares == "paid" else 0
            issues.append(shares.NewIssue(ids[number], joined, 1, paid, "Issued on import"))
    return shares.add_issues(session, org_id, issues)


_NUMBER = _COLUMNS.index("membership_number")
_CATEGORY = _COLUMNS.index("category_id")
_JOINED = _COLUMNS.index("joined_on")
_search_parts = itemgetter(
    *(
        _COLUMNS.index(name)
        for name in (
            "membership_number",
            "given_name",
            "family_name",
            "preferred_name",
            "postcode",
            "email",
            "phone",
            "mobile",
        )
    )
)
