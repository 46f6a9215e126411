"""The share ledger: append-only, numbered; a member's holding is the sum of their lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, aliased

from app.errors import Issue, UserError
from app.models import Member, Organisation, ShareTransaction
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence, to_decimal
from app.services.membership.records import find_member, require_editor
from app.storage.numbering import hold_numbers

KINDS: dict[str, str] = {
    "issue": "Issued",
    "withdrawal": "Withdrawn",
    "transfer_in": "Transferred in",
    "transfer_out": "Transferred out",
    "cancellation": "Cancelled",
}


MOST_SHARES = 1_000_000


@dataclass(frozen=True)
class Holding:
    """Shares held and the amount paid up on them."""

    shares: int
    paid_pence: int

    @property
    def paid(self) -> Decimal:
        """The amount paid, in pounds."""
        return to_decimal(self.paid_pence)


@dataclass(frozen=True)
class LedgerLine:
    """One line of the ledger as reports show it."""

    number: int
    on: date
    kind: str
    member_id: int
    membership_number: int
    name: str
    shares: int
    amount_pence: int
    other_member_number: int | None
    note: str


def holding(session: Session, member_id: int, on: date | None = None) -> Holding:
    """What ``member_id`` holds (at the end of ``on``, or now)."""
    query = select(
        func.coalesce(func.sum(ShareTransaction.shares), 0),
        func.coalesce(func.sum(ShareTransaction.amount_pence), 0),
    ).where(ShareTransaction.member_id == member_id)
    if on is not None:
        query = query.where(ShareTransaction.on <= on)
    shares, paid = session.execute(query).one()
    return Holding(int(shares), int(paid))


def next_number(session: Session, org_id: int) -> int:
    hold_numbers(session, org_id)
    top = session.scalar(
        select(func.max(ShareTransaction.number)).where(ShareTransaction.organisation_id == org_id)
    )
    return int(top or 0) + 1


def _count_issue(shares: object) -> Issue | None:
    if isinstance(shares, bool) or not isinstance(shares, int):
        return Issue("shares", f"The number of shares must be a whole number, not '{shares}'.")
    if shares <= 0:
        return Issue("shares", "The number of shares must be 1 or more.")
    if shares > MOST_SHARES:
        return Issue("shares", f"The number of shares must be at most {MOST_SHARES:,}.")
    return None


def _add(
    session: Session,
    org_id: int,
    member_id: int,
    kind: str,
    on: date,
    shares: int,
    amount_pence: int,
    other: int | None = None,
    note: str = "",
) -> ShareTransaction:
    line = ShareTransaction(
        organisation_id=org_id,
        number=next_number(session, org_id),
        member_id=member_id,
        kind=kind,
        on=on,
        shares=shares,
        amount_pence=amount_pence,
        other_member_id=other,
        note=note.strip()[:200],
    )
    session.add(line)
    session.flush()
    return line


def _later_lines_covered(session: Session, member_id: int, on: date, balance: int) -> bool:
    """True if the member's later lines never take the holding below nothing."""
    for change in session.scalars(
        select(ShareTransaction.shares)
        .where(ShareTransaction.member_id == member_id, ShareTransaction.on > on)
        .order_by(ShareTransaction.on, ShareTransaction.number)
    ):
        balance += change
        if balance < 0:
            return False
    return True


def _share_value(session: Session, org_id: int) -> int:
    return session.get_one(Organisation, org_id).share_value_pence


def _check_date(on: date, member: Member) -> None:
    if on > date.today():
        raise UserError.from_issues([Issue("on", "The date is in the future.")])
    starts = [d for d in (member.applied_on, member.joined_on) if d is not None]
    if starts and on < min(starts):
        raise UserError.from_issues(
            [
                Issue(
                    "on",
                    f"The date is before member {member.membership_number} applied or "
                    f"joined ({min(starts):%d/%m/%Y}).",
                )
            ]
        )


def issue_shares(
    session: Session,
    actor: Actor,
    member_id: int,
    shares: int,
    on: date,
    *,
    amount_pence: int | None = None,
    note: str = "",
) -> int:
    """Issue shares to a member (paid at the share value unless said); the ledger number."""
    org_id = require_editor(actor)
    member = find_member(session, org_id, member_id, merged_ok=False)
    problem = _count_issue(shares)
    if problem:
        raise UserError.from_issues([problem])
    if member.left_on is not None:
        raise UserError("Shares cannot be issued to a former member.")
    _check_date(on, member)
    paid = shares * _share_value(session, org_id) if amount_pence is None else amount_pence
    if paid < 0:
        raise UserError.from_issues([Issue("amount", "The amount paid cannot be negative.")])
    line = _add(session, org_id, member_id, "issue", on, shares, paid, note=note)
    audit.record(
        session,
        actor,
        "issue shares",
        "member",
        member_id,
        after={"ledger": line.number, "shares": shares, "paid": format_pence(paid)},
    )
    return line.number


