"""The share ledger, one-member-one-vote eligibility (one member and in SQL, agreeing), merge."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.models import Member, Organisation, ShareTransaction
from app.services.membership import categories, eligibility, merging, shares
from tests.services.membership.test_members import add, admin, default_category


def test_ledger_is_numbered_and_holding_derived(demo: Any) -> None:
    """Ledger lines are numbered in turn; a holding is the sum of a member's lines."""
    member = add(demo).member_id
    actor = admin(demo)
    with demo.sessions.begin() as session:
        first = shares.issue_shares(session, actor, member, 3, date(2024, 5, 1))
        second = shares.withdraw_shares(session, actor, member, 1, date(2024, 6, 1))
    assert second == first + 1
    with demo.sessions() as session:
        assert shares.holding(session, member) == shares.Holding(2, 200)
        assert shares.holding(session, member, date(2024, 5, 15)) == shares.Holding(3, 300)
        lines = shares.ledger(session, actor.organisation_id, member)
    assert [(line.kind, line.shares, line.amount_pence) for line in lines] == [
        ("issue", 3, 300),
        ("withdrawal", -1, -100),
    ]


@pytest.mark.parametrize(
    ("action", "count", "message"),
    [
        ("issue", -1, "must be 1 or more"),
        ("issue", 1.5, "must be a whole number"),
        ("withdraw", 5, "holds 1 share on 02/05/2024; 5 cannot be withdrawn"),
    ],
)
def test_bad_share_transactions_are_refused(
    demo: Any, action: str, count: Any, message: str
) -> None:
    """Impossible share transactions are refused with a message; nothing is saved."""
    member = add(demo).member_id
    actor = admin(demo)
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, member, 1, date(2024, 5, 1))
    with pytest.raises(UserError) as caught, demo.sessions.begin() as session:
        if action == "issue":
            shares.issue_shares(session, actor, member, count, date(2024, 5, 2))
        else:
            shares.withdraw_shares(session, actor, member, count, date(2024, 5, 2))
    assert message in (caught.value.issue_for("shares") or "")
    with demo.sessions() as session:
        assert shares.holding(session, member).shares == 1


def test_transfer_moves_shares_both_lines_numbered(demo: Any) -> None:
    """A transfer moves the shares and writes a numbered line for each member."""
    giver, taker = add(demo).member_id, add(demo, given_name="Ayşe").member_id
    actor = admin(demo)
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, giver, 2, date(2024, 5, 1))
        out, back = shares.transfer(
            session, actor, from_member_id=giver, to_member_id=taker, shares=2, on=date(2024, 7, 1)
        )
    assert back == out + 1
    with demo.sessions() as session:
        assert shares.holding(session, giver).shares == 0
        assert shares.holding(session, taker) == shares.Holding(2, 200)


def _eligible_ids_sql(db: Any, on: date) -> set[int]:
    org_id = admin(db).organisation_id
    with db.sessions() as session:
        rules = eligibility.rules_for(session, org_id)
        return set(
            session.scalars(select(Member.id).where(eligibility.eligible_clause(rules, org_id, on)))
        )


def _eligible_ids_one_by_one(db: Any, on: date) -> set[int]:
    with db.sessions() as session:
        rules = eligibility.rules_for(session, admin(db).organisation_id)
        ids = session.scalars(select(Member.id)).all()
        return {i for i in ids if eligibility.eligible(session, i, on, rules).eligible}


