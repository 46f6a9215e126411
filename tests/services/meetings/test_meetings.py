"""Meetings from planned to locked minutes: notice, agenda, attendance and the live
quorum, motions, actions, approval, addenda and search."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest

from app.errors import UserError
from app.models import Action, AgendaItem, Meeting, Motion, Organisation
from app.services import meetings
from app.services.meetings import MeetingDetails, MotionDetails
from app.services.membership.eligibility import eligible
from tests.services.board_helpers import actor, audit_rows, rows
from tests.services.meeting_helpers import (
    BOARD,
    ON,
    arrive,
    boarded,
    bodies,
    held,
    new_meeting,
    people,
    plain,
)

__all__ = ["boarded", "plain"]


def motion(db: Any, meeting_id: int, **kw: Any) -> meetings.MotionInfo:
    fields = {"text": "To approve the budget.", "proposer": "Ann", "seconder": "Bob"} | kw
    with db.sessions.begin() as session:
        return meetings.record_motion(session, actor(db), meeting_id, MotionDetails(**fields))


def test_notice_must_give_the_clear_days_the_rule_asks(plain: Any) -> None:
    """14 clear days before a meeting on 20 March means notice by 5 March; later is refused."""
    assert meetings.last_notice_date(date(2026, 3, 20), 14) == date(2026, 3, 5)
    m = new_meeting(plain, date(2026, 3, 20), kind="agm")
    before = audit_rows(plain)
    with plain.sessions.begin() as session, pytest.raises(UserError) as caught:
        meetings.record_notice(session, actor(plain), m, date(2026, 3, 6))
    assert "had to go by 05/03/2026" in str(caught.value.issue_for("sent_on"))
    assert audit_rows(plain) == before
    with plain.sessions.begin() as session:
        meetings.record_notice(session, actor(plain), m, date(2026, 3, 5))
        assert (
            meetings.get_meeting(session, actor(plain).organisation_id, m).status == "notice_sent"
        )


def test_a_meeting_before_the_organisation_existed_is_refused(plain: Any) -> None:
    """The date is checked against the founding date, and nothing is saved."""
    with plain.sessions.begin() as session:
        session.get_one(Organisation, actor(plain).organisation_id).founded_on = date(2010, 6, 1)
    with pytest.raises(UserError) as caught:
        new_meeting(plain, date(2009, 1, 1))
    assert "before the organisation was founded (01/06/2010)" in str(
        caught.value.issue_for("held_on")
    )
    assert rows(plain, Meeting) == 0 and rows(plain, AgendaItem) == 0


def test_agenda_starts_from_the_template_and_can_be_changed(plain: Any) -> None:
    """Standard items in order; add after an item, move, remove; an item with minutes stays."""
    m = new_meeting(plain)
    with plain.sessions.begin() as session:
        titles = [i.title for i in meetings.items(session, m)]
        assert titles[:3] == ["Welcome and introductions", "Apologies for absence",
                              "Declarations of interest"]  # fmt: skip
        assert titles[-1] == "Date of next meeting" and "Matters arising" in titles
        new = meetings.add_item(session, actor(plain), m, "Garden project", after_position=5)
        meetings.move_item(session, actor(plain), new, -1)
        got = meetings.items(session, m)
        assert [i.title for i in got][4] == "Garden project"
        assert [i.position for i in got] == list(range(1, len(got) + 1))
        aob = next(i for i in got if i.kind == "aob")
        meetings.remove_item(session, actor(plain), aob.id)
        assert "Any other business" not in [i.title for i in meetings.items(session, m)]
    with plain.sessions.begin() as session:
        meetings.save_text(session, actor(plain), new, notes="Quotes received.")
    with plain.sessions.begin() as session, pytest.raises(UserError, match="has minutes"):
        meetings.remove_item(session, actor(plain), new)


def test_quorum_changes_as_people_arrive_and_leave(boarded: Any) -> None:
    """Board of six, quorum 3: two are not enough, a third makes it, one leaving breaks it."""
    m = new_meeting(boarded)
    held(boarded, m)
    who = people(boarded, m)
    assert set(who) == set(BOARD)
    with boarded.sessions() as session:
        assert meetings.quorum(session, m).needed == 3
        assert not meetings.quorum(session, m).quorate
    arrive(boarded, who[1])
    arrive(boarded, who[2])
    with boarded.sessions.begin() as session:
        meetings.add_person(session, actor(boarded), m, name="Council officer", role="officer")
        assert (
            meetings.quorum(session, m).headline() == "NOT QUORATE: 2 present, 3 needed (1 more)."
        )
    arrive(boarded, who[4], time(19, 10))
    with boarded.sessions.begin() as session:
        assert meetings.quorum(session, m).quorate
        assert "was quorate: 3" in meetings.write_quorum_statement(session, actor(boarded), m)
        meetings.leave(session, actor(boarded), who[4], time(20, 30))
        assert not meetings.quorum(session, m).quorate
        with pytest.raises(UserError, match="arrived at 19:00"):
            meetings.leave(session, actor(boarded), who[1], time(18, 0))


def test_a_vote_while_inquorate_needs_a_note_and_the_minutes_keep_it(boarded: Any) -> None:
    """Refused without a note (nothing saved); with one, the motion carries the note."""
    m = new_meeting(boarded)
    held(boarded, m)
    who = people(boarded, m)
    arrive(boarded, who[1])
    arrive(boarded, who[2])
    with pytest.raises(UserError) as caught:
        motion(boarded, m, votes_for=2)
    assert "not quorate (2 present, 3 needed)" in str(caught.value.issue_for("inquorate_note"))
    assert rows(boarded, Motion) == 0
    done = motion(boarded, m, votes_for=2, inquorate_note="Urgent: the lift contract expires.")
    assert done.inquorate_note.startswith("Urgent") and done.carried


def test_motions_numbered_per_body_and_year_and_votes_checked(boarded: Any) -> None:
    """B/2026/001, 002 ...; more votes than people present is refused; special needs 75%."""
    m = new_meeting(boarded)
    held(boarded, m)
    who = people(boarded, m)
    for member_id in BOARD[:4]:
        arrive(boarded, who[member_id])
    with pytest.raises(UserError, match="5 votes are recorded but only 4"):
        motion(boarded, m, votes_for=3, votes_against=2)
    first = motion(boarded, m, votes_for=3, votes_against=1)
    second = motion(boarded, m, votes_for=2, votes_against=2)
    special = motion(boarded, m, votes_for=3, votes_against=1, special=True)
    lost = motion(boarded, m, votes_for=2, votes_against=1, special=True)
    assert [first.reference, second.reference] == ["B/2026/001", "B/2026/002"]
    assert first.carried and not second.carried and special.carried and not lost.carried
    with pytest.raises(UserError, match="other than the proposer"):
        motion(boarded, m, proposer="Ann", seconder="ann", votes_for=1)
    later = new_meeting(boarded, date(2027, 1, 14))
    held(boarded, later)
    for member_id in BOARD[:3]:
        arrive(boarded, people(boarded, later)[member_id])
    assert motion(boarded, later, votes_for=3).reference == "B/2027/001"


def test_actions_need_an_owner_and_stay_under_matters_arising_until_done(boarded: Any) -> None:
    """An open action shows at every later meeting of the body until it is marked done."""
    m = new_meeting(boarded)
    held(boarded, m)
    with boarded.sessions.begin() as session, pytest.raises(UserError) as caught:
        meetings.add_action(session, actor(boarded), m, text="Get three quotes", owner=" ")
    assert "every action needs an owner" in str(caught.value.issue_for("owner"))
    assert rows(boarded, Action) == 0
    with boarded.sessions.begin() as session:
        a = meetings.add_action(session, actor(boarded), m, text="Get three quotes",
                                owner="Ann", due_on=date(2026, 4, 1))  # fmt: skip
    second = new_meeting(boarded, date(2026, 4, 9))
    third = new_meeting(boarded, date(2026, 5, 14))
    with boarded.sessions.begin() as session:
        assert [x.text for x in meetings.matters_arising(session, second)] == ["Get three quotes"]
        assert meetings.matters_arising(session, second)[0].overdue(date(2026, 4, 9))
        meetings.update_action(session, actor(boarded), a, status="done", on=date(2026, 4, 20))
        assert meetings.matters_arising(session, third) == []
        assert meetings.action_log(session, actor(boarded).organisation_id)[0].status == "done"


def test_approved_minutes_are_locked_and_corrected_only_by_addendum(boarded: Any) -> None:
    """After approval at the next meeting nothing can be edited; an addendum is dated."""
    m = new_meeting(boarded)
    held(boarded, m)
    with boarded.sessions() as session:
        item = meetings.items(session, m)[4].id
    with boarded.sessions.begin() as session:
        meetings.save_text(session, actor(boarded), item, notes="Repairs report taken.")
        meetings.advance(session, actor(boarded), m, "draft", today=ON)
    nxt = new_meeting(boarded, date(2026, 4, 9))
    with boarded.sessions.begin() as session, pytest.raises(UserError, match="not been held"):
        meetings.approve(session, actor(boarded), m, at_meeting_id=nxt, chair="Ann Chair")
    held(boarded, nxt)
    with boarded.sessions.begin() as session, pytest.raises(UserError, match="later meeting"):
        meetings.approve(session, actor(boarded), nxt, at_meeting_id=m, chair="Ann Chair")
    with boarded.sessions.begin() as session:
        meetings.approve(session, actor(boarded), m, at_meeting_id=nxt, chair="Ann Chair")
    before = audit_rows(boarded)
    for change in (
        lambda s: meetings.save_text(s, actor(boarded), item, notes="changed"),
        lambda s: meetings.add_action(s, actor(boarded), m, text="x", owner="y"),
        lambda s: meetings.add_item(s, actor(boarded), m, "Late item"),
        lambda s: meetings.record_motion(s, actor(boarded), m, MotionDetails("x")),
    ):
        with boarded.sessions.begin() as session, pytest.raises(UserError, match="true record"):
            change(session)
    assert audit_rows(boarded) == before
    with boarded.sessions.begin() as session:
        got = meetings.get_meeting(session, actor(boarded).organisation_id, m)
        assert got.status == "approved" and got.approved_by == "Ann Chair"
        assert got.approved_on == date(2026, 4, 9) and got.approved_at.startswith("Board meeting")
        assert meetings.items(session, m)[4].notes == "Repairs report taken."
        minute = next(i for i in meetings.items(session, nxt) if i.kind == "previous_minutes")
        assert "approved as a true record" in minute.decisions
        meetings.lock(session, actor(boarded), m)
        meetings.add_addendum(session, actor(boarded), m, text="Item 5: for 'lift' read 'lifts'.",
                              written_by="Secretary", on=date(2026, 5, 1))  # fmt: skip
        assert meetings.addenda(session, m)[0].written_on == date(2026, 5, 1)
        with pytest.raises(UserError, match="after that"):
            meetings.add_addendum(session, actor(boarded), m, text="x", written_by="y",
                                  on=date(2026, 1, 1))  # fmt: skip


def test_proxies_add_votes_at_a_general_meeting(plain: Any) -> None:
    """A member holding a proxy can cast two votes; a proxy at a board meeting is refused."""
    m = new_meeting(plain, date(2026, 3, 20), kind="agm")
    held(plain, m)
    with plain.sessions.begin() as session:
        ann = meetings.add_person(session, actor(plain), m, member_id=1, arrived_at=time(19))
        meetings.add_person(session, actor(plain), m, member_id=2, arrived_at=time(19))
        meetings.add_person(session, actor(plain), m, name="Visitor", role="guest")
        meetings.hold_proxy(session, actor(plain), ann, 4)
        assert meetings.votes_possible(session, m) == 3
        with pytest.raises(UserError, match="already held by"):
            other = meetings.add_person(session, actor(plain), m, member_id=5)
            meetings.hold_proxy(session, actor(plain), other, 4)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already on the list"):
        meetings.add_person(session, actor(plain), m, member_id=1)


def test_search_finds_notes_resolutions_and_actions(boarded: Any) -> None:
    """One search box across every meeting's minutes."""
    m = new_meeting(boarded)
    held(boarded, m)
    for member_id in BOARD[:3]:
        arrive(boarded, people(boarded, m)[member_id])
    with boarded.sessions.begin() as session:
        item = meetings.items(session, m)[5].id
        meetings.save_text(session, actor(boarded), item, notes="The boiler in Elm Court failed.")
        meetings.add_action(
            session, actor(boarded), m, text="Chase the BOILER engineer", owner="Bob"
        )
    motion(boarded, m, text="To replace the boiler at Elm Court.", votes_for=3)
    with boarded.sessions() as session:
        hits = meetings.search(session, actor(boarded).organisation_id, "boiler")
        assert {h.where.split()[0] for h in hits} == {"item", "resolution", "action"}
        assert hits[0].where == "resolution B/2026/001"
        assert meetings.search(session, actor(boarded).organisation_id, "100%") == []


