"""Members: add, change, leave, re-join; bad input refused with a plain message, nothing saved."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, UserError
from app.models import Member, MembershipPeriod
from app.services.accounts import auth
from app.services.accounts.roles import Actor
from app.services.membership import categories, members
from app.services.membership.members import Consent, MemberDetails


def admin(db: Any, username: str = "admin") -> Actor:
    with db.sessions() as session:
        return next(u for u in auth.list_users(session) if u.username == username).actor


def default_category(db: Any, actor: Actor) -> int:
    with db.sessions() as session:
        return categories.default_category(session, actor.organisation_id).id


def count(db: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count(Member.id))) or 0)


def add(db: Any, **changes: Any) -> members.SaveResult:
    actor = admin(db)
    fields: dict[str, Any] = {
        "given_name": "Zoë",
        "family_name": "Wróbel",
        "category_id": default_category(db, actor),
        "postcode": "sw1a1aa",
        "joined_on": date(2024, 5, 1),
    }
    fields.update(changes)
    with db.sessions.begin() as session:
        return members.add_member(session, actor, MemberDetails(**fields))


def test_add_member_tidies_and_numbers(demo: Any) -> None:
    """A new member gets the next number; postcode, phone and email are tidied."""
    result = add(demo, mobile="7700900123", email="Zoe@Example.ORG")
    assert result.membership_number == 41
    with demo.sessions() as session:
        record = members.get_member(session, admin(demo).organisation_id, result.member_id)
    assert record.postcode == "SW1A 1AA"
    assert record.mobile == "07700 900123"
    assert record.email == "Zoe@example.org"
    assert record.status == "current"
    assert record.periods == ((date(2024, 5, 1), None, ""),)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": "  "}, "given_name", "Enter the first name."),
        ({"email": "zoe@"}, "email", "is not a complete address"),
        ({"mobile": "12345"}, "mobile", "is not a UK number"),
        ({"date_of_birth": date(2030, 1, 1)}, "date_of_birth", "cannot be in the future"),
        (
            {"applied_on": date(2024, 6, 1), "joined_on": date(2024, 5, 1)},
            "joined_on",
            "before the application date",
        ),
        ({"membership_number": 3}, "membership_number", "already used"),
        ({"membership_number": 0}, "membership_number", "1 or more"),
    ],
)
def test_bad_member_details_are_refused_and_nothing_saved(
    demo: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    """Bad details are refused with a message beside the field; nothing is saved."""
    before = count(demo)
    with pytest.raises(UserError) as caught:
        add(demo, **changes)
    assert message in (caught.value.issue_for(field) or "")
    assert count(demo) == before


def test_implausible_postcode_warns_but_saves(demo: Any) -> None:
    """A postcode that does not look like a UK one warns, but the member is saved."""
    result = add(demo, postcode="XX1 1XX")
    assert any("does not look like a UK postcode" in w for w in result.warnings)


def test_formula_in_a_name_is_stored_literally(demo: Any) -> None:
    """A name that looks like a spreadsheet formula is kept exactly as typed."""
    result = add(demo, given_name='=HYPERLINK("http://x")')
    with demo.sessions() as session:
        record = members.get_member(session, admin(demo).organisation_id, result.member_id)
    assert record.given_name == '=HYPERLINK("http://x")'


def test_duplicates_are_flagged_when_saving(demo: Any) -> None:
    """Saving someone with another's email, or name and postcode, warns of a duplicate."""
    add(demo, email="twin@example.org")
    same_email = add(demo, given_name="Other", email="twin@example.org")
    assert any("same email" in w for w in same_email.warnings)
    same_name = add(demo)
    assert any("same name and postcode" in w for w in same_name.warnings)


def test_leave_and_rejoin_keep_history(demo: Any) -> None:
    """A member who leaves and re-joins keeps both periods of membership."""
    result = add(demo)
    actor = admin(demo)
    with demo.sessions.begin() as session:
        members.leave(session, actor, result.member_id, date(2025, 1, 31), "moved")
    with demo.sessions.begin() as session:
        members.rejoin(session, actor, result.member_id, date(2025, 6, 1))
    with demo.sessions() as session:
        record = members.get_member(session, actor.organisation_id, result.member_id)
    assert record.periods == (
        (date(2024, 5, 1), date(2025, 1, 31), "moved"),
        (date(2025, 6, 1), None, ""),
    )
    assert record.status == "current" and record.joined_on == date(2025, 6, 1)


def test_leaving_before_joining_is_refused(demo: Any) -> None:
    """A leaving date before the joining date is refused and nothing changes."""
    result = add(demo)
    with pytest.raises(UserError) as caught, demo.sessions.begin() as session:
        members.leave(session, admin(demo), result.member_id, date(2024, 4, 1), "resigned")
    assert "before the member joined (01/05/2024)" in (caught.value.issue_for("left_on") or "")
    with demo.sessions() as session:
        assert session.get_one(Member, result.member_id).left_on is None
        periods = session.scalars(
            select(MembershipPeriod).where(MembershipPeriod.member_id == result.member_id)
        ).all()
        assert [p.left_on for p in periods] == [None]


def test_consents_are_kept_with_date_and_source(demo: Any) -> None:
    """Consents are kept with the date they were given and where they came from."""
    consents = {"email": Consent(True, date(2024, 5, 1), "membership form")}
    result = add(demo, consents=consents)
    with demo.sessions() as session:
        record = members.get_member(session, admin(demo).organisation_id, result.member_id)
    assert record.consents == consents


def test_viewer_may_not_add_members(demo: Any) -> None:
    """A viewer cannot add members."""
    viewer = admin(demo, "viewer")
    with pytest.raises(PermissionDenied), demo.sessions.begin() as session:
        members.add_member(
            session,
            viewer,
            MemberDetails("A", "B", default_category(demo, viewer)),
        )


def test_applicant_has_no_period_until_admitted(demo: Any) -> None:
    """An applicant has no period of membership until admitted."""
    result = add(demo, joined_on=None, applied_on=date(2026, 1, 5))
    with demo.sessions() as session:
        record = members.get_member(session, admin(demo).organisation_id, result.member_id)
    assert record.status == "applicant" and record.periods == ()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"membership_number": 10**19}, "membership_number", "too large"),
        ({"title": "x" * 50}, "title", "at most 20 characters"),
        ({"admitted_by": "x" * 300}, "admitted_by", "at most 60 characters"),
    ],
)
def test_values_too_big_for_the_file_are_refused(
    demo: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    """Values too long or too big for the file are refused, and nothing is saved."""
    before = count(demo)
    with pytest.raises(UserError) as caught:
        add(demo, **changes)
    assert message in (caught.value.issue_for(field) or "")
    assert count(demo) == before