def test_eligibility_reasons(demo: Any) -> None:
    """A member who may not vote is told why: age, category, probation or share."""
    actor = admin(demo)
    with demo.sessions.begin() as session:
        staff = categories.save_category(
            session,
            actor,
            category_id=None,
            name="Staff",
            may_vote=True,
            may_stand=True,
            probation_months=6,
        )
        nominee = categories.save_category(
            session,
            actor,
            category_id=None,
            name="Statutory nominee",
            may_vote=False,
            may_stand=False,
        )
    on = date(2026, 11, 1)
    young = add(demo, date_of_birth=date(2012, 1, 1)).member_id
    new_staff = add(demo, category_id=staff.id, joined_on=date(2026, 8, 1)).member_id
    no_vote = add(demo, category_id=nominee.id).member_id
    unpaid = add(demo, given_name="Unpaid").member_id
    fine = add(demo, given_name="Fine").member_id
    with demo.sessions.begin() as session:
        for member in (young, new_staff, no_vote, fine):
            shares.issue_shares(session, actor, member, 1, date(2026, 8, 1))
    with demo.sessions() as session:
        reasons = {
            m: eligibility.eligible(session, m, on).reason
            for m in (young, new_staff, no_vote, unpaid, fine)
        }
    assert reasons == {
        young: "under 16 on that date",
        new_staff: "in the 6-month probation period (may vote from 01/02/2027)",
        no_vote: "Statutory nominee members do not vote",
        unpaid: "no paid-up share on that date",
        fine: "",
    }


@pytest.mark.parametrize("on", [date(2010, 1, 1), date(2020, 6, 30), date(2026, 11, 1)])
def test_sql_and_one_by_one_eligibility_agree(demo: Any, on: date) -> None:
    """The voter roll worked out in SQL agrees with checking members one by one."""
    with demo.sessions.begin() as session:
        session.get_one(Organisation, admin(demo).organisation_id).minimum_voting_age = 18
    assert _eligible_ids_sql(demo, on) == _eligible_ids_one_by_one(demo, on)
    assert _eligible_ids_sql(demo, on)  # the demo has voters on each of these dates
    org_id = admin(demo).organisation_id
    with demo.sessions() as session:
        # In bulk, with the same reasons as one by one (for the roll's warning and counts).
        in_bulk = eligibility.why_not(session, org_id, on)
        rules = eligibility.rules_for(session, org_id)
        for member_id, verdict in in_bulk.items():
            assert verdict == eligibility.eligible(session, member_id, on, rules), member_id
        outlook = eligibility.turnout(session, org_id, on)
    assert {i for i, v in in_bulk.items() if v.eligible} == _eligible_ids_sql(demo, on)
    assert outlook.eligible + sum(outlook.reasons.values()) == outlook.current


def test_merge_keeps_both_histories_and_moves_shares(demo: Any) -> None:
    """Merging two records keeps both histories and moves the shares to the kept one."""
    actor = admin(demo)
    keep = add(demo, email="same@example.org").member_id
    gone = add(demo, email="same@example.org", joined_on=date(2020, 1, 1)).member_id
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, gone, 1, date(2020, 1, 1))
    with demo.sessions.begin() as session:
        merging.merge(session, actor, keep, gone)
    with demo.sessions() as session:
        assert session.get_one(Member, gone).merged_into_id == keep
        assert session.get_one(Member, keep).joined_on == date(2020, 1, 1)
        assert shares.holding(session, keep).shares == 1
        assert shares.holding(session, gone).shares == 0
        kinds = session.scalars(
            select(ShareTransaction.kind).where(ShareTransaction.member_id == gone)
        ).all()
    assert kinds == ["issue", "transfer_out"]
    with pytest.raises(UserError, match="already been merged"), demo.sessions.begin() as s:
        merging.merge(s, actor, keep, gone)


def test_category_names_are_unique(demo: Any) -> None:
    """Two categories cannot have the same name."""
    actor = admin(demo)
    with pytest.raises(UserError) as caught, demo.sessions.begin() as session:
        categories.save_category(
            session, actor, category_id=None, name="tenant", may_vote=True, may_stand=True
        )
    assert "already a category" in (caught.value.issue_for("name") or "")
    assert default_category(demo, actor)


