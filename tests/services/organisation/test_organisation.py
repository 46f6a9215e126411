"""The organisation's details: first run and validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import UserError
from app.services import organisation
from app.services.demo import details


def test_first_run_creates_organisation_and_administrator(database: object) -> None:
    """The wizard's one step makes the organisation and its first administrator together."""
    with database.sessions.begin() as session:  # type: ignore[attr-defined]
        admin = organisation.first_run(
            session,
            replace(details(), postcode="se1 7pb", founded_on=date(1998, 4, 1)),
            username="grace",
            full_name="Grace A",
            password="a good password",
        )
    with database.sessions() as session:  # type: ignore[attr-defined]
        org = organisation.get(session, admin.organisation_id)
    assert org.postcode == "SE1 7PB" and org.founded_on == date(1998, 4, 1)
    assert admin.role.value == "administrator"


def test_bad_details_save_nothing(database: object) -> None:
    """Every bad field is reported at once, and nothing half-saves."""
    bad = replace(
        details(),
        name="",
        postcode="SW1A 2A",
        fy_start_month=2,
        fy_start_day=30,
        share_value_pence=0,
        founded_on=date(2999, 1, 1),
    )
    with database.sessions.begin() as session, pytest.raises(UserError) as caught:  # type: ignore[attr-defined]
        organisation.first_run(session, bad, username="a b", full_name="", password="x")
    err = caught.value
    assert err.issue_for("name") == "Enter the organisation's name."
    assert err.issue_for("postcode") == "Postcode 'SW1A 2A' is not a valid UK postcode."
    assert err.issue_for("fy_start") == "February has no day 30."
    assert err.issue_for("share_value") == "The value of one share must be more than £0.00."
    assert err.issue_for("founded_on") == "The founding date is in the future."
    assert err.issue_for("username") == "A user name cannot contain spaces."
    assert err.issue_for("password") is not None
    with database.sessions() as session:  # type: ignore[attr-defined]
        assert not organisation.is_set_up(session)


def test_second_first_run_is_refused(demo: object) -> None:
    """Set-up cannot be run twice on the same file."""
    with demo.sessions.begin() as session, pytest.raises(UserError, match="already has"):  # type: ignore[attr-defined]
        organisation.first_run(
            session, details(), username="x", full_name="X", password="a good password"
        )


def test_logo_must_be_a_picture() -> None:
    """A logo that is not a PNG or JPEG is refused with a reason."""
    issues = organisation.validate(replace(details(), logo_png=b"GIF89a...."))
    assert [i.message for i in issues] == ["The logo must be a PNG or JPEG picture."]
