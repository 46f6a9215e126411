"""The seam to the count: the papers out, the result in, the winners seated."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Election, Nomination, RollEntry
from app.models.base import utc_now
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.board import seat_elected
from app.services.elections.common import (
    ANSWERS,
    ISSUED,
    STATE_LABELS,
    CountInput,
    ElectionKind,
    ElectionState,
    _election,
    _need_state,
    _org,
)
from app.services.elections.papers import (
    _accepted,
    _positions,
)


def candidate_ids(session: Session, election_id: int) -> list[int]:
    """Candidate (nomination) ids in ballot order: position 1 first."""
    return list(
        session.scalars(
            select(Nomination.id)
            .where(Nomination.election_id == election_id, Nomination.ballot_position.is_not(None))
            .order_by(Nomination.ballot_position)
        )
    )


def ballots_for_count(session: Session, election_id: int) -> CountInput:
    """Everything the counter needs, from the accepted batches (spoilt papers left out)."""
    row = session.get_one(Election, election_id)
    if row.state not in (ElectionState.COUNTING, ElectionState.DECLARED):
        raise UserError(
            f"'{row.title}' is at '{STATE_LABELS[row.state]}': close the ballot (move it to "
            "counting) before counting."
        )
    papers = [marks for marks, reason in _accepted(session, election_id) if not reason]
    if row.kind == ElectionKind.RESOLUTION:
        answers = {a: i for i, a in enumerate(ANSWERS, start=1)}
        return CountInput(
            ("For", "Against", "Abstain"), [(answers[m],) for m in papers], 1, row.method
        )
    positions = sorted(_positions(session, election_id).values())
    return CountInput(
        tuple(name for _pos, name in positions),
        [tuple(int(p) for p in m.split()) for m in papers],
        row.seats,
        row.method,
    )


def declare(
    session: Session,
    actor: Actor,
    election_id: int,
    elected_candidate_ids: list[int],
    count_json: str,
    seed: int | str | None,
) -> None:
    """Store the count's result and lock the election."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.COUNTING, doing="declare the result")
    try:
        json.loads(count_json)
    except ValueError:
        raise UserError("The count sheet is not valid JSON; count again.") from None
    standing = set(candidate_ids(session, row.id))
    wrong = [c for c in elected_candidate_ids if c not in standing]
    if wrong:
        raise UserError(f"Candidate {wrong[0]} is not on this ballot paper.")
    if len(set(elected_candidate_ids)) != len(elected_candidate_ids):
        raise UserError("A candidate is listed as elected twice.")
    if row.kind == ElectionKind.BOARD and len(elected_candidate_ids) > row.seats:
        raise UserError(f"{len(elected_candidate_ids)} elected, but there are {row.seats} seats.")
    if row.kind == ElectionKind.RESOLUTION and elected_candidate_ids:
        raise UserError("A resolution has no candidates to elect: give an empty list.")
    seed_text = "" if seed is None else str(seed)
    # Declared only if still being counted: two people declaring at once (on a shared
    # server) cannot both store a result.
    claimed = session.execute(
        update(Election)
        .where(Election.id == row.id, Election.state == ElectionState.COUNTING)
        .values(
            state=ElectionState.DECLARED,
            count_json=count_json,
            count_seed=seed_text,
            declared_at=utc_now(),
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise UserError(
            "This election has just been declared by someone else; nothing was changed."
        )
    session.expire(row)
    for nomination in session.scalars(
        select(Nomination).where(Nomination.id.in_(elected_candidate_ids))
    ):
        nomination.elected = True
    session.flush()
    audit.record(
        session,
        actor,
        "declare",
        "election",
        row.id,
        before={"state": "counting"},
        after={"state": "declared", "elected": elected_candidate_ids, "seed": seed_text},
    )


def seat_winners(session: Session, actor: Actor, election_id: int) -> list[int]:
    """Put the declared winners on the board for the seat type's term; their board-seat ids."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    if row.state != ElectionState.DECLARED:
        raise UserError("Declare the result before seating the winners.")
    if row.kind != ElectionKind.BOARD or row.seat_type_id is None:
        raise UserError("This election is not for a kind of board seat, so nobody is seated.")
    if row.seats_filled:
        raise UserError("The winners of this election are already on the board.")
    winners = session.scalars(
        select(Nomination.candidate_id)
        .where(Nomination.election_id == row.id, Nomination.elected.is_(True))
        .order_by(Nomination.ballot_position)
    ).all()
    made = [
        seat_elected(
            session,
            actor,
            org_id,
            seat_type_id=row.seat_type_id,
            member_id=mid,
            started_on=row.ballot_on,
            election_id=row.id,
        ).id
        for mid in winners
    ]
    row.seats_filled = True
    session.flush()
    return made


def rolls_of_member(session: Session, member_id: int) -> list[tuple[str, date, int, str]]:
    """(election title, ballot date, elector number, how a paper was issued) for a member."""
    return [
        (title, ballot_on, number, ISSUED.get(issued, ""))
        for title, ballot_on, number, issued in session.execute(
            select(Election.title, Election.ballot_on, RollEntry.elector_number, RollEntry.issued)
            .join(Election, Election.id == RollEntry.election_id)
            .where(RollEntry.member_id == member_id)
            .order_by(Election.ballot_on)
        )
    ]
