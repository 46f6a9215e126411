"""The register of members, member lists and year-end figures, from the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member, ShareTransaction
from app.services.accounts import auth
from app.services.accounts.roles import Actor
from app.services.common.report_options import MemberFilter, ReportOptions
from app.services.membership import members, merging, shares
from app.services.membership.documents import template_fields
from app.services.membership.member_rows import member_rows
from app.services.membership.reports import member_list, register
from app.services.membership.year_end import as_report, financial_year, year_end_figures

NOW = datetime(2026, 11, 24, 9, 30)


@dataclass
class World:
    """The demo database, its administrator and a few members with known histories."""

    db: object
    actor: Actor

    def session(self) -> Session:
        return self.db.sessions()  # type: ignore[attr-defined,no-any-return]

    def begin(self) -> Session:
        return self.db.sessions.begin()  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def world(demo: object) -> Iterator[World]:
    """The 40-member demo plus a year's worth of joining, leaving, shares and a merge."""
    actor = auth.sign_in(demo.sessions, "admin", "mutualdesk").actor  # type: ignore[attr-defined]
    w = World(demo, actor)
    with w.begin() as session:
        ids = {
            m.membership_number: m.id
            for m in session.scalars(select(Member).where(Member.left_on.is_(None)))
        }
        current = sorted(n for n in ids if session.get_one(Member, ids[n]).joined_on)
        cat = session.get_one(Member, ids[current[0]]).category_id
        new = members.add_member(
            session,
            actor,
            members.MemberDetails(
                "Zoë",
                "Wróbel",
                cat,
                title="Ms",
                address="Flat 1\n2 Canal Street\nLondon",
                postcode="SE1 1AA",
                email="zoe@example.org",
                email_purpose="AGM notices",
                joined_on=date(2025, 6, 1),
                other_property="Loan stock £50",
                large_print=True,
            ),
        )
        shares.issue_shares(session, actor, new.member_id, 5, date(2025, 6, 1))
        shares.cancel_shares(session, actor, new.member_id, 1, date(2025, 9, 1))
        shares.transfer(
            session,
            actor,
            from_member_id=new.member_id,
            to_member_id=ids[current[1]],
            shares=1,
            on=date(2025, 10, 1),
        )
        members.leave(session, actor, ids[current[2]], date(2025, 12, 1), "moved")
        shares.withdraw_shares(session, actor, ids[current[2]], 1, date(2025, 12, 1))
        merging.merge(session, actor, ids[current[3]], ids[current[4]])
    yield w


def test_register_lists_current_and_former_members_not_merged(world: World) -> None:
    """The register holds every member admitted (current and former), never merged records."""
    with world.session() as session:
        report = register(session, world.actor, NOW)
        merged = session.scalar(
            select(Member.membership_number).where(Member.merged_into_id.is_not(None))
        )
        numbers = [row[0] for row in report.rows]
        expected = session.scalar(
            select(func.count()).where(
                Member.merged_into_id.is_(None), Member.joined_on.is_not(None)
            )
        )
    assert merged not in numbers and len(numbers) == expected
    assert numbers == sorted(numbers)
    zoe = next(row for row in report.rows if "Wróbel" in str(row[1]))
    assert "Ms Zoë Wróbel" in str(zoe[1]) and "SE1 1AA" in str(zoe[1])
    assert zoe[2:7] == (
        "zoe@example.org",
        "AGM notices",
        3,
        Decimal("5.00") - Decimal("1.00") - Decimal("1.00"),
        "Loan stock £50",
    )
    assert any(
        row[8] == date(2025, 12, 1) for row in report.rows
    )  # the leaver, with the date ceased


def test_register_totals_agree_with_the_ledger_to_the_penny(world: World) -> None:
    """The register's shares and amount paid add up to the whole ledger, exactly."""
    with world.session() as session:
        report = register(session, world.actor, NOW)
        shares_sum, pence = session.execute(
            select(func.sum(ShareTransaction.shares), func.sum(ShareTransaction.amount_pence))
        ).one()
    totals = report.totals()
    assert totals[4] == shares_sum
    assert totals[5] == Decimal(pence) / 100


def test_year_end_figures_agree(world: World) -> None:
    """Start + joined - ceased = end, and the share capital moves add up, for every year."""
    with world.session() as session:
        for year in range(2004, 2026):
            figures = year_end_figures(session, world.actor.organisation_id or 0, year)
            assert figures.agrees, year
        f = year_end_figures(session, world.actor.organisation_id or 0, 2025)
    assert f.members_at_start + f.joined - f.ceased == f.members_at_end
    assert f.shares_cancelled == -1 and f.shares_transferred == 0
    assert f.joined >= 1 and f.ceased >= 1
    assert (
        f.capital_at_start_pence + f.issued_pence + f.withdrawn_pence + f.cancelled_pence
        == f.capital_at_end_pence
    )


