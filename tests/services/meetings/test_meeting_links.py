"""Resolutions that reach beyond the meeting: a board resolution admits an applicant
(their record shows the minute reference), and an election's declared result is
recorded in the minutes."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from app.errors import UserError
from app.models import Member, Motion
from app.services import meetings
from app.services.meetings import MeetingDetails, MotionDetails
from app.services.membership import members
from app.services.membership.eligibility import eligible
from tests.services.board_helpers import actor, category
from tests.services.meeting_helpers import ON, arrive, boarded, held, new_meeting, people, plain

__all__ = ["boarded", "plain"]


def _applicant(db: Any) -> int:
    with db.sessions.begin() as session:
        return members.add_member(
            session,
            actor(db),
            members.MemberDetails(
                "Amara", "Okoye", category(db, "Tenant"), applied_on=date(2026, 2, 1)
            ),
        ).member_id


def _quorate_meeting(db: Any) -> int:
    m = new_meeting(db)
    held(db, m)
    rows = people(db, m)
    for row in list(rows.values())[:4]:
        arrive(db, row)
    return m


def test_a_carried_resolution_admits_the_applicant(boarded: Any) -> None:
    """Offered as something to vote on; carried, the applicant is a member from the
    meeting's date, and their record names the resolution; lost, they stay an applicant."""
    applicant = _applicant(boarded)
    m = _quorate_meeting(boarded)
    org = actor(boarded).organisation_id
    with boarded.sessions() as session:
        offered = meetings.applicants(session, org)
    chosen = next(s for s in offered if s.id == applicant)
    assert chosen.wording == "To admit Amara Okoye to membership."
    with boarded.sessions.begin() as session:
        lost = meetings.record_motion(
            session,
            actor(boarded),
            m,
            MotionDetails(chosen.wording, "Ann", "Bob", 1, 3, 0, member_id=applicant),
        )
    with boarded.sessions() as session:
        assert members.get_member(session, org, applicant).joined_on is None
    with boarded.sessions.begin() as session:
        carried = meetings.record_motion(
            session,
            actor(boarded),
            m,
            MotionDetails(chosen.wording, "Ann", "Bob", 4, 0, 0, member_id=applicant),
        )
    with boarded.sessions() as session:
        record = members.get_member(session, org, applicant)
        said = meetings.member_resolutions(session, applicant)
        still_waiting = {s.id for s in meetings.applicants(session, org)}
    assert record.joined_on == ON
    assert record.admitted_by == f"Resolution {carried.reference} of 12/03/2026"
    assert said == [
        f"{lost.reference}, Board meeting 12/03/2026: To admit Amara Okoye to membership. Lost.",
        f"{carried.reference}, Board meeting 12/03/2026: To admit Amara Okoye to membership. "
        "Carried.",
    ]
    assert applicant not in still_waiting


def test_an_admission_that_cannot_be_made_saves_no_resolution(boarded: Any) -> None:
    """A meeting dated before the application: the admission is refused, and so is the
    resolution that would have made it (one unit of work)."""
    applicant = _applicant(boarded)
    m = new_meeting(boarded, date(2026, 1, 15))
    held(boarded, m)
    for row in list(people(boarded, m).values())[:4]:
        arrive(boarded, row)
    # The error leaves the unit of work, which is rolled back (as the app's runner does).
    with pytest.raises(UserError, match="application"), boarded.sessions.begin() as session:
        meetings.record_motion(
            session,
            actor(boarded),
            m,
            MotionDetails("To admit Amara Okoye.", "Ann", "Bob", 4, 0, 0, member_id=applicant),
        )
    with boarded.sessions() as session:
        assert session.query(Motion).count() == 0
        assert session.get_one(Member, applicant).joined_on is None


def test_a_declared_election_is_recorded_in_the_minutes(demo: Any) -> None:
    """The demo's declared election is offered; the resolution links to it; an election
    that is not declared is refused."""
    org = actor(demo).organisation_id
    with demo.sessions.begin() as session:
        (election,) = meetings.declared_elections(session, org)
        body = meetings.ensure_default_bodies(session, actor(demo))[1].id
        agm = meetings.create_meeting(
            session,
            actor(demo),
            MeetingDetails(body, "agm", "AGM", date.today(), time(19)),
        )
        meetings.record_notice(session, actor(demo), agm, date(2020, 1, 1))
        meetings.advance(session, actor(demo), agm, "held", date.today())
        voters = [m for m in range(1, 41) if eligible(session, m, date.today()).eligible]
        for member_id in voters[:14]:  # members entitled to vote, so each has a vote
            meetings.add_person(session, actor(demo), agm, member_id=member_id)
        done = meetings.record_motion(
            session,
            actor(demo),
            agm,
            MotionDetails(election.wording, "Ann", "Bob", 12, 0, 2, election_id=election.id),
        )
        assert done.election_id == election.id and done.carried
        with pytest.raises(UserError, match="declared election"):
            meetings.record_motion(
                session,
                actor(demo),
                agm,
                MotionDetails("To receive nothing.", "Ann", "Bob", 12, 0, 2, election_id=999),
            )
