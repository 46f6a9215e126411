"""Meetings: bodies that meet, their meetings, agendas, attendance and minutes.

A body (the board, general meetings, a committee) carries the rules its
meetings follow: notice in clear days and the quorum. A meeting's minutes are
its agenda items' notes and decisions, its motions, declarations and actions;
once approved and locked they are never edited again, only added to by dated
addenda.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class MeetingBody(OrgOwned, Base):
    """Something that meets: 'Board', 'General meetings', 'Gardening committee'.

    ``kind``: 'board', 'general', 'committee' or 'focus_group'. ``code`` starts
    its resolution numbers ('B' gives B/2026/014). Quorum: at least
    ``quorum_minimum`` people, and at least ``quorum_num``/``quorum_den`` of the
    ``quorum_base`` ('board' = seats filled on the day, 'members' = members on
    the register, 'none'), rounded up.
    """

    __tablename__ = "meeting_bodies"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name", name="uq_meeting_bodies_name"),
        UniqueConstraint("organisation_id", "code", name="uq_meeting_bodies_code"),
        CheckConstraint("kind IN ('board', 'general', 'committee', 'focus_group')", name="kind"),
        CheckConstraint("quorum_base IN ('none', 'board', 'members')", name="quorum_base"),
        CheckConstraint("notice_days BETWEEN 0 AND 365", name="notice_range"),
        CheckConstraint("quorum_minimum >= 0 AND quorum_num >= 0 AND quorum_den >= 1", name="q"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    code: Mapped[str] = mapped_column(String(10), nullable=False)
    notice_days: Mapped[int] = mapped_column(nullable=False, default=0)
    quorum_minimum: Mapped[int] = mapped_column(nullable=False, default=0)
    quorum_num: Mapped[int] = mapped_column(nullable=False, default=0)
    quorum_den: Mapped[int] = mapped_column(nullable=False, default=1)
    quorum_base: Mapped[str] = mapped_column(String(10), nullable=False, default="none")


class Meeting(OrgOwned, Base):
    """One meeting of a body. ``status`` moves planned -> notice_sent -> held ->
    draft -> approved -> locked; ``kind`` is 'board', 'agm', 'egm', 'special',
    'committee' or 'focus_group'."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_body_date", "body_id", "held_on"),
        CheckConstraint(
            "status IN ('planned', 'notice_sent', 'held', 'draft', 'approved', 'locked')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_bodies.id", ondelete="RESTRICT"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    held_on: Mapped[date] = mapped_column(nullable=False)
    starts_at: Mapped[time | None] = mapped_column(nullable=True)
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    chair: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    minute_taker: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned")
    notice_sent_on: Mapped[date | None] = mapped_column(nullable=True)
    quorum_statement: Mapped[str] = mapped_column(Text, nullable=False, default="")
    approved_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=True
    )
    approved_on: Mapped[date | None] = mapped_column(nullable=True)
    approved_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")


class AgendaItem(Base):
    """An agenda item and, once the meeting is held, its minute (notes and decisions)."""

    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False
    )
    position: Mapped[int] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default="other")
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decisions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    saved_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Attendance(Base):
    """Who was at (or sent apologies to) a meeting.

    A member (``member_id``) or, for a guest or officer in attendance, a name.
    ``role``: 'member', 'board', 'guest' or 'officer'; ``status``: 'present',
    'apologies' or 'absent'. ``proxy_for_id``: the member whose vote this
    person holds as proxy (a general meeting only).
    """

    __tablename__ = "attendance"
    __table_args__ = (
        Index("ix_attendance_meeting", "meeting_id"),
        CheckConstraint("status IN ('present', 'apologies', 'absent')", name="status"),
        CheckConstraint("role IN ('member', 'board', 'guest', 'officer')", name="role"),
        CheckConstraint("left_at IS NULL OR arrived_at IS NULL OR left_at >= arrived_at", name="t"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="member")
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="present")
    arrived_at: Mapped[time | None] = mapped_column(nullable=True)
    left_at: Mapped[time | None] = mapped_column(nullable=True)
    proxy_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=True
    )


class Motion(Base):
    """A motion or resolution put to the vote, numbered per body and year (B/2026/014).

    ``kind`` 'ordinary' (carried by a majority of votes cast) or 'special' (at
    least three quarters). ``inquorate_note`` is set when the vote was taken
    while the meeting was inquorate. ``member_id`` links an approved membership
    application; ``election_id`` a declared election recorded at the meeting.
    """

    __tablename__ = "motions"
    __table_args__ = (
        UniqueConstraint("body_id", "year", "number", name="uq_motions_number"),
        CheckConstraint("kind IN ('ordinary', 'special')", name="kind"),
        CheckConstraint("votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0", name="v"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="RESTRICT"), nullable=True
    )
    body_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_bodies.id", ondelete="RESTRICT"), nullable=False
    )
    year: Mapped[int] = mapped_column(nullable=False)
    number: Mapped[int] = mapped_column(nullable=False)
    reference: Mapped[str] = mapped_column(String(30), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="ordinary")
    proposer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    seconder: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    votes_for: Mapped[int] = mapped_column(nullable=False, default=0)
    votes_against: Mapped[int] = mapped_column(nullable=False, default=0)
    abstentions: Mapped[int] = mapped_column(nullable=False, default=0)
    carried: Mapped[bool] = mapped_column(nullable=False)
    inquorate_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    election_id: Mapped[int | None] = mapped_column(
        ForeignKey("elections.id", ondelete="RESTRICT"), nullable=True
    )


class Interest(Base):
    """A declaration of interest made at a meeting."""

    __tablename__ = "interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="RESTRICT"), nullable=True
    )
    person: Mapped[str] = mapped_column(String(120), nullable=False)
    interest: Mapped[str] = mapped_column(Text, nullable=False)


class Action(Base):
    """Something a person agreed to do; carried to each later meeting until done."""

    __tablename__ = "actions"
    __table_args__ = (
        Index("ix_actions_body_status", "body_id", "status"),
        CheckConstraint("status IN ('open', 'done', 'dropped')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_bodies.id", ondelete="RESTRICT"), nullable=False
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="RESTRICT"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str] = mapped_column(String(120), nullable=False)
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Addendum(Base):
    """A dated correction to locked minutes (the minutes themselves never change)."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    written_on: Mapped[date] = mapped_column(nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    written_by: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