def test_year_end_counts_match_a_count_by_hand(world: World) -> None:
    """Members at the end of the year are the current members admitted by then."""
    with world.session() as session:
        org = world.actor.organisation_id or 0
        f = year_end_figures(session, org, 2025)
        by_hand = sum(
            1
            for row in member_rows(session, org)
            if row.joined_on
            and row.joined_on <= f.year.end
            and (row.left_on is None or row.left_on > f.year.end)
        )
    assert f.members_at_end == by_hand


def test_year_end_report_total_row_is_the_end_of_year(world: World) -> None:
    """The report's total row (what the spreadsheet's SUMs give) equals the counted end."""
    with world.session() as session:
        report = as_report(session, world.actor, NOW, ReportOptions(year=2025))
        f = year_end_figures(session, world.actor.organisation_id or 0, 2025)
    totals = report.totals()
    assert totals[1] == f.members_at_end and totals[2] == f.shares_at_end
    assert totals[3] == Decimal(f.capital_at_end_pence) / 100
    assert "agree" in report.notes[0] and "WARNING" not in report.notes[0]
    assert report.title == "Year-end figures 2025/26"


def test_financial_year_follows_the_organisation(world: World) -> None:
    """The demo's year starts on 1 April; without a year, the latest year that has ended."""
    with world.session() as session:
        org = world.actor.organisation_id or 0
        fy = financial_year(session, org, None, date(2026, 11, 24))
        assert (fy.start, fy.end) == (date(2025, 4, 1), date(2026, 3, 31))
        fy = financial_year(session, org, None, date(2026, 4, 1))
        assert fy.start == date(2025, 4, 1)
        fy = financial_year(session, org, None, date(2026, 3, 31))
        assert fy.start == date(2024, 4, 1)


def test_member_list_filters_and_columns(world: World) -> None:
    """Category, status and eligibility filter the list; the chosen columns come in order."""
    with world.session() as session:
        every = member_rows(session, world.actor.organisation_id or 0)
        rows = list(every)
        report = member_list(
            session,
            world.actor,
            NOW,
            ReportOptions(MemberFilter(status="former"), columns=("number", "name", "left")),
        )
        assert [c.heading for c in report.columns] == ["No.", "Name", "Left"]
        assert len(report.rows) == sum(1 for r in rows if r.status == "former")
        tenants = member_list(
            session, world.actor, NOW, ReportOptions(MemberFilter(category="tenant"))
        )
        assert len(tenants.rows) == sum(1 for r in rows if r.category == "Tenant")
        voters = member_list(
            session, world.actor, NOW, ReportOptions(MemberFilter(eligible_on=date(2026, 4, 1)))
        )
        assert 0 < len(voters.rows) < len(rows)
        with pytest.raises(UserError, match="no member category called 'Martians'"):
            member_list(session, world.actor, NOW, ReportOptions(MemberFilter(category="Martians")))
        with pytest.raises(UserError, match="no member list column called 'shoe_size'"):
            member_list(session, world.actor, NOW, ReportOptions(columns=("shoe_size",)))


def test_unknown_template_field_is_a_plain_error() -> None:
    """A letter template with a field we do not know says which, and what can be used."""
    assert template_fields("Dear {given_name}, {{not a field}}") == ["given_name"]
    with pytest.raises(UserError) as caught:
        template_fields("Dear {first_name},")
    assert "{first_name}" in caught.value.message and "{given_name}" in caught.value.message
    with pytest.raises(UserError, match="stray"):
        template_fields("Dear {given_name")
    with pytest.raises(UserError, match="does not know"):
        template_fields("{title.__class__}")


def test_member_reports_need_the_members_permission(world: World) -> None:
    """A viewer cannot print names and addresses; the year-end figures (counts only) they can."""
    from dataclasses import replace

    from app.errors import PermissionDenied
    from app.reports.registry import ALL_REPORTS, ReportName
    from app.services.accounts.roles import Role
    from app.services.membership import documents

    viewer = replace(world.actor, username="viewer", role=Role.VIEWER)
    with world.session() as session:
        for build in (member_list, register, documents.labels, documents.certificate):
            with pytest.raises(PermissionDenied):
                build(session, viewer, NOW, ReportOptions(member_number=1, template="x"))
        assert as_report(session, viewer, NOW).rows
    assert not ALL_REPORTS[ReportName.REGISTER].allowed(viewer)
    assert ALL_REPORTS[ReportName.YEAR_END].allowed(viewer)