def test_bodies_and_their_rules(plain: Any) -> None:
    """The board and general meetings exist with the usual rules; a clashing code is refused."""
    ids = bodies(plain)
    assert set(ids) == {"board", "general"}
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already uses 'B'"):
        meetings.save_body(session, actor(plain), meetings.BodyDetails("Repairs", "committee", "b"))
    with plain.sessions.begin() as session, pytest.raises(UserError, match="holds a board meeting"):
        meetings.create_meeting(session, actor(plain), meetings.MeetingDetails(
            ids["board"], "agm", "AGM", ON))  # fmt: skip


def test_only_those_entitled_count_towards_quorum_and_votes(boarded: Any) -> None:
    """At a board meeting a member who is not a director neither counts nor votes, and
    cannot be listed as a board member; a member who is in the room is not also counted
    through the proxy someone holds for them."""
    m = new_meeting(boarded)
    held(boarded, m)
    who = people(boarded, m)
    for row in list(who.values())[:2]:
        arrive(boarded, row)
    outsider = next(i for i in range(1, 40) if i not in BOARD)
    with boarded.sessions.begin() as session:
        with pytest.raises(UserError, match="is not on the board on 12/03/2026"):
            meetings.add_person(session, actor(boarded), m, member_id=outsider, role="board")
        meetings.add_person(session, actor(boarded), m, member_id=outsider, arrived_at=time(19))
        assert meetings.quorum(session, m).headline().startswith("NOT QUORATE: 2 present")
        assert meetings.votes_possible(session, m) == 2
        listed = {a.member_id: a.not_counted for a in meetings.attendees(session, m)}
        assert listed[outsider] == "not on the board on 12/03/2026"
        assert all(listed[i] == "" for i in BOARD)
    agm = new_meeting(boarded, date(2026, 3, 20), kind="agm", title="AGM")
    held(boarded, agm)
    with boarded.sessions.begin() as session:
        voters = [i for i in range(1, 41) if eligible(session, i, date(2026, 3, 20)).eligible]
        holder = meetings.add_person(session, actor(boarded), agm, member_id=voters[0])
        meetings.hold_proxy(session, actor(boarded), holder, voters[1])
        assert meetings.votes_possible(session, agm) == 2
        meetings.add_person(session, actor(boarded), agm, member_id=voters[1])  # came after all
        assert meetings.votes_possible(session, agm) == 2  # one vote each, not three
        not_voting = next(
            i for i in range(1, 41) if not eligible(session, i, date(2026, 3, 20)).eligible
        )
        meetings.add_person(session, actor(boarded), agm, member_id=not_voting)
        assert meetings.votes_possible(session, agm) == 2
        why = eligible(session, not_voting, date(2026, 3, 20)).reason
        shown = {a.member_id: a.not_counted for a in meetings.attendees(session, agm)}
        assert shown[not_voting] == why.replace("on that date", "on 20/03/2026")
        assert shown[voters[0]] == ""
        other = meetings.add_person(session, actor(boarded), agm, member_id=voters[2])
        with pytest.raises(UserError, match="may not vote on 20/03/2026, so has no vote"):
            meetings.hold_proxy(session, actor(boarded), other, not_voting)


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body(boarded: Any) -> None:
    """Board minutes cannot be approved at the AGM; actions and re-dating follow the meeting."""
    m = new_meeting(boarded)
    held(boarded, m)
    agm = new_meeting(boarded, date(2026, 3, 26), kind="agm", title="AGM")
    held(boarded, agm)
    planned = new_meeting(boarded, date(2026, 4, 9))
    with boarded.sessions.begin() as session:
        with pytest.raises(UserError) as caught:
            meetings.approve(session, actor(boarded), m, at_meeting_id=agm, chair="Ann")
        assert "another body's meeting" in str(caught.value.issue_for("at_meeting_id"))
        view = meetings.read_view(session, actor(boarded).organisation_id, m)
        assert agm not in [later.id for later in view.later]
        with pytest.raises(UserError, match="Mark the meeting as held before"):
            meetings.add_action(session, actor(boarded), planned, text="Paint", owner="Ann")
    for row in list(people(boarded, m).values())[:3]:
        arrive(boarded, row)
    motion(boarded, m, votes_for=3)
    with boarded.sessions.begin() as session:
        info = meetings.get_meeting(session, actor(boarded).organisation_id, m)
        for day, message in (
            (date(2025, 12, 11), "numbered for 2026"),
            (date.today() + timedelta(days=30), "cannot be in the future"),
        ):
            details = MeetingDetails(info.body_id, "board", info.title, day, time(19))
            with pytest.raises(UserError) as caught:
                meetings.update_meeting(session, actor(boarded), m, details)
            assert message in str(caught.value.issue_for("held_on"))


