"""Nominations: candidate, proposer and seconder checked against the rules; withdrawal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Election, Member, Nomination, SeatType
from app.services import board as board_service
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.common.validation import raise_if_any
from app.services.elections.common import (
    STATEMENT_LENGTH,
    ElectionState,
    NominationInfo,
    _election,
    _need_state,
    _org,
    told_apart,
)
from app.services.elections.setup import (
    get_election,
)
from app.services.membership.eligibility import eligible


def _constituency(session: Session, row: Election) -> SeatType | None:
    return session.get(SeatType, row.seat_type_id) if row.seat_type_id else None


def _voter_issue(
    session: Session, row: Election, member: Member, on: date, role: str
) -> Issue | None:
    verdict = eligible(session, member.id, on)
    who = f"The {role}, member {member.membership_number} ({name_of(member)}),"
    if not verdict.eligible:
        return Issue(f"{role}_id", f"{who} is not eligible on {on:%d/%m/%Y}: {verdict.reason}.")
    seat = _constituency(session, row)
    if seat is not None and seat.category_id is not None and member.category_id != seat.category_id:
        return Issue(f"{role}_id", f"{who} is not in the constituency of '{seat.name}'.")
    return None


def _member_in(
    session: Session, org_id: int, member_id: int, role: str, issues: list[Issue | None]
) -> Member | None:
    """The member, or None with an issue added when they are not on the register."""
    member = session.get(Member, member_id)
    if member is None or member.organisation_id != org_id or member.merged_into_id is not None:
        issues.append(Issue(f"{role}_id", f"The {role} is not on this organisation's register."))
        return None
    return member


def nominate(
    session: Session,
    actor: Actor,
    election_id: int,
    *,
    candidate_id: int,
    proposer_id: int,
    seconder_id: int,
    nominated_on: date,
    statement: str = "",
) -> int:
    """Record a nomination, checked against the rules on ``nominated_on``; its id."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.NOMINATIONS, doing="take nominations")
    assert row.nominations_open is not None and row.nominations_close is not None
    issues: list[Issue | None] = []
    if not row.nominations_open <= nominated_on <= row.nominations_close:
        issues.append(
            Issue(
                "nominated_on",
                f"Nominations are open from {row.nominations_open:%d/%m/%Y} to "
                f"{row.nominations_close:%d/%m/%Y}; {nominated_on:%d/%m/%Y} is outside that.",
            )
        )
    # Every problem is reported at once, so the form is put right in one go.
    candidate = _member_in(session, org_id, candidate_id, "candidate", issues)
    proposer = _member_in(session, org_id, proposer_id, "proposer", issues)
    seconder = _member_in(session, org_id, seconder_id, "seconder", issues)
    if proposer_id == candidate_id:
        issues.append(Issue("proposer_id", "Candidates cannot propose themselves."))
    if seconder_id == candidate_id:
        issues.append(Issue("seconder_id", "Candidates cannot second themselves."))
    if proposer_id == seconder_id:
        issues.append(Issue("seconder_id", "The seconder must be someone other than the proposer."))
    if candidate is not None:
        stand = board_service.stand_issue(
            session, _constituency(session, row), candidate, nominated_on
        )
        issues.append(
            Issue("candidate_id", f"The candidate cannot stand: {stand}")
            if stand
            else _voter_issue(session, row, candidate, nominated_on, "candidate")
        )
    if proposer is not None:
        issues.append(_voter_issue(session, row, proposer, nominated_on, "proposer"))
    if seconder is not None:
        issues.append(_voter_issue(session, row, seconder, nominated_on, "seconder"))
    if len(statement.strip()) > STATEMENT_LENGTH:
        issues.append(
            Issue(
                "statement", f"The statement is too long (at most {STATEMENT_LENGTH} characters)."
            )
        )
    already = session.scalar(
        select(Nomination.id).where(
            Nomination.election_id == row.id, Nomination.candidate_id == candidate_id
        )
    )
    if already is not None and candidate is not None:
        issues.append(
            Issue(
                "candidate_id",
                f"Member {candidate.membership_number} ({name_of(candidate)}) is already "
                "nominated in this election.",
            )
        )
    raise_if_any(issues)
    assert candidate is not None and proposer is not None and seconder is not None
    nomination = Nomination(
        election_id=row.id,
        candidate_id=candidate_id,
        proposer_id=proposer_id,
        seconder_id=seconder_id,
        nominated_on=nominated_on,
        statement=statement.strip(),
    )
    session.add(nomination)
    session.flush()
    audit.record(
        session,
        actor,
        "nominate",
        "election",
        row.id,
        after={
            "nomination_id": nomination.id,
            "candidate": candidate.membership_number,
            "proposer": proposer.membership_number,
            "seconder": seconder.membership_number,
            "nominated_on": nominated_on,
        },
    )
    return nomination.id


def _nomination(session: Session, org_id: int, nomination_id: int) -> tuple[Nomination, Election]:
    nomination = session.get(Nomination, nomination_id)
    if nomination is None:
        raise UserError("That nomination does not exist.")
    return nomination, _election(session, org_id, nomination.election_id)


def withdraw(session: Session, actor: Actor, nomination_id: int, on: date) -> None:
    """A candidate withdraws (allowed up to the close of nominations)."""
    org_id = _org(actor)
    nomination, row = _nomination(session, org_id, nomination_id)
    _need_state(row, ElectionState.NOMINATIONS, doing="withdraw a candidate")
    assert row.nominations_close is not None
    if nomination.withdrawn_on is not None:
        raise UserError(f"That candidate already withdrew on {nomination.withdrawn_on:%d/%m/%Y}.")
    if on > row.nominations_close or on < nomination.nominated_on:
        raise UserError.from_issues(
            [
                Issue(
                    "withdrawn_on",
                    "A candidate can withdraw only between their nomination and the close of "
                    f"nominations ({row.nominations_close:%d/%m/%Y}).",
                )
            ]
        )
    nomination.withdrawn_on = on
    session.flush()
    audit.record(
        session,
        actor,
        "withdraw",
        "election",
        row.id,
        after={"nomination_id": nomination.id, "withdrawn_on": on},
    )


def nominations(session: Session, organisation_id: int, election_id: int) -> list[NominationInfo]:
    """The election's nominations, in ballot order once numbered (else by name)."""
    get_election(session, organisation_id, election_id)
    rows = session.execute(
        select(Nomination, Member)
        .join(Member, Member.id == Nomination.candidate_id)
        .where(Nomination.election_id == election_id)
        .order_by(Nomination.ballot_position, Member.family_name, Member.given_name)
    ).all()
    numbers = dict(
        session.execute(
            select(Member.id, Member.membership_number).where(
                Member.id.in_([n.proposer_id for n, _m in rows] + [n.seconder_id for n, _m in rows])
            )
        ).all()
    )
    names = told_apart([name_of(m) for _n, m in rows], [m for _n, m in rows])
    return [
        NominationInfo(
            n.id,
            m.id,
            m.membership_number,
            name,
            numbers[n.proposer_id],
            numbers[n.seconder_id],
            n.nominated_on,
            n.statement,
            n.withdrawn_on,
            n.ballot_position,
            n.elected,
        )
        for (n, m), name in zip(rows, names, strict=True)
    ]
