"""The demo's meetings: a year of monthly board meetings and two AGMs, with notice,
attendance, minutes, resolutions and actions; every set of minutes but the latest
approved at the next meeting (and the older ones locked).

Made through the services, so the audit trail and every rule apply as they would
for a real secretary.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Member
from app.services import board, meetings
from app.services.accounts.roles import Actor
from app.services.meetings import (
    ActionStatus,
    AttendanceStatus,
    MeetingDetails,
    MeetingStatus,
    MotionDetails,
)
from app.services.membership.eligibility import eligible_clause, rules_for

CHAIR, SECRETARY = "The chair", "The secretary"
NOTES = {
    "reports": (
        "The estate manager reported that repairs are on target: {done} of {due} jobs were "
        "done within the agreed times this month. Cleaning inspections scored {score}%.",
        "The caretaker reported fly-tipping behind Block C and a broken entry phone at "
        "Block A; both have been passed to the council.",
    ),
    "aob": ("The summer fun day will be on the green; volunteers to speak to the secretary.",),
}
MOTIONS = (
    "To approve the management accounts for the month.",
    "To accept the lowest of three quotes for the door-entry repairs.",
    "To approve the community garden grant application.",
    "To renew the cleaning contract for twelve months.",
)
ACTIONS = (
    ("Get three quotes for the Block A entry phone", 14),
    ("Write to the council about fly-tipping", 21),
    ("Book the community hall for the fun day", 30),
    ("Circulate the draft budget to the board", 10),
)


def _second_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)


def _note(rng: random.Random, kind: str) -> str:
    text = rng.choice(NOTES[kind])
    return text.format(
        done=rng.randint(80, 96), due=rng.randint(97, 110), score=rng.randint(84, 97)
    )


def _hold(session: Session, actor: Actor, meeting_id: int, held_on: date, notice: int) -> None:
    meetings.record_notice(session, actor, meeting_id, held_on - timedelta(days=notice + 3))
    meetings.advance(session, actor, meeting_id, MeetingStatus.HELD, held_on)


def _officer(session: Session, actor: Actor, office: str, on: date, fallback: str) -> str:
    held = board.officers(session, actor.organisation_id or 0, current_on=on)
    return next((o.name for o in held if o.office == office), fallback)


def _board_meeting(
    session: Session, actor: Actor, rng: random.Random, body: int, held_on: date
) -> int:
    chair = _officer(session, actor, "chair", held_on, CHAIR)
    secretary = _officer(session, actor, "secretary", held_on, SECRETARY)
    m = meetings.create_meeting(
        session,
        actor,
        MeetingDetails(
            body,
            "board",
            "Board meeting",
            held_on,
            time(18, 30),
            "Estate office",
            chair,
            secretary,
        ),
    )
    meetings.fill_board(session, actor, m)
    _hold(session, actor, m, held_on, 7)
    for person in meetings.attendees(session, m):
        # The chair and the secretary (who takes the minutes) always come.
        comes = person.name in (chair, secretary) or rng.random() < 0.8
        status = "present" if comes else "apologies"
        arrived = (
            time(18, 30 + rng.choice((0, 0, 0, 5, 10)))
            if status == AttendanceStatus.PRESENT
            else None
        )
        meetings.mark(session, actor, person.id, status, arrived)
    meetings.add_person(
        session, actor, m, name="Estate manager", role="officer", arrived_at=time(18, 30)
    )
    items = {i.kind: i.id for i in meetings.items(session, m)}
    meetings.write_quorum_statement(session, actor, m)
    meetings.save_text(session, actor, items["apologies"], notes="Apologies as listed.")
    meetings.save_text(session, actor, items["reports"], notes=_note(rng, "reports"))
    meetings.save_text(session, actor, items["aob"], notes=_note(rng, "aob"))
    present = meetings.votes_possible(session, m)
    here = [p.name for p in meetings.attendees(session, m) if p.in_room and p.counts]
    if meetings.quorum(session, m).quorate and present >= 3:
        against = rng.randint(0, 1)
        proposer, seconder = rng.sample(here, 2)
        meetings.record_motion(
            session,
            actor,
            m,
            MotionDetails(
                rng.choice(MOTIONS),
                proposer,
                seconder,
                present - against - 1,
                against,
                1,
                item_id=items["reports"],
            ),
        )
    text, days = rng.choice(ACTIONS)
    meetings.add_action(
        session,
        actor,
        m,
        text=text,
        owner=rng.choice((secretary, chair, "Estate manager")),
        due_on=held_on + timedelta(days=days),
        item_id=items["reports"],
    )
    meetings.save_text(
        session,
        actor,
        items["next_meeting"],
        decisions="The next meeting will be on the second Thursday of next month.",
    )
    meetings.advance(session, actor, m, MeetingStatus.DRAFT, held_on)
    return m


def _agm(session: Session, actor: Actor, rng: random.Random, body: int, held_on: date) -> int:
    m = meetings.create_meeting(
        session,
        actor,
        MeetingDetails(
            body,
            "agm",
            f"Annual general meeting {held_on.year}",
            held_on,
            time(19),
            "Community hall",
            _officer(session, actor, "chair", held_on, CHAIR),
            _officer(session, actor, "secretary", held_on, SECRETARY),
        ),
    )
    _hold(session, actor, m, held_on, 14)
    org = actor.organisation_id
    # Members entitled to vote that day: they come, give proxies or send apologies.
    ids = list(
        session.scalars(
            select(Member.id)
            .where(
                Member.organisation_id == org,
                eligible_clause(rules_for(session, org or 0), org or 0, held_on),
            )
            .order_by(Member.id)
        )
    )
    rng.shuffle(ids)
    # As many as make the meeting quorate with some to spare; a small demo may fall short.
    needed = meetings.quorum(session, m).needed
    size = min(len(ids), needed + 20, max(len(ids) - 8, needed))
    coming, proxies, sorry = ids[:size], ids[size : size + 3], ids[size + 3 : size + 8]
    rows = meetings.add_members_present(session, actor, m, coming, time(19))
    for holder, giver in zip(rows, proxies, strict=False):
        meetings.hold_proxy(session, actor, holder, giver)
    for i in sorry:
        meetings.add_person(session, actor, m, member_id=i, status=AttendanceStatus.APOLOGIES)
    meetings.add_person(
        session, actor, m, name="Council liaison officer", role="officer", arrived_at=time(19)
    )
    items = {i.kind: i.id for i in meetings.items(session, m)}
    meetings.write_quorum_statement(session, actor, m)
    meetings.save_text(
        session,
        actor,
        items["reports"],
        notes=(
            "The chair presented the annual report. The treasurer presented the accounts, which "
            "show the LMA allowance spent within budget and a surplus for community projects."
        ),
    )
    votes = meetings.votes_possible(session, m)
    note = "" if meetings.quorum(session, m).quorate else "Taken as an indicative vote only."
    meetings.record_motion(
        session,
        actor,
        m,
        MotionDetails(
            "To receive and adopt the annual report and accounts.",
            "A member",
            "Another member",
            votes - 2,
            0,
            2,
            item_id=items["reports"],
            inquorate_note=note,
        ),
    )
    meetings.record_motion(
        session,
        actor,
        m,
        MotionDetails(
            "Special resolution: to amend rule 12 so that board terms are three years.",
            "A member",
            "Another member",
            votes - 4,
            2,
            2,
            special=True,
            item_id=items["elections"],
            inquorate_note=note,
        ),
    )
    meetings.add_action(
        session,
        actor,
        m,
        text="Send the amended rules to the FCA",
        owner=_officer(session, actor, "secretary", held_on, SECRETARY),
        due_on=held_on + timedelta(days=28),
    )
    meetings.advance(session, actor, m, MeetingStatus.DRAFT, held_on)
    return m


def demo_meetings(session: Session, actor: Actor, rng: random.Random, today: date) -> None:
    """A year of board meetings up to ``today`` and the last two AGMs."""
    bodies = {b.kind: b.id for b in meetings.ensure_default_bodies(session, actor)}
    made: list[tuple[date, int]] = []
    for back in range(12, 0, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        held_on = _second_thursday(year, month + 1)
        if held_on < today and board.board_on(session, actor.organisation_id or 0, held_on):
            made.append((held_on, _board_meeting(session, actor, rng, bodies["board"], held_on)))
    last = today.year if date(today.year, 9, 16) < today else today.year - 1
    agms = [
        (day, _agm(session, actor, rng, bodies["general"], day))
        for day in (date(last - 1, 9, 17), date(last, 9, 16))
    ]
    # Each board meeting's minutes approved at the next; all but the last two locked.
    for (day, m), (_next_day, nxt) in pairwise(made):
        meetings.approve(
            session,
            actor,
            m,
            at_meeting_id=nxt,
            chair=_officer(session, actor, "chair", _next_day, CHAIR),
        )
        if day < made[-2][0]:
            meetings.lock(session, actor, m)
    if agms:
        meetings.approve(
            session,
            actor,
            agms[0][1],
            at_meeting_id=agms[1][1],
            chair=_officer(session, actor, "chair", agms[1][0], CHAIR),
        )
    # Most actions are done by the following meeting; some are still open.
    for action in meetings.action_log(session, actor.organisation_id or 0, open_only=True):
        if rng.random() < 0.7 and action.due_on is not None and action.due_on < today:
            meetings.update_action(
                session, actor, action.id, status=ActionStatus.DONE, on=min(today, action.due_on)
            )
    # The next board meeting is planned: its agenda can be printed and notice given.
    year, month = divmod(today.year * 12 + today.month, 12)
    coming = _second_thursday(year, month + 1)
    if board.board_on(session, actor.organisation_id or 0, coming):
        nxt = meetings.create_meeting(
            session,
            actor,
            MeetingDetails(
                bodies["board"],
                "board",
                "Board meeting",
                coming,
                time(18, 30),
                "Estate office",
                _officer(session, actor, "chair", today, CHAIR),
                _officer(session, actor, "secretary", today, SECRETARY),
            ),
        )
        meetings.fill_board(session, actor, nxt)
