"""The member list (a choice of columns and filters) and the statutory register of members."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import anchored, letterhead
from app.services.common.money import to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, MemberFilter, ReportOptions
from app.services.common.reports import Cell, Column, ColumnKind, TableReport
from app.services.membership.member_rows import MemberRow, member_rows
from app.services.membership.members import LEAVING_REASONS


@dataclass(frozen=True)
class MemberField:
    """A column a member list can have: its heading, kind, width and value."""

    column: Column
    value: Callable[[MemberRow], Cell]


@lru_cache(maxsize=4096)
def _pounds(pence: int) -> Decimal:
    """to_decimal, remembered: most members have paid the same few amounts."""
    return to_decimal(pence)


def _paid(row: MemberRow) -> Cell:
    return _pounds(row.paid_pence)


FIELDS: dict[str, MemberField] = {
    "number": MemberField(
        Column("No.", ColumnKind.IDENTIFIER, 0.6), attrgetter("membership_number")
    ),
    "name": MemberField(Column("Name", width=2), attrgetter("name")),
    "title": MemberField(Column("Title", width=0.5), attrgetter("title")),
    "given_name": MemberField(Column("First name", width=1.2), attrgetter("given_name")),
    "family_name": MemberField(Column("Last name", width=1.2), attrgetter("family_name")),
    "address": MemberField(Column("Address", width=2.6), lambda r: ", ".join(r.address_lines)),
    "postcode": MemberField(Column("Postcode", width=0.9), attrgetter("postcode")),
    "email": MemberField(Column("Email", width=2), attrgetter("email")),
    "phone": MemberField(Column("Phone", width=1.1), attrgetter("phone")),
    "mobile": MemberField(Column("Mobile", width=1.1), attrgetter("mobile")),
    "category": MemberField(Column("Category", width=1), attrgetter("category")),
    "status": MemberField(Column("Status", width=0.8), lambda r: r.status.capitalize()),
    "joined": MemberField(Column("Joined", ColumnKind.DATE, 0.9), attrgetter("joined_on")),
    "left": MemberField(Column("Left", ColumnKind.DATE, 0.9), attrgetter("left_on")),
    "shares": MemberField(
        Column("Shares", ColumnKind.NUMBER, 0.6, total=True), attrgetter("shares")
    ),
    "paid": MemberField(Column("Paid", ColumnKind.MONEY, 0.8, total=True), _paid),
    "large_print": MemberField(
        Column("Large print", width=0.7), lambda r: "Yes" if r.large_print else ""
    ),
}
DEFAULT_COLUMNS: tuple[str, ...] = (
    "number",
    "name",
    "address",
    "category",
    "status",
    "joined",
    "shares",
    "paid",
)


def chosen_fields(names: tuple[str, ...]) -> list[MemberField]:
    """The fields called ``names`` (the defaults if none); a UserError for an unknown one."""
    wanted = names or DEFAULT_COLUMNS
    unknown = [n for n in wanted if n not in FIELDS]
    if unknown:
        raise UserError(
            f"There is no member list column called '{unknown[0]}'. "
            f"Choose from: {', '.join(FIELDS)}."
        )
    return [FIELDS[n] for n in wanted]


def describe(flt: MemberFilter) -> str:
    """'Current members in the Tenant category, eligible to vote on 01/04/2026'."""
    who = f"{flt.status.capitalize()} members" if flt.status else "All members and applicants"
    parts = [who]
    if flt.category:
        parts.append(f"in the {flt.category} category")
    if flt.eligible_on:
        parts.append(f"eligible to vote on {flt.eligible_on:%d/%m/%Y}")
    return " ".join(parts)


def member_list(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Members matching the options' filter, with the chosen columns."""

    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    fields = chosen_fields(options.columns)
    getters = [f.value for f in fields]
    rows = tuple(
        tuple([get(row) for get in getters])
        for row in member_rows(session, actor.organisation_id, options.members)
    )
    return TableReport(
        title="Member list",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=tuple(f.column for f in fields),
        rows=rows,
        subtitle=f"{describe(options.members)}: {len(rows):,}.",
        landscape=options.landscape,
        large_print=options.large_print,
    )


REGISTER_COLUMNS = (
    Column("No.", ColumnKind.IDENTIFIER, 0.55),
    Column("Name and postal address", width=2.6),
    Column("Email address", width=1.8),
    Column("Email given for", width=1.3),
    Column("Shares", ColumnKind.NUMBER, 0.6, total=True),
    Column("Amount paid", ColumnKind.MONEY, 0.85, total=True),
    Column("Other property", width=1.1),
    Column("Date entered", ColumnKind.DATE, 0.9),
    Column("Date ceased", ColumnKind.DATE, 0.9),
)


def _register_row(row: MemberRow) -> tuple[Cell, ...]:
    ceased = row.left_on
    return (
        row.membership_number,
        f"{row.name}\n{', '.join(row.address_lines)}",
        row.email,
        row.email_purpose,
        row.shares,
        _pounds(row.paid_pence),
        row.other_property,
        row.joined_on,
        ceased,
    )


def register(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The register of members (Co-operative and Community Benefit Societies Act 2014 s.30)."""

    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    rows = tuple(
        _register_row(row)
        for row in member_rows(session, actor.organisation_id, order="number")
        if row.joined_on is not None  # applicants are not yet on the register
    )
    current = sum(1 for r in rows if r[8] is None)
    reasons = ", ".join(f"{k} = {v.lower()}" for k, v in LEAVING_REASONS.items())
    return TableReport(
        title="Register of members",
        letterhead=anchored(session, actor.organisation_id),
        generated=now,
        columns=REGISTER_COLUMNS,
        rows=rows,
        subtitle=f"{current:,} current and {len(rows) - current:,} former members.",
        notes=(
            "Kept under section 30 of the Co-operative and Community Benefit Societies Act 2014. "
            "Shares held and the amount paid are totals of the share ledger; the dates are those "
            "of the latest period of membership.",
            f"Reasons for leaving are on each member's record ({reasons}).",
            "The register of officers that section 30 also requires is its own report "
            "(Register of officers).",
        ),
        landscape=True,  # nine columns: too many for portrait
        large_print=options.large_print,
    )


SHARE_LEDGER_COLUMNS = (
    Column("No.", ColumnKind.IDENTIFIER, 0.5),
    Column("Date", ColumnKind.DATE, 0.8),
    Column("What", width=1.0),
    Column("Member no.", ColumnKind.IDENTIFIER, 0.6),
    Column("Name", width=1.6),
    Column("Shares", ColumnKind.NUMBER, 0.6, total=True),
    Column("Amount", ColumnKind.MONEY, 0.8, total=True),
    Column("Other member", ColumnKind.IDENTIFIER, 0.7),
    Column("Note", width=1.6),
)


def share_ledger(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Every line of the share ledger in number order, shares and money totalled."""
    from app.services.membership.shares import KINDS, ledger

    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    lines = ledger(session, actor.organisation_id)
    rows = tuple(
        (
            line.number,
            line.on,
            KINDS.get(line.kind, line.kind),
            line.membership_number,
            line.name,
            line.shares,
            to_decimal(line.amount_pence),
            line.other_member_number,
            line.note,
        )
        for line in lines
    )
    held = sum(line.shares for line in lines)
    paid = to_decimal(sum(line.amount_pence for line in lines))
    return TableReport(
        title="Share ledger",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=SHARE_LEDGER_COLUMNS,
        rows=rows,
        subtitle=f"{len(rows):,} lines; {held:,} shares held, £{paid:,} paid up.",
        landscape=True,
    )
