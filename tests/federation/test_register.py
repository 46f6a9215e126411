"""The federation as a mutual: the demo federation's own register has its centres as
members, each with a representative, and a board seat per centre; a centre joins only
once, only a federation's register takes centres, and the roll-up counts centres only."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.errors import UserError
from app.services.accounts import auth
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD
from app.services.federation import rollup
from app.services.federation.register import centres_on_register, enrol, set_representative
from app.services.membership import members
from tests.cli.conftest import Run

ENV = {"MUTUALDESK_PASSWORD": "mutualdesk"}
CENTRES = [
    "Millmead Children's Centre",
    "Northfield Tenants' Co-operative",
    "Riverside Tenant Management Organisation",
]


@pytest.fixture
def federation(mutualdesk: Run, tmp_path: Path) -> Path:
    path = tmp_path / "federation.sqlite"
    made = mutualdesk("demo", "--db", str(path), "--centres", "3", "--members", "12")
    assert made.returncode == 0, made.stderr
    assert "own register has every centre on it" in made.stdout
    return path


def test_the_demo_federations_register_holds_its_centres(mutualdesk: Run, federation: Path) -> None:
    from app.services.board.queries import board_on
    from app.services.board.seats import list_seat_types
    from app.services.membership.eligibility import turnout
    from app.storage.database import open_database

    listed = mutualdesk("list", "members", "--db", str(federation), "--json", "--user",
                        "federation", "--organisation", "South London Federation of Mutuals",
                        env=ENV)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert sorted(m["family_name"] for m in json.loads(listed.stdout)) == CENTRES
    db = open_database(federation, daily_backup=False)
    try:
        office = auth.sign_in(db.sessions, "federation", DEMO_PASSWORD).actor
        with db.sessions() as session:
            on_register = centres_on_register(session, office.organisation_id)
            seats = list_seat_types(session, office.organisation_id)
            board = board_on(session, office.organisation_id, date(2026, 12, 1))
            voters = turnout(session, office.organisation_id, date(2026, 12, 1))
            found = rollup(session, office, datetime(2026, 12, 1), ReportOptions(year=2025))
        assert [c.centre for c in on_register] == CENTRES
        assert on_register[0].representative == "Chair of Millmead Children's Centre"
        assert [(s.name, s.seats) for s in seats] == [("Centre representative", 3)]
        assert (voters.current, voters.eligible) == (3, 3)  # each centre holds its £1 share
        assert [s.name for s in board] == [f"{c} (represented by Chair of {c})" for c in CENTRES]
        assert len(found.centres) == 3  # the federation is not one of its own centres
        assert found.letterhead.organisation == "South London Federation of Mutuals"
        with db.sessions.begin() as session, pytest.raises(UserError, match="already"):
            enrol(session, office, 2, "Someone", date(2026, 11, 1))
        with db.sessions.begin() as session, pytest.raises(UserError, match="centres in this"):
            enrol(session, office, office.organisation_id, "Someone", date(2026, 11, 1))
        millmead = on_register[0].member_id
        with db.sessions.begin() as session:
            set_representative(session, office, millmead, "Grace Adeyemi")
        with db.sessions.begin() as session:  # the member form's save keeps what it is
            record = members.get_member(session, office.organisation_id, millmead)
            members.update_member(session, office, millmead, replace(record, phone="020 7946 0100",
                                  represents_id=None),  # a person now? no: settled on joining
                                  expected_version=record.version)  # fmt: skip
        with db.sessions() as session:
            again = members.get_member(session, office.organisation_id, millmead)
        assert (again.represents_id, again.representative) == (2, "Grace Adeyemi")
        assert again.given_name == "" and again.phone == "020 7946 0100"
        admin = auth.sign_in(db.sessions, "millmead-admin", DEMO_PASSWORD).actor
        with db.sessions.begin() as session, pytest.raises(UserError, match="not a federation"):
            enrol(session, admin, 1, "Someone", date(2026, 11, 1))
    finally:
        db.close(backup=False)


def test_a_centre_joins_from_the_command_line(mutualdesk: Run, federation: Path) -> None:
    from app.storage.database import open_database

    db = open_database(federation, daily_backup=False)
    try:
        office = auth.sign_in(db.sessions, "federation", DEMO_PASSWORD).actor
        with db.sessions() as session:
            northfield = centres_on_register(session, office.organisation_id)[1].member_id
        with db.sessions.begin() as session:
            members.leave(session, office, northfield, date(2026, 11, 2), "resigned")
    finally:
        db.close(backup=False)
    done = mutualdesk("federation", "enrol", "--organisation", "Northfield Tenants' Co-operative",
                      "--representative", "Sam Okafor", "--date", "03/11/2026",
                      "--db", str(federation), "--user", "federation", env=ENV)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "represented by Sam Okafor" in done.stdout
    bad = mutualdesk("federation", "enrol", "--organisation", "Nowhere", "--representative",
                     "X", "--db", str(federation), "--user", "federation", env=ENV)  # fmt: skip
    assert bad.returncode != 0 and "no organisation called 'Nowhere'" in bad.stderr
