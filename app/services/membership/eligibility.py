"""One member, one vote: who may vote on a date, and why not, from the organisation's rules.

Used by elections (the voter roll) and by meetings (quorum of members). The
same rules are given twice: `eligible` for one member with the reason, and
`eligible_clause` as SQL for filtering 100,000 members at once; a test checks
that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from app.models import Member, MemberCategory, MembershipPeriod, Organisation, ShareTransaction


@dataclass(frozen=True)
class Eligibility:
    """Whether a member may vote, and if not, why (in plain words)."""

    eligible: bool
    reason: str = ""


@dataclass(frozen=True)
class Rules:
    """The organisation's rules and its categories' voting settings."""

    minimum_age: int
    needs_paid_share: bool
    share_value_pence: int
    categories: dict[int, tuple[str, bool, int]]  # id -> (name, may vote, probation months)


def rules_for(session: Session, organisation_id: int) -> Rules:
    """The rules as they stand in the organisation's settings."""
    org = session.get_one(Organisation, organisation_id)
    categories = {
        c.id: (c.name, c.may_vote, c.probation_months)
        for c in session.scalars(
            select(MemberCategory).where(MemberCategory.organisation_id == organisation_id)
        )
    }
    return Rules(
        org.minimum_voting_age, org.voting_needs_paid_share, org.share_value_pence, categories
    )


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the month (31 Aug + 6 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    import calendar

    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def birthday_cutoff(on: date, age: int) -> date:
    """Born on or before this date means at least ``age`` years old on ``on``."""
    return add_months(on, -12 * age)


def _covers(on: date) -> Any:
    """A period of membership that includes ``on``."""
    return and_(
        MembershipPeriod.joined_on <= on,
        or_(MembershipPeriod.left_on.is_(None), MembershipPeriod.left_on > on),
    )


def eligible(session: Session, member_id: int, on: date, rules: Rules | None = None) -> Eligibility:
    """May ``member_id`` vote on ``on``? With the reason when not."""
    member = session.get_one(Member, member_id)
    rules = rules or rules_for(session, member.organisation_id)
    if member.merged_into_id is not None:
        return Eligibility(False, "this record was merged into another")
    period = session.scalars(
        select(MembershipPeriod)
        .where(MembershipPeriod.member_id == member_id, _covers(on))
        .order_by(MembershipPeriod.joined_on.desc())
        .limit(1)
    ).first()
    if period is None:
        if member.left_on is not None and member.left_on <= on:
            return Eligibility(False, f"left on {member.left_on:%d/%m/%Y}")
        return Eligibility(False, "not a member on that date")
    name, may_vote, months = rules.categories[member.category_id]
    if not may_vote:
        return Eligibility(False, f"{name} members do not vote")
    if months and period.joined_on > add_months(on, -months):
        start = add_months(period.joined_on, months)
        while add_months(start, -months) < period.joined_on:
            start += timedelta(days=1)
        return Eligibility(
            False, f"in the {months}-month probation period (may vote from {start:%d/%m/%Y})"
        )
    if member.date_of_birth and member.date_of_birth > birthday_cutoff(on, rules.minimum_age):
        return Eligibility(False, f"under {rules.minimum_age} on that date")
    if rules.needs_paid_share:
        shares, paid = session.execute(
            select(
                func.coalesce(func.sum(ShareTransaction.shares), 0),
                func.coalesce(func.sum(ShareTransaction.amount_pence), 0),
            ).where(ShareTransaction.member_id == member_id, ShareTransaction.on <= on)
        ).one()
        if shares < 1 or paid < rules.share_value_pence:
            return Eligibility(False, "no paid-up share on that date")
    return Eligibility(True)


def eligible_clause(rules: Rules, organisation_id: int, on: date) -> Any:
    """The same rules as a SQL condition on ``Member`` (for lists and the voter roll)."""

    def member_since(months: int) -> Any:
        """A period covering ``on`` that began at least ``months`` before it."""
        return exists().where(
            MembershipPeriod.member_id == Member.id,
            _covers(on),
            MembershipPeriod.joined_on <= add_months(on, -months),
        )

    per_category = [
        and_(Member.category_id == cid, member_since(months))
        for cid, (_name, may_vote, months) in rules.categories.items()
        if may_vote
    ]
    clause = and_(
        Member.organisation_id == organisation_id,
        Member.merged_into_id.is_(None),
        or_(*per_category) if per_category else false(),
        or_(
            Member.date_of_birth.is_(None),
            Member.date_of_birth <= birthday_cutoff(on, rules.minimum_age),
        ),
    )
    if rules.needs_paid_share:
        paid_up = (
            select(ShareTransaction.member_id)
            .where(ShareTransaction.organisation_id == organisation_id, ShareTransaction.on <= on)
            .group_by(ShareTransaction.member_id)
            .having(
                and_(
                    func.sum(ShareTransaction.shares) >= 1,
                    func.sum(ShareTransaction.amount_pence) >= rules.share_value_pence,
                )
            )
        )
        clause = and_(clause, Member.id.in_(paid_up))
    return clause
