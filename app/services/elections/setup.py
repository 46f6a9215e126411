"""Setting an election up and moving it from one state to the next."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Ballot, BallotBatch, Election, Member, Nomination, RollEntry
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any
from app.services.elections.common import (
    STATE_LABELS,
    STATES,
    ElectionDetails,
    ElectionInfo,
    ElectionKind,
    ElectionState,
    _apply,
    _details_issues,
    _election,
    _need_state,
    _org,
    _summary,
    _unlocked,
)
from app.services.membership.member_search import fold


def create_election(session: Session, actor: Actor, details: ElectionDetails) -> int:
    """A new election in the draft state; its id."""
    org_id = _org(actor)
    raise_if_any(_details_issues(session, org_id, details))
    row = Election(organisation_id=org_id, state=ElectionState.DRAFT)
    _apply(row, details)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "election", row.id, after=_summary(row))
    return row.id


def change_election(
    session: Session, actor: Actor, election_id: int, details: ElectionDetails
) -> None:
    """Change an election's details (only while it is a draft)."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.DRAFT, doing="change the election's details")
    raise_if_any(_details_issues(session, org_id, details))
    before = _summary(row)
    _apply(row, details)
    session.flush()
    audit.record(session, actor, "update", "election", row.id, before=before, after=_summary(row))


def _info(session: Session, row: Election) -> ElectionInfo:
    electors, issued = session.execute(
        select(
            func.count(RollEntry.id), func.count(RollEntry.id).filter(RollEntry.issued != "")
        ).where(RollEntry.election_id == row.id)
    ).one()
    candidates = session.scalar(
        select(func.count(Nomination.id)).where(
            Nomination.election_id == row.id, Nomination.withdrawn_on.is_(None)
        )
    )
    return ElectionInfo(
        title=row.title,
        kind=row.kind,
        roll_cutoff=row.roll_cutoff,
        ballot_on=row.ballot_on,
        method=row.method,
        seats=row.seats,
        seat_type_id=row.seat_type_id,
        nominations_open=row.nominations_open,
        nominations_close=row.nominations_close,
        returning_officer_id=row.returning_officer_id,
        resolution_text=row.resolution_text,
        special_resolution=row.special_resolution,
        id=row.id,
        state=row.state,
        roll_frozen=row.roll_frozen,
        electors=int(electors),
        issued=int(issued),
        candidates=int(candidates or 0),
        count_json=row.count_json,
        count_seed=row.count_seed,
        declared_at=row.declared_at,
    )


def get_election(session: Session, organisation_id: int, election_id: int) -> ElectionInfo:
    """One election with its counts of electors, papers issued and candidates."""
    row = session.get(Election, election_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That election is not one of this organisation's.")
    return _info(session, row)


def list_elections(session: Session, organisation_id: int) -> list[ElectionInfo]:
    """Every election, newest ballot first."""
    rows = session.scalars(
        select(Election)
        .where(Election.organisation_id == organisation_id)
        .order_by(Election.ballot_on.desc(), Election.id.desc())
    )
    return [_info(session, row) for row in rows]


def advance(session: Session, actor: Actor, election_id: int, to_state: str) -> None:
    """Move the election on one step (declaring is ``declare``'s job)."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _unlocked(row)
    if to_state not in STATES:
        raise UserError(f"'{to_state}' is not a stage of an election.")
    board = row.kind == ElectionKind.BOARD
    allowed: tuple[ElectionState, ...] = {
        ElectionState.DRAFT: (ElectionState.NOMINATIONS if board else ElectionState.BALLOT,),
        ElectionState.NOMINATIONS: (ElectionState.BALLOT,),
        ElectionState.BALLOT: (ElectionState.COUNTING,),
        ElectionState.COUNTING: (),
    }[ElectionState(row.state)]
    if to_state == ElectionState.DECLARED:
        raise UserError("Declare the result from the count, which stores the count sheet.")
    if to_state not in allowed:
        raise UserError(
            f"'{row.title}' is at '{STATE_LABELS[row.state]}' and cannot go to "
            f"'{STATE_LABELS[to_state]}' from there."
        )
    if to_state == ElectionState.BALLOT:
        if not row.roll_frozen:
            raise UserError("Freeze the voter roll before opening the ballot.")
        if row.kind == ElectionKind.BOARD:
            _number_candidates(session, row)
    if to_state == ElectionState.COUNTING:
        waiting = session.scalars(
            select(BallotBatch.number).where(
                BallotBatch.election_id == row.id, BallotBatch.accepted.is_(False)
            )
        ).all()
        if waiting:
            raise UserError(
                f"Batch {', '.join(map(str, waiting))} is not accepted yet: both tellers must "
                "enter it and agree before the count."
            )
        issued = session.scalar(
            select(func.count(RollEntry.id)).where(
                RollEntry.election_id == row.id, RollEntry.issued != ""
            )
        )
        entered = session.scalar(
            select(func.count(Ballot.id))
            .join(BallotBatch, BallotBatch.id == Ballot.batch_id)
            .where(BallotBatch.election_id == row.id, Ballot.teller == 1)
        )
        if issued and entered and entered > issued:
            raise UserError(
                f"{entered} papers were entered but only {issued} were issued. Find the extra "
                "papers (or mark the roll for papers issued) before the count."
            )
    before = row.state
    row.state = to_state
    session.flush()
    audit.record(
        session,
        actor,
        "state",
        "election",
        row.id,
        before={"state": before},
        after={"state": to_state},
    )


def _number_candidates(session: Session, row: Election) -> None:
    standing = sorted(
        session.execute(
            select(Nomination, Member)
            .join(Member, Member.id == Nomination.candidate_id)
            .where(Nomination.election_id == row.id, Nomination.withdrawn_on.is_(None))
        ).all(),
        # alphabetical as a reader sorts: "de Souza" with the Ds, "Ó Briain" with the Os
        key=lambda pair: (
            fold(pair[1].family_name),
            fold(pair[1].given_name),
            pair[1].membership_number,
        ),
    )
    if not standing:
        raise UserError("There are no candidates: nobody can be on the ballot paper.")
    if len(standing) < row.seats:
        raise UserError(
            f"Only {len(standing)} candidates are standing for {row.seats} seats. Reduce the "
            "number of seats, or keep nominations open, before the ballot."
        )
    for position, (nomination, _member) in enumerate(standing, start=1):
        nomination.ballot_position = position
