"""Table models of the Meetings area: columns as IntEnums, cells as plain text."""

from __future__ import annotations

from enum import IntEnum

from app.services import meetings
from app.services.common.dates import uk
from app.services.meetings import AttendanceStatus
from app.ui.table_model import RowsModel


def hhmm(value: object) -> str:
    return "" if value is None else f"{value:%H:%M}"


class MeetingColumn(IntEnum):
    DATE = 0
    BODY = 1
    TITLE = 2
    STATUS = 3


MEETING_HEADINGS = {
    MeetingColumn.DATE: "Date",
    MeetingColumn.BODY: "Who meets",
    MeetingColumn.TITLE: "Meeting",
    MeetingColumn.STATUS: "Stage",
}


def meeting_cell(row: meetings.MeetingInfo, column: MeetingColumn) -> str:
    return {
        MeetingColumn.DATE: uk(row.held_on),
        MeetingColumn.BODY: row.body,
        MeetingColumn.TITLE: row.title,
        MeetingColumn.STATUS: row.status_label,
    }[column]


def meetings_model() -> RowsModel[meetings.MeetingInfo]:
    return RowsModel(MeetingColumn, MEETING_HEADINGS, meeting_cell)


class PersonColumn(IntEnum):
    NAME = 0
    ROLE = 1
    STATUS = 2
    ARRIVED = 3
    LEFT = 4
    PROXY = 5
    COUNTS = 6


PERSON_HEADINGS = {
    PersonColumn.NAME: "Name",
    PersonColumn.ROLE: "Attending as",
    PersonColumn.STATUS: "Attendance",
    PersonColumn.ARRIVED: "Arrived",
    PersonColumn.LEFT: "Left",
    PersonColumn.PROXY: "Holds proxy for",
    PersonColumn.COUNTS: "Counts and votes",
}


def person_cell(row: meetings.Attendee, column: PersonColumn) -> str:
    status = meetings.ATTENDANCE[row.status]
    if row.status == AttendanceStatus.PRESENT and row.left_at is not None:
        status = "Present, then left"
    name = row.name if row.membership_number is None else f"{row.name} ({row.membership_number})"
    return {
        PersonColumn.NAME: name,
        PersonColumn.ROLE: meetings.ROLES[row.role],
        PersonColumn.STATUS: status,
        PersonColumn.ARRIVED: hhmm(row.arrived_at),
        PersonColumn.LEFT: hhmm(row.left_at),
        PersonColumn.PROXY: row.proxy_for,
        PersonColumn.COUNTS: _counts(row),
    }[column]


def _counts(row: meetings.Attendee) -> str:
    """'Yes', 'No: no paid-up share on 12/03/2026', or '' for a guest or officer."""
    if not row.counts:
        return ""
    return f"No: {row.not_counted}" if row.not_counted else "Yes"


def people_model() -> RowsModel[meetings.Attendee]:
    return RowsModel(PersonColumn, PERSON_HEADINGS, person_cell)


class ActionColumn(IntEnum):
    RAISED = 0
    ACTION = 1
    OWNER = 2
    DUE = 3
    STATUS = 4


ACTION_HEADINGS = {
    ActionColumn.RAISED: "Raised at",
    ActionColumn.ACTION: "Action",
    ActionColumn.OWNER: "Owner",
    ActionColumn.DUE: "Due",
    ActionColumn.STATUS: "Status",
}


def action_cell(row: meetings.ActionInfo, column: ActionColumn) -> str:
    status = row.status_label
    if row.done_on is not None:
        status = f"{status} {uk(row.done_on)}"
    return {
        ActionColumn.RAISED: row.raised_at,
        ActionColumn.ACTION: row.text,
        ActionColumn.OWNER: row.owner,
        ActionColumn.DUE: uk(row.due_on),
        ActionColumn.STATUS: status,
    }[column]


def actions_model() -> RowsModel[meetings.ActionInfo]:
    return RowsModel(ActionColumn, ACTION_HEADINGS, action_cell)


class HitColumn(IntEnum):
    MEETING = 0
    WHERE = 1
    TEXT = 2


HIT_HEADINGS = {HitColumn.MEETING: "Meeting", HitColumn.WHERE: "Where", HitColumn.TEXT: "Text"}


def hit_cell(row: meetings.Hit, column: HitColumn) -> str:
    return {HitColumn.MEETING: row.meeting, HitColumn.WHERE: row.where, HitColumn.TEXT: row.text}[
        column
    ]


def hits_model() -> RowsModel[meetings.Hit]:
    return RowsModel(HitColumn, HIT_HEADINGS, hit_cell)


class MotionColumn(IntEnum):
    REFERENCE = 0
    TEXT = 1
    VOTES = 2
    OUTCOME = 3


MOTION_HEADINGS = {
    MotionColumn.REFERENCE: "Number",
    MotionColumn.TEXT: "Resolution",
    MotionColumn.VOTES: "Votes",
    MotionColumn.OUTCOME: "Outcome",
}


def motion_cell(row: meetings.MotionInfo, column: MotionColumn) -> str:
    outcome = row.outcome + (" (while not quorate)" if row.inquorate_note else "")
    return {
        MotionColumn.REFERENCE: row.reference,
        MotionColumn.TEXT: row.text,
        MotionColumn.VOTES: row.vote_line,
        MotionColumn.OUTCOME: outcome,
    }[column]


def motions_model() -> RowsModel[meetings.MotionInfo]:
    return RowsModel(MotionColumn, MOTION_HEADINGS, motion_cell)
