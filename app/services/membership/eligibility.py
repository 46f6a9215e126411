"""One member, one vote: who may vote on a date, and why not, from the organisation's rules.

Used by elections (the voter roll) and by meetings (quorum of members). The
same rules are given twice: `eligible` for one member with the reason, and
`eligible_clause` as SQL for filtering 100,000 members at once; a test checks
that the two agree.
"""

from __future__ import annotations

from collections import Counter
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
    kind: str = ""  # the reason without its dates, for counting ("no paid-up share")


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


def period_covers(on: date) -> Any:
    """A period of membership that includes ``on``."""
    return and_(
        MembershipPeriod.joined_on <= on,
        or_(MembershipPeriod.left_on.is_(None), MembershipPeriod.left_on > on),
    )


@dataclass(frozen=True)
class Standing:
    """What the rules look at in one member's record on a day."""

    category_id: int
    merged: bool
    left_on: date | None
    date_of_birth: date | None
    period_joined: date | None  # start of the period of membership covering the day
    shares: int
    paid_pence: int


def judge(standing: Standing, rules: Rules, on: date) -> Eligibility:
    """The rules applied to one member's standing, with the reason when they may not vote."""
    if standing.merged:
        return Eligibility(False, "this record was merged into another", "merged")
    if standing.period_joined is None:
        if standing.left_on is not None and standing.left_on <= on:
            return Eligibility(False, f"left on {standing.left_on:%d/%m/%Y}", "left")
        return Eligibility(False, "not a member on that date", "not a member on that date")
    name, may_vote, months = rules.categories[standing.category_id]
    if not may_vote:
        return Eligibility(False, f"{name} members do not vote", f"{name} members do not vote")
    if months and standing.period_joined > add_months(on, -months):
        start = add_months(standing.period_joined, months)
        while add_months(start, -months) < standing.period_joined:
            start += timedelta(days=1)
        return Eligibility(
            False,
            f"in the {months}-month probation period (may vote from {start:%d/%m/%Y})",
            "in the probation period",
        )
    if standing.date_of_birth and standing.date_of_birth > birthday_cutoff(on, rules.minimum_age):
        under = f"under {rules.minimum_age}"
        return Eligibility(False, f"{under} on that date", under)
    if rules.needs_paid_share and (
        standing.shares < 1 or standing.paid_pence < rules.share_value_pence
    ):
        return Eligibility(False, "no paid-up share on that date", "no paid-up share")
    return Eligibility(True)


def eligible(session: Session, member_id: int, on: date, rules: Rules | None = None) -> Eligibility:
    """May ``member_id`` vote on ``on``? With the reason when not."""
    member = session.get_one(Member, member_id)
    rules = rules or rules_for(session, member.organisation_id)
    joined = session.scalars(
        select(MembershipPeriod.joined_on)
        .where(MembershipPeriod.member_id == member_id, period_covers(on))
        .order_by(MembershipPeriod.joined_on.desc())
        .limit(1)
    ).first()
    shares, paid = session.execute(
        select(
            func.coalesce(func.sum(ShareTransaction.shares), 0),
            func.coalesce(func.sum(ShareTransaction.amount_pence), 0),
        ).where(ShareTransaction.member_id == member_id, ShareTransaction.on <= on)
    ).one()
    standing = Standing(
        member.category_id,
        member.merged_into_id is not None,
        member.left_on,
        member.date_of_birth,
        joined,
        int(shares),
        int(paid),
    )
    return judge(standing, rules, on)


@dataclass(frozen=True)
class Turnout:
    """How many current members may vote on a day, and why the others may not."""

    current: int
    eligible: int
    reasons: dict[str, int]  # the kind of reason -> how many members, most first

    @property
    def not_eligible(self) -> int:
        """Current members who may not vote."""
        return self.current - self.eligible

    def reasons_text(self) -> str:
        """'no paid-up share: 212, under 16: 3'."""
        return ", ".join(f"{why}: {n:,}" for why, n in self.reasons.items())

    def warning(self) -> str:
        """A warning when nobody, or fewer than half of current members, may vote ("" if not)."""
        if self.current and not self.eligible:
            return (
                f"Nobody of the {self.current:,} current members may vote on that date "
                f"({self.reasons_text()}), so the voter roll would be empty."
            )
        if self.not_eligible * 2 > self.current:
            return (
                f"Only {self.eligible:,} of the {self.current:,} current members may vote on "
                f"that date. The others may not: {self.reasons_text()}."
            )
        return ""


def standings(
    session: Session, organisation_id: int, on: date, member_ids: list[int] | None = None
) -> dict[int, Standing]:
    """Every current member's standing on ``on`` (or these members'), in four queries."""
    members = select(
        Member.id, Member.category_id, Member.merged_into_id, Member.left_on,
        Member.date_of_birth,
    ).where(Member.organisation_id == organisation_id)  # fmt: skip
    if member_ids is None:
        members = members.where(  # admitted (not applicants), not merged, not gone by then
            Member.merged_into_id.is_(None),
            Member.joined_on.is_not(None),
            or_(Member.left_on.is_(None), Member.left_on > on),
        )
    else:
        members = members.where(Member.id.in_(member_ids))
    rows = session.execute(members).all()
    joined: dict[int, date] = {}
    for member_id, day in session.execute(
        select(MembershipPeriod.member_id, func.max(MembershipPeriod.joined_on))
        .join(Member, Member.id == MembershipPeriod.member_id)
        .where(Member.organisation_id == organisation_id, period_covers(on))
        .group_by(MembershipPeriod.member_id)
    ):
        joined[member_id] = day
    held: dict[int, tuple[int, int]] = {}
    for member_id, shares, paid in session.execute(
        select(
            ShareTransaction.member_id,
            func.sum(ShareTransaction.shares),
            func.sum(ShareTransaction.amount_pence),
        )
        .where(ShareTransaction.organisation_id == organisation_id, ShareTransaction.on <= on)
        .group_by(ShareTransaction.member_id)
    ):
        held[member_id] = (int(shares), int(paid))
    return {
        row.id: Standing(
            row.category_id,
            row.merged_into_id is not None,
            row.left_on,
            row.date_of_birth,
            joined.get(row.id),
            *held.get(row.id, (0, 0)),
        )
        for row in rows
    }


def why_not(
    session: Session, organisation_id: int, on: date, member_ids: list[int] | None = None
) -> dict[int, Eligibility]:
    """Each current member (or each of these) and whether they may vote on ``on``, and why not."""
    rules = rules_for(session, organisation_id)
    return {
        member_id: judge(standing, rules, on)
        for member_id, standing in standings(session, organisation_id, on, member_ids).items()
    }


def turnout(
    session: Session, organisation_id: int, on: date, category_id: int | None = None
) -> Turnout:
    """How many current members (of a category) may vote on ``on``, and why the rest may not."""
    verdicts = why_not(session, organisation_id, on)
    if category_id is not None:
        members = standings(session, organisation_id, on)
        verdicts = {i: v for i, v in verdicts.items() if members[i].category_id == category_id}
    counts = Counter(v.kind for v in verdicts.values() if not v.eligible)
    return Turnout(
        len(verdicts),
        sum(1 for v in verdicts.values() if v.eligible),
        dict(counts.most_common()),
    )


def eligible_clause(rules: Rules, organisation_id: int, on: date) -> Any:
    """The same rules as a SQL condition on ``Member`` (for lists and the voter roll)."""

    def member_since(months: int) -> Any:
        """A period covering ``on`` that began at least ``months`` before it."""
        return exists().where(
            MembershipPeriod.member_id == Member.id,
            period_covers(on),
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
