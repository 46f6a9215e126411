"""One meeting read whole, in one unit of work: what its window shows and its papers print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.services.meetings.actions import ActionInfo, actions_of_meeting, matters_arising
from app.services.meetings.agenda import ItemInfo, items
from app.services.meetings.approval import AddendumInfo, addenda
from app.services.meetings.attendance import Attendee, attendees, quorum, votes_possible
from app.services.meetings.bodies import list_bodies
from app.services.meetings.common import NOT_HELD, MeetingInfo
from app.services.meetings.minutes import InterestInfo, interests
from app.services.meetings.motions import MotionInfo, motions
from app.services.meetings.quorum import Quorum
from app.services.meetings.schedule import get_meeting, last_notice_date, list_meetings


@dataclass(frozen=True)
class MeetingView:
    """A meeting with its agenda, attendance, quorum, resolutions, actions and addenda."""

    info: MeetingInfo
    notice_days: int
    latest_notice: date
    items: list[ItemInfo]
    people: list[Attendee]
    quorum: Quorum
    possible: int
    motions: list[MotionInfo]
    actions: list[ActionInfo]
    carried: list[ActionInfo]  # open actions from earlier meetings: matters arising
    later: list[MeetingInfo]  # held meetings after this one (where minutes may be approved)
    addenda: list[AddendumInfo]
    interests: list[InterestInfo]


def read_view(session: Session, organisation_id: int, meeting_id: int) -> MeetingView:
    """Everything about one meeting (a UserError if it is not this organisation's)."""
    info = get_meeting(session, organisation_id, meeting_id)
    body = next(b for b in list_bodies(session, organisation_id) if b.id == info.body_id)
    later = sorted(
        (
            m
            for m in list_meetings(session, organisation_id, info.body_id)
            if m.held_on > info.held_on and m.status not in NOT_HELD
        ),
        key=lambda m: m.held_on,
    )
    return MeetingView(
        info,
        body.notice_days,
        last_notice_date(info.held_on, body.notice_days),
        items(session, meeting_id),
        attendees(session, meeting_id),
        quorum(session, meeting_id),
        votes_possible(session, meeting_id),
        motions(session, meeting_id),
        actions_of_meeting(session, meeting_id),
        matters_arising(session, meeting_id),
        later,
        addenda(session, meeting_id),
        interests(session, meeting_id),
    )