def test_search_folds_accented_capitals_and_reads_interests_and_addenda(boarded: Any) -> None:
    """'café' finds 'CAFÉ'; a declaration of interest and a dated addendum are found too."""
    m = new_meeting(boarded)
    held(boarded, m)
    with boarded.sessions.begin() as session:
        item = next(i.id for i in meetings.items(session, m) if i.kind == "reports")
        meetings.save_text(session, actor(boarded), item, notes="The COMMUNITY CAFÉ reopens.")
        meetings.declare_interest(session, actor(boarded), m, "Ann", "Owns the bakery.")
    later = new_meeting(boarded, date(2026, 4, 9))
    held(boarded, later)
    with boarded.sessions.begin() as session:
        meetings.approve(session, actor(boarded), m, at_meeting_id=later, chair="Ann")
        meetings.lock(session, actor(boarded), m)
        meetings.add_addendum(
            session,
            actor(boarded),
            m,
            text="The plumber's name was misspelt.",
            written_by="Sam",
            on=date(2026, 4, 10),
        )
    org = actor(boarded).organisation_id
    with boarded.sessions() as session:
        found = {
            term: [(h.meeting_id, h.where) for h in meetings.search(session, org, term)]
            for term in ("café", "Bakery", "PLUMBER", "100%")
        }
    assert found["café"] == [(m, "item 6: Reports")]
    assert found["Bakery"] == [(m, "declaration of interest")]
    assert found["PLUMBER"] and found["PLUMBER"][0][0] == m
    assert found["PLUMBER"][0][1].startswith("addendum of ")
    assert found["100%"] == []  # a % is looked for as itself, not as a wildcard


def test_a_signed_sheet_typed_in_together_is_checked_and_kept_whole(plain: Any) -> None:
    """Members 1-3 added present at once count towards the quorum; a list naming someone
    already there, or a member twice, or one not on the register, adds nobody."""
    m = new_meeting(plain, date(2026, 3, 20), kind="agm")
    held(plain, m)
    with plain.sessions.begin() as session:
        meetings.add_person(session, actor(plain), m, member_id=4, arrived_at=time(19))
    for ids, message in (([1, 4], "already on the list"), ([1, 1], "listed twice"),
                         ([1, 99_999], "not on the register")):  # fmt: skip
        with plain.sessions.begin() as session, pytest.raises(UserError, match=message):
            meetings.add_members_present(session, actor(plain), m, ids, time(19))
    with plain.sessions.begin() as session:
        made = meetings.add_members_present(session, actor(plain), m, [3, 1, 2], time(19))
        assert len(set(made)) == 3
        people_there = {a.member_id for a in meetings.attendees(session, m)}
        assert people_there == {1, 2, 3, 4}
        assert meetings.quorum(session, m).present == 4
