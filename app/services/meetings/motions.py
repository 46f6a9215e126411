"""Motions and resolutions: proposer, seconder, the vote, carried or lost, and a
number per body and year (B/2026/014). A vote while inquorate needs a note, and
the minutes say so."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import AgendaItem, Election, Member, Motion
from app.models.states import ElectionState
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.counting import resolution
from app.services.meetings.attendance import quorum, votes_possible
from app.services.meetings.common import body_row, editable, meeting_row, must_be_held, org_of
from app.services.meetings.links import admit_if_carried
from app.storage.numbering import hold_numbers


@dataclass(frozen=True)
class MotionDetails:
    text: str
    proposer: str = ""
    seconder: str = ""
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    special: bool = False
    item_id: int | None = None
    inquorate_note: str = ""
    member_id: int | None = None  # a membership application this approves
    election_id: int | None = None  # a declared election this records


@dataclass(frozen=True)
class MotionInfo:
    id: int
    meeting_id: int
    item_id: int | None
    reference: str
    text: str
    kind: str
    proposer: str
    seconder: str
    votes_for: int
    votes_against: int
    abstentions: int
    carried: bool
    inquorate_note: str
    member_id: int | None
    election_id: int | None

    @property
    def outcome(self) -> str:
        return "Carried" if self.carried else "Lost"

    @property
    def vote_line(self) -> str:
        return f"For {self.votes_for}, against {self.votes_against}, abstentions {self.abstentions}"


def _info(m: Motion) -> MotionInfo:
    return MotionInfo(
        m.id,
        m.meeting_id,
        m.item_id,
        m.reference,
        m.text,
        m.kind,
        m.proposer,
        m.seconder,
        m.votes_for,
        m.votes_against,
        m.abstentions,
        m.carried,
        m.inquorate_note,
        m.member_id,
        m.election_id,
    )


def motions(session: Session, meeting_id: int) -> list[MotionInfo]:
    rows = session.scalars(
        select(Motion).where(Motion.meeting_id == meeting_id).order_by(Motion.number)
    )
    return [_info(m) for m in rows]


def motions_for_member(session: Session, member_id: int) -> list[MotionInfo]:
    """Resolutions about a member (their application approved), oldest first."""
    rows = session.scalars(select(Motion).where(Motion.member_id == member_id).order_by(Motion.id))
    return [_info(m) for m in rows]


def record_motion(
    session: Session, actor: Actor, meeting_id: int, details: MotionDetails
) -> MotionInfo:
    """Record a motion and its vote; refused (nothing saved) if the numbers cannot be right."""
    org_id = org_of(actor)
    meeting = meeting_row(session, org_id, meeting_id)
    editable(meeting)
    must_be_held(meeting, "its votes")
    d = details
    issues: list[Issue | None] = [
        required_issue("text", d.text, "motion's wording", max_length=4000)
    ]
    for field, value in (("proposer", d.proposer), ("seconder", d.seconder)):
        if len(value.strip()) > 120:
            issues.append(Issue(field, f"The {field}'s name is too long."))
    if d.proposer.strip() and d.proposer.strip().casefold() == d.seconder.strip().casefold():
        issues.append(Issue("seconder", "The seconder must be someone other than the proposer."))
    votes = (d.votes_for, d.votes_against, d.abstentions)
    if any(v < 0 for v in votes):
        issues.append(Issue("votes_for", "Votes cannot be negative."))
    possible = votes_possible(session, meeting_id)
    if sum(votes) > possible:
        issues.append(
            Issue(
                "votes_for",
                (
                    f"{sum(votes)} votes are recorded but only {possible} people (with the proxies "
                    "they hold) can vote now. Check the count, or who is present."
                ),
            )
        )
    now = quorum(session, meeting_id)
    note = d.inquorate_note.strip()
    if not now.quorate and not note:
        issues.append(
            Issue(
                "inquorate_note",
                (
                    f"The meeting is not quorate ({now.present} present, {now.needed} needed). "
                    "A vote now needs a note saying why it is taken; the minutes will show it."
                ),
            )
        )
    if d.item_id is not None:
        item = session.get(AgendaItem, d.item_id)
        if item is None or item.meeting_id != meeting_id:
            issues.append(Issue("item_id", "Choose an item on this meeting's agenda."))
    raise_if_any(issues)
    if d.member_id is not None:
        member = session.get(Member, d.member_id)
        if member is None or member.organisation_id != org_id:
            raise UserError.from_issues([Issue("member_id", "That member is not on the register.")])
    if d.election_id is not None:
        election = session.get(Election, d.election_id)
        if (
            election is None
            or election.organisation_id != org_id
            or election.state != ElectionState.DECLARED
        ):
            raise UserError.from_issues([Issue("election_id", "Choose a declared election.")])
    kind = resolution.SPECIAL if d.special else resolution.ORDINARY
    carried = resolution.decide(d.votes_for, d.votes_against, d.abstentions, kind).passed
    body = body_row(session, org_id, meeting.body_id)
    year = meeting.held_on.year
    hold_numbers(session, org_id)  # no two motions take the same number on a server
    number = (
        session.scalar(
            select(func.max(Motion.number)).where(Motion.body_id == body.id, Motion.year == year)
        )
        or 0
    ) + 1
    row = Motion(
        meeting_id=meeting_id,
        item_id=d.item_id,
        body_id=body.id,
        year=year,
        number=number,
        reference=f"{body.code}/{year}/{number:03d}",
        text=d.text.strip(),
        kind="special" if d.special else "ordinary",
        proposer=d.proposer.strip(),
        seconder=d.seconder.strip(),
        votes_for=d.votes_for,
        votes_against=d.votes_against,
        abstentions=d.abstentions,
        carried=carried,
        inquorate_note=note if not now.quorate else "",
        member_id=d.member_id,
        election_id=d.election_id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "motion",
        "meeting",
        meeting_id,
        after={"reference": row.reference, "carried": carried, "votes": list(votes)},
    )
    admit_if_carried(session, actor, row, meeting)
    return _info(row)