def test_probation_at_a_month_end_agrees_in_sql_and_one_by_one(demo: Any) -> None:
    """Joined 31 August with six months' probation: both answers agree on 28 February."""
    actor = admin(demo)
    with demo.sessions.begin() as session:
        staff = categories.save_category(
            session,
            actor,
            category_id=None,
            name="Staff",
            may_vote=True,
            may_stand=True,
            probation_months=6,
        )
    member = add(demo, category_id=staff.id, joined_on=date(2025, 8, 31)).member_id
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, member, 1, date(2025, 8, 31))
    for on in (date(2026, 2, 28), date(2026, 3, 1)):
        one = _eligible_ids_one_by_one(demo, on)
        assert (member in one) == (member in _eligible_ids_sql(demo, on)), on
    assert member not in _eligible_ids_one_by_one(demo, date(2026, 2, 28))
    assert member in _eligible_ids_one_by_one(demo, date(2026, 3, 1))


def test_a_member_who_rejoined_was_eligible_in_their_first_period(demo: Any) -> None:
    """A member who re-joined was eligible on dates in their first period."""
    from app.services.membership import members

    actor = admin(demo)
    member = add(demo, joined_on=date(2015, 1, 1)).member_id
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, member, 1, date(2015, 1, 1))
        members.leave(session, actor, member, date(2018, 1, 1), "moved")
    with demo.sessions.begin() as session:
        members.rejoin(session, actor, member, date(2020, 1, 1))
    with demo.sessions() as session:
        assert eligibility.eligible(session, member, date(2016, 6, 1)).eligible
        assert not eligibility.eligible(session, member, date(2019, 6, 1)).eligible
    assert member in _eligible_ids_sql(demo, date(2016, 6, 1))
    assert member not in _eligible_ids_sql(demo, date(2019, 6, 1))


def test_shares_cannot_go_before_they_were_issued(demo: Any) -> None:
    """Shares cannot be withdrawn on a date before they were issued."""
    member = add(demo, joined_on=date(2020, 1, 1)).member_id
    actor = admin(demo)
    with demo.sessions.begin() as session:
        shares.issue_shares(session, actor, member, 10, date(2024, 6, 1))
    with pytest.raises(UserError) as caught, demo.sessions.begin() as session:
        shares.withdraw_shares(session, actor, member, 10, date(2021, 6, 1))
    assert "holds 0 shares on 01/06/2021" in (caught.value.issue_for("shares") or "")
    with pytest.raises(UserError, match="before member"), demo.sessions.begin() as session:
        shares.issue_shares(session, actor, member, 1, date(2019, 1, 1))
    with demo.sessions() as session:
        assert shares.holding(session, member, date(2021, 12, 31)).shares == 0


def test_no_shares_to_or_from_a_merged_record(demo: Any) -> None:
    """No shares are issued to, or taken from, a record merged into another."""
    actor = admin(demo)
    keep = add(demo).member_id
    gone = add(demo, given_name="Twin").member_id
    with demo.sessions.begin() as session:
        merging.merge(session, actor, keep, gone)
    with pytest.raises(UserError, match="was merged into"), demo.sessions.begin() as session:
        shares.issue_shares(session, actor, gone, 1, date(2025, 1, 1))


def test_merge_keeps_the_latest_period_current(demo: Any) -> None:
    """An old, finished record merged with a current one: the person stays current."""
    from app.services.membership import members

    actor = admin(demo)
    old = add(demo, joined_on=date(2015, 1, 1)).member_id
    with demo.sessions.begin() as session:
        members.leave(session, actor, old, date(2018, 1, 1), "moved")
    new = add(demo, given_name="Zoe", joined_on=date(2020, 1, 1)).member_id
    with demo.sessions.begin() as session:
        merging.merge(session, actor, old, new)
    with demo.sessions() as session:
        record = members.get_member(session, actor.organisation_id, old)
    assert record.status == "current" and record.joined_on == date(2020, 1, 1)
    assert record.periods == (
        (date(2015, 1, 1), date(2018, 1, 1), "moved"),
        (date(2020, 1, 1), None, ""),
    )
    with pytest.raises(UserError) as caught, demo.sessions.begin() as session:
        from dataclasses import replace

        members.update_member(session, actor, old, replace(record, joined_on=date(2016, 1, 1)))
    assert "after the last one ended (01/01/2018)" in (caught.value.issue_for("joined_on") or "")