@dataclass(frozen=True)
class NewIssue:
    """One issue of shares to be written by ``add_issues``."""

    member_id: int
    on: date
    shares: int
    amount_pence: int
    note: str = ""


def add_issues(session: Session, org_id: int, issues: list[NewIssue]) -> int:
    """Write many issues at once, numbered on from the ledger's last line; how many.

    The caller has checked them and records the audit entry.
    """
    if not issues:
        return 0
    first = next_number(session, org_id)
    session.execute(
        insert(ShareTransaction),
        [
            {
                "organisation_id": org_id,
                "number": first + i,
                "member_id": item.member_id,
                "kind": "issue",
                "on": item.on,
                "shares": item.shares,
                "amount_pence": item.amount_pence,
                "note": item.note.strip()[:200],
            }
            for i, item in enumerate(issues)
        ],
    )
    return len(issues)


def members_without_shares(session: Session, org_id: int) -> list[int]:
    """The current members (admitted, not left, not merged) who hold no share today."""
    held = (
        select(ShareTransaction.member_id)
        .where(ShareTransaction.organisation_id == org_id)
        .group_by(ShareTransaction.member_id)
        .having(func.sum(ShareTransaction.shares) > 0)
    )
    return list(
        session.scalars(
            select(Member.id)
            .where(
                Member.organisation_id == org_id,
                Member.merged_into_id.is_(None),
                Member.joined_on.is_not(None),  # admitted: an applicant is not a member yet
                Member.left_on.is_(None),
                Member.id.not_in(held),
            )
            .order_by(Member.membership_number)
        )
    )


