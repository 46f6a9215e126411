"""What a resolution can be about: a membership application (carried, it admits the
applicant, and the member's record shows the minute reference) or an election's
declared result."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Election, Meeting, Member, Motion
from app.models.states import ElectionState
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.common.reports import uk_date
from app.services.membership import members, records


@dataclass(frozen=True)
class Subject:
    """Something a vote can be about, and the wording a motion about it usually has."""

    id: int
    label: str
    wording: str


def applicants(session: Session, organisation_id: int) -> list[Subject]:
    """Members who applied and are not yet admitted, oldest application first."""
    rows = session.scalars(
        select(Member)
        .where(
            Member.organisation_id == organisation_id,
            Member.joined_on.is_(None),
            Member.left_on.is_(None),
            Member.merged_into_id.is_(None),
            Member.erased_on.is_(None),
        )
        .order_by(Member.applied_on, Member.membership_number)
    )
    return [
        Subject(
            m.id,
            f"{m.membership_number} {name_of(m, with_title=False)}"
            + (f" (applied {uk_date(m.applied_on)})" if m.applied_on else ""),
            f"To admit {name_of(m, with_title=False)} to membership.",
        )
        for m in rows
    ]


def declared_elections(session: Session, organisation_id: int) -> list[Subject]:
    """Declared elections, newest first."""
    rows = session.scalars(
        select(Election)
        .where(
            Election.organisation_id == organisation_id, Election.state == ElectionState.DECLARED
        )
        .order_by(Election.id.desc())
    )
    return [
        Subject(
            e.id,
            e.title,
            f"To receive the returning officer's declaration of the result of the {e.title}.",
        )
        for e in rows
    ]


def admit_if_carried(session: Session, actor: Actor, motion: Motion, meeting: Meeting) -> None:
    """A carried resolution about an applicant admits them on the meeting's date, the
    resolution (and the meeting that passed it) recorded as the decision."""

    if not motion.carried or motion.member_id is None:
        return
    assert actor.organisation_id is not None
    record = members.get_member(session, actor.organisation_id, motion.member_id)
    if record.joined_on is not None:
        return  # already a member: the resolution is recorded against them only
    # The reference names the body (B/, G/ ...); the register's field holds 60 characters.
    decision = f"Resolution {motion.reference} of {uk_date(meeting.held_on)}"
    details = records.MemberDetails(
        **{field: getattr(record, field) for field in records.MemberDetails.__dataclass_fields__}
    )
    members.update_member(
        session,
        actor,
        motion.member_id,
        replace(
            details,
            joined_on=meeting.held_on,
            admitted_by=decision,
        ),
    )


def member_resolutions(session: Session, member_id: int) -> list[str]:
    """'B/2026/003, Board meeting 12/03/2026: To admit ... Carried.' for a member's record."""
    rows = session.execute(
        select(Motion, Meeting)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Motion.member_id == member_id)
        .order_by(Meeting.held_on, Motion.id)
    )
    return [
        f"{m.reference}, {meeting.title} {uk_date(meeting.held_on)}: {m.text} "
        f"{'Carried' if m.carried else 'Lost'}."
        for m, meeting in rows
    ]
