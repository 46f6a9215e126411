"""Meetings and minutes: bodies and their rules, calling a meeting with notice, the
agenda, attendance and the live quorum, minutes with numbered resolutions and
actions, approval at a later meeting, locking, addenda and search.

Every change takes the caller's session (one unit of work) and writes an audit
row; bad input raises one UserError and nothing is saved.
"""

from __future__ import annotations

from app.services.meetings.actions import (
    ActionInfo,
    action_log,
    actions_of_meeting,
    add_action,
    matters_arising,
    update_action,
)
from app.services.meetings.agenda import (
    ItemInfo,
    add_item,
    items,
    move_item,
    remove_item,
    rename_item,
)
from app.services.meetings.approval import AddendumInfo, add_addendum, addenda, approve, lock
from app.services.meetings.attendance import (
    Attendee,
    add_person,
    attendees,
    fill_board,
    hold_proxy,
    leave,
    mark,
    quorum,
    votes_possible,
)
from app.services.meetings.attendance_sheet import add_members_present
from app.services.meetings.bodies import (
    BodyDetails,
    BodyInfo,
    ensure_default_bodies,
    list_bodies,
    save_body,
)
from app.services.meetings.common import (
    ACTION_STATUSES,
    ATTENDANCE,
    BODY_KINDS,
    KINDS_OF_BODY,
    MEETING_KINDS,
    NOT_HELD,
    ROLES,
    STATUSES,
    ActionStatus,
    AttendanceStatus,
    BodyKind,
    MeetingInfo,
    MeetingKind,
    MeetingStatus,
)
from app.services.meetings.links import (
    Subject,
    applicants,
    declared_elections,
    member_resolutions,
)
from app.services.meetings.minutes import (
    InterestInfo,
    declare_interest,
    interests,
    save_text,
    write_quorum_statement,
)
from app.services.meetings.motions import (
    MotionDetails,
    MotionInfo,
    motions,
    motions_for_member,
    record_motion,
)
from app.services.meetings.schedule import (
    MeetingDetails,
    advance,
    create_meeting,
    get_meeting,
    last_notice_date,
    list_meetings,
    record_notice,
    update_meeting,
)
from app.services.meetings.search import Hit, search
from app.services.meetings.view import MeetingView, read_view

__all__ = [
    "ACTION_STATUSES",
    "ATTENDANCE",
    "BODY_KINDS",
    "KINDS_OF_BODY",
    "MEETING_KINDS",
    "NOT_HELD",
    "ROLES",
    "STATUSES",
    "ActionInfo",
    "ActionStatus",
    "AddendumInfo",
    "AttendanceStatus",
    "Attendee",
    "BodyDetails",
    "BodyInfo",
    "BodyKind",
    "Hit",
    "InterestInfo",
    "ItemInfo",
    "MeetingDetails",
    "MeetingInfo",
    "MeetingKind",
    "MeetingStatus",
    "MeetingView",
    "MotionDetails",
    "MotionInfo",
    "Subject",
    "action_log",
    "actions_of_meeting",
    "add_action",
    "add_addendum",
    "add_item",
    "add_members_present",
    "add_person",
    "addenda",
    "advance",
    "applicants",
    "approve",
    "attendees",
    "create_meeting",
    "declare_interest",
    "declared_elections",
    "ensure_default_bodies",
    "fill_board",
    "get_meeting",
    "hold_proxy",
    "interests",
    "items",
    "last_notice_date",
    "leave",
    "list_bodies",
    "list_meetings",
    "lock",
    "mark",
    "matters_arising",
    "member_resolutions",
    "motions",
    "motions_for_member",
    "move_item",
    "quorum",
    "read_view",
    "record_motion",
    "record_notice",
    "remove_item",
    "rename_item",
    "save_body",
    "save_text",
    "search",
    "update_action",
    "update_meeting",
    "votes_possible",
    "write_quorum_statement",
]