def issue_one_each(
    session: Session,
    actor: Actor,
    member_ids: list[int] | None,
    *,
    paid: bool,
    on: date | None = None,
) -> int:
    """Issue one share to each member (``None``: every current member without one).

    Each share is dated ``on``, or when the member joined (today if the record has
    no date); paid at the share value, or unpaid. All or nothing; one audit entry.
    """
    org_id = require_editor(actor)
    ids = (
        members_without_shares(session, org_id)
        if member_ids is None
        else list(dict.fromkeys(member_ids))  # a member chosen twice gets one share
    )
    if not ids:
        raise UserError("Every current member already holds a share: none were issued.")
    value = _share_value(session, org_id) if paid else 0
    today = date.today()
    if on is not None and on > today:
        raise UserError.from_issues([Issue("on", "The date is in the future.")])
    rows = session.execute(
        select(
            Member.id,
            Member.membership_number,
            Member.joined_on,
            Member.applied_on,
            Member.left_on,
            Member.merged_into_id,
        ).where(Member.organisation_id == org_id, Member.id.in_(ids))
    ).all()
    found = {row.id: row for row in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(f"There is no member with record {missing[0]} in this organisation.")
    issues: list[NewIssue] = []
    too_early: list[int] = []
    gone: list[int] = []
    for member_id in ids:
        row = found[member_id]
        if row.left_on is not None or row.merged_into_id is not None:
            gone.append(row.membership_number)
            continue
        starts = [d for d in (row.applied_on, row.joined_on) if d is not None]
        day = on or row.joined_on or today
        if starts and day < min(starts):
            too_early.append(row.membership_number)
            continue
        issues.append(NewIssue(member_id, day, 1, value))
    if gone:
        raise UserError(
            f"Shares cannot be issued to former members: {_numbers(gone)}. Nothing was issued."
        )
    if too_early:
        raise UserError(
            f"{on:%d/%m/%Y} is before these members applied or joined: {_numbers(too_early)}. "
            "Choose a later date, or leave the date out to use each member's joining date. "
            "Nothing was issued."
        )
    count = add_issues(session, org_id, issues)
    audit.record(
        session,
        actor,
        "issue shares",
        "member",
        "",
        after={
            "members": count,
            "shares each": 1,
            "paid": format_pence(value),
            "dated": f"{on:%d/%m/%Y}" if on else "when each joined",
        },
    )
    return count


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def _take(
    session: Session,
    actor: Actor,
    kind: str,
    member_id: int,
    shares: int,
    on: date,
    note: str,
    other: int | None = None,
) -> ShareTransaction:
    org_id = require_editor(actor)
    member = find_member(session, org_id, member_id, merged_ok=False)
    problem = _count_issue(shares)
    if problem:
        raise UserError.from_issues([problem])
    _check_date(on, member)
    held = holding(session, member_id, on)
    if shares > held.shares:
        raise UserError.from_issues(
            [
                Issue(
                    "shares",
                    f"Member {member.membership_number} holds {held.shares} "
                    f"share{'s' if held.shares != 1 else ''} on {on:%d/%m/%Y}; "
                    f"{shares} cannot be {KINDS[kind].lower()}.",
                )
            ]
        )
    if not _later_lines_covered(session, member_id, on, held.shares - shares):
        raise UserError.from_issues(
            [
                Issue(
                    "on",
                    f"Later lines in member {member.membership_number}'s ledger need these "
                    "shares; choose a later date.",
                )
            ]
        )
    paid_share = held.paid_pence * shares // held.shares if held.shares else 0
    return _add(session, org_id, member_id, kind, on, -shares, -paid_share, other, note)


def _remove(
    session: Session, actor: Actor, kind: str, member_id: int, shares: int, on: date, note: str
) -> int:
    line = _take(session, actor, kind, member_id, shares, on, note)
    action = {"withdrawal": "withdraw shares", "cancellation": "cancel shares"}[kind]
    audit.record(
        session, actor, action, "member", member_id, after={"ledger": line.number, "shares": shares}
    )
    return line.number


def withdraw_shares(
    session: Session, actor: Actor, member_id: int, shares: int, on: date, *, note: str = ""
) -> int:
    """Withdraw shares (the member is repaid what was paid on them); the ledger number."""
    return _remove(session, actor, "withdrawal", member_id, shares, on, note)


def cancel_shares(
    session: Session, actor: Actor, member_id: int, shares: int, on: date, *, note: str = ""
) -> int:
    """Cancel shares (forfeited, e.g. on expulsion); the ledger number."""
    return _remove(session, actor, "cancellation", member_id, shares, on, note)


def transfer_to_number(
    session: Session,
    actor: Actor,
    *,
    from_member_id: int,
    to_number: str,
    shares: int,
    on: date,
    note: str = "",
) -> tuple[int, int]:
    """``transfer`` to the member whose membership number was typed in the box 'to'."""
    org_id = require_editor(actor)
    typed = to_number.strip()
    number = int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 10 else -1
    other = session.scalar(
        select(Member.id).where(
            Member.organisation_id == org_id,
            Member.membership_number == number,
            Member.merged_into_id.is_(None),
        )
    )
    if other is None:
        raise UserError.from_issues(
            [Issue("to", f"There is no member '{to_number}' to transfer to.")]
        )
    return transfer(
        session,
        actor,
        from_member_id=from_member_id,
        to_member_id=other,
        shares=shares,
        on=on,
        note=note,
    )


def transfer(
    session: Session,
    actor: Actor,
    *,
    from_member_id: int,
    to_member_id: int,
    shares: int,
    on: date,
    note: str = "",
) -> tuple[int, int]:
    """Move shares from one member to another: two ledger lines that name each other."""
    org_id = require_editor(actor)
    if from_member_id == to_member_id:
        raise UserError("Choose two different members for a transfer.")
    receiver = find_member(session, org_id, to_member_id, merged_ok=False)
    out = _take(session, actor, "transfer_out", from_member_id, shares, on, note, to_member_id)
    line_in = _add(
        session,
        org_id,
        receiver.id,
        "transfer_in",
        on,
        shares,
        -out.amount_pence,
        from_member_id,
        note,
    )
    audit.record(
        session,
        actor,
        "transfer shares",
        "member",
        from_member_id,
        after={
            "to": receiver.membership_number,
            "shares": shares,
            "ledger": [out.number, line_in.number],
        },
    )
    return out.number, line_in.number


def ledger(
    session: Session, organisation_id: int, member_id: int | None = None
) -> list[LedgerLine]:
    """The ledger in number order (for one member, or everyone)."""
    other_member = aliased(Member)
    other = (
        select(other_member.membership_number)
        .where(other_member.id == ShareTransaction.other_member_id)
        .correlate(ShareTransaction)
        .scalar_subquery()
    )
    query = (
        select(
            ShareTransaction, Member.membership_number, Member.given_name, Member.family_name, other
        )
        .join(Member, Member.id == ShareTransaction.member_id)
        .where(ShareTransaction.organisation_id == organisation_id)
        .order_by(ShareTransaction.number)
    )
    if member_id is not None:
        query = query.where(ShareTransaction.member_id == member_id)
    return [
        LedgerLine(
            t.number,
            t.on,
            t.kind,
            t.member_id,
            number,
            f"{given} {family}",
            t.shares,
            t.amount_pence,
            other_number,
            t.note,
        )
        for t, number, given, family, other_number in session.execute(query).all()
    ]
