"""The states and kinds stored in the tables, as ``StrEnum``s: each member is the very
string stored, so comparing, hashing and saving work as with the plain text, and the
file format does not change. Every layer may use them; the services re-export theirs.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum as StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """A str that is also an Enum member (``enum.StrEnum`` from Python 3.11)."""

        def __str__(self) -> str:
            return str(self.value)


class MemberStatus(StrEnum):
    """Where a person is on the register: applied, a member now, or left."""

    APPLICANT = "applicant"
    CURRENT = "current"
    FORMER = "former"


class ElectionState(StrEnum):
    """Where an election is: draft -> nominations -> ballot -> counting -> declared."""

    DRAFT = "draft"
    NOMINATIONS = "nominations"
    BALLOT = "ballot"
    COUNTING = "counting"
    DECLARED = "declared"


class ElectionKind(StrEnum):
    """What an election decides: who takes board seats, or a resolution (for or against)."""

    BOARD = "board"
    RESOLUTION = "resolution"


class BodyKind(StrEnum):
    """What kind of body meets: the board, the members in general meeting, a committee..."""

    BOARD = "board"
    GENERAL = "general"
    COMMITTEE = "committee"
    FOCUS_GROUP = "focus_group"


class MeetingKind(StrEnum):
    """What kind of meeting it is."""

    BOARD = "board"
    AGM = "agm"
    EGM = "egm"
    SPECIAL = "special"
    COMMITTEE = "committee"
    FOCUS_GROUP = "focus_group"


class MeetingStatus(StrEnum):
    """Where a meeting is: planned -> notice sent -> held -> draft minutes -> approved -> locked."""

    PLANNED = "planned"
    NOTICE_SENT = "notice_sent"
    HELD = "held"
    DRAFT = "draft"
    APPROVED = "approved"
    LOCKED = "locked"


class AttendanceStatus(StrEnum):
    """Whether a person on a meeting's list came."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class ActionStatus(StrEnum):
    """Where an action from the minutes has got to."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class EntryKind(StrEnum):
    """What a line of the cash book is."""

    OPENING = "opening"
    RECEIPT = "receipt"
    PAYMENT = "payment"
    TRANSFER = "transfer"


class SeatFilling(StrEnum):
    """How a kind of seat is filled, and how a member came to sit in one."""

    ELECTED = "elected"
    CO_OPTED = "co_opted"
    APPOINTED = "appointed"
