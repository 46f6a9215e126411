"""The plain data behind meeting papers: the agenda, the sign-in sheet and the minutes.

Notice letters are a ``LetterRun`` and the action log and attendance are
``TableReport``s; these three are laid out by ``pdf/meeting_papers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.common.reports import Letterhead


@dataclass(frozen=True)
class MeetingHeading:
    """What heads every paper of one meeting."""

    letterhead: Letterhead
    title: str  # 'Board meeting'
    when: str  # 'Thursday 12 March 2026 at 18:30'
    place: str


@dataclass(frozen=True)
class Agenda:
    """The numbered items, with open actions listed under matters arising."""

    heading: MeetingHeading
    items: tuple[str, ...]
    matters_arising: tuple[str, ...] = ()  # 'Send the rules to the FCA (Secretary, due 01/04/2026)'
    item_with_matters: int | None = None  # the position the matters arising go under
    note: str = ""  # 'Apologies to the secretary before the meeting, please.'


@dataclass(frozen=True)
class SignInSheet:
    """A row for each person expected, with room to sign, then blank rows for others."""

    heading: MeetingHeading
    people: tuple[tuple[str, str], ...]  # (membership number or '', name)
    blank_rows: int = 8
    proxies: bool = False  # a general meeting: a column for proxies held


@dataclass(frozen=True)
class MinutesItem:
    """One agenda item as minuted."""

    number: int
    title: str
    notes: str
    decisions: str
    resolutions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Minutes:
    """A meeting's minutes: who came, the quorum, each item, the resolutions and actions."""

    heading: MeetingHeading
    chair: str
    minute_taker: str
    approval: str  # 'Approved as a true record ...' or '' for a draft
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    absent: tuple[str, ...]
    in_attendance: tuple[str, ...]  # guests and officers
    proxies: tuple[str, ...]
    quorum_statement: str
    items: tuple[MinutesItem, ...]
    actions: tuple[tuple[str, str, str, str], ...]  # (action, owner, due, status)
    addenda: tuple[str, ...] = ()
    locked: bool = False

    @property
    def draft(self) -> bool:
        """Not yet approved as a true record: printed with DRAFT across each page."""
        return not self.approval
