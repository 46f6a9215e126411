"""Ballot papers entered by two tellers, compared, accepted; spoilt papers."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Ballot, BallotBatch, Election, Member, Nomination
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.elections.common import (
    ANSWERS,
    RANKED,
    ElectionKind,
    ElectionState,
    Mismatch,
    Paper,
    _election,
    _need_state,
    _org,
    told_apart,
)
from app.services.elections.setup import (
    get_election,
)


def _positions(session: Session, election_id: int) -> dict[int, tuple[int, str]]:
    """Candidate (nomination) id -> (ballot position, name), for candidates on the paper."""
    rows = session.execute(
        select(Nomination.id, Nomination.ballot_position, Member)
        .join(Member, Member.id == Nomination.candidate_id)
        .where(Nomination.election_id == election_id, Nomination.ballot_position.is_not(None))
    ).all()
    names = told_apart([name_of(m) for _n, _p, m in rows], [m for _n, _p, m in rows])
    return {nid: (int(pos or 0), name) for (nid, pos, _m), name in zip(rows, names, strict=True)}


def _paper_text(
    row: Election, paper: Paper, positions: dict[int, tuple[int, str]], seq: int
) -> str:
    """The stored marks for one paper, or a UserError saying what is wrong with it."""
    where = f"Paper {seq}"
    if paper.spoilt:
        if len(paper.spoilt) > 120:
            raise UserError(
                f"{where}: the reason it is spoilt is too long (at most 120 characters)."
            )
        return ""
    if row.kind == ElectionKind.RESOLUTION:
        if paper.answer not in ANSWERS:
            raise UserError(f"{where}: mark it for, against or abstain (or record it as spoilt).")
        return paper.answer

    def position(candidate_id: int) -> int:
        if candidate_id not in positions:
            raise UserError(
                f"{where}: candidate {candidate_id} is not on this ballot paper "
                f"(there are {len(positions)} candidates)."
            )
        return positions[candidate_id][0]

    if row.method in RANKED:
        if not paper.ranking:
            raise UserError(f"{where}: no preference is marked. Record it as spoilt instead.")
        seen = Counter(paper.ranking)
        twice = [c for c, n in seen.items() if n > 1]
        if twice:
            name = positions.get(twice[0], (0, f"candidate {twice[0]}"))[1]
            raise UserError(f"{where}: {name} is given more than one preference.")
        return " ".join(str(position(c)) for c in paper.ranking)
    if not paper.marks:
        raise UserError(f"{where}: no X is marked. Record it as spoilt instead.")
    if len(paper.marks) > row.seats:
        raise UserError(
            f"{where}: {len(paper.marks)} X marks, but only {row.seats} "
            f"{'seat is' if row.seats == 1 else 'seats are'} to be filled. "
            "Record it as spoilt."
        )
    return " ".join(str(p) for p in sorted(position(c) for c in paper.marks))


def ranking_from_preferences(
    preferences: dict[int, int], candidates: int, sequence: int = 1
) -> tuple[int, ...]:
    """Candidate ids in order from {candidate id: the number written beside them}.

    The numbers must run 1, 2, 3... with none repeated or beyond the number of
    candidates; a plain UserError says which paper and what is wrong.
    """
    where = f"Paper {sequence}"
    for number in preferences.values():
        if not 1 <= number <= candidates:
            raise UserError(f"{where}: preference {number} is out of range (1 to {candidates}).")
    counts = Counter(preferences.values())
    repeated = sorted(n for n, k in counts.items() if k > 1)
    if repeated:
        raise UserError(f"{where}: preference {repeated[0]} is written more than once.")
    ordered = sorted(preferences.items(), key=lambda item: item[1])
    ranking: list[int] = []
    for expected, (candidate, number) in enumerate(ordered, start=1):
        if number != expected:  # a gap: later preferences do not count
            break
        ranking.append(candidate)
    return tuple(ranking)


def _batch(session: Session, row: Election, number: int) -> BallotBatch | None:
    return session.scalars(
        select(BallotBatch).where(BallotBatch.election_id == row.id, BallotBatch.number == number)
    ).first()


def enter_batch(
    session: Session,
    actor: Actor,
    election_id: int,
    batch_number: int,
    teller: int,
    papers: list[Paper],
) -> int:
    """One teller's typing of a batch of papers (again: replaces their earlier typing).

    ``teller`` is 1 or 2; the two must be different users. Returns how many papers.
    """
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.BALLOT, doing="enter ballot papers")
    if teller not in (1, 2):
        raise UserError("Say whether this is the first or the second teller's entry.")
    if batch_number < 1:
        raise UserError("Batch numbers start at 1.")
    if not papers:
        raise UserError("The batch has no papers.")
    positions = _positions(session, row.id)
    marks = [_paper_text(row, p, positions, seq) for seq, p in enumerate(papers, start=1)]
    batch = _batch(session, row, batch_number)
    if batch is None:
        batch = BallotBatch(election_id=row.id, number=batch_number, accepted=False)
        session.add(batch)
        session.flush()
    if batch.accepted:
        raise UserError(f"Batch {batch_number} has been accepted; it cannot be entered again.")
    other = batch.teller_2_id if teller == 1 else batch.teller_1_id
    if actor.user_id is not None and other == actor.user_id:
        raise UserError(
            f"You entered batch {batch_number} as the other teller; a different person must "
            "enter it the second time."
        )
    if teller == 1:
        batch.teller_1_id = actor.user_id
    else:
        batch.teller_2_id = actor.user_id
    session.execute(delete(Ballot).where(Ballot.batch_id == batch.id, Ballot.teller == teller))
    session.execute(
        insert(Ballot),
        [
            {
                "batch_id": batch.id,
                "teller": teller,
                "sequence": seq,
                "marks": text,
                "spoilt_reason": paper.spoilt.strip(),
            }
            for seq, (paper, text) in enumerate(zip(papers, marks, strict=True), start=1)
        ],
    )
    session.flush()
    audit.record(
        session,
        actor,
        "enter batch",
        "election",
        row.id,
        after={"batch": batch_number, "teller": teller, "papers": len(papers)},
    )
    return len(papers)


def _typed(session: Session, batch_id: int, teller: int) -> dict[int, str]:
    return {
        seq: (f"spoilt: {reason}" if reason else marks)
        for seq, marks, reason in session.execute(
            select(Ballot.sequence, Ballot.marks, Ballot.spoilt_reason).where(
                Ballot.batch_id == batch_id, Ballot.teller == teller
            )
        )
    }


def compare_batch(
    session: Session, organisation_id: int, election_id: int, batch_number: int
) -> list[Mismatch]:
    """Papers the two tellers typed differently, by sequence number (empty: they agree)."""
    row = session.get(Election, election_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That election is not one of this organisation's.")
    batch = _batch(session, row, batch_number)
    if batch is None:
        raise UserError(f"There is no batch {batch_number} in this election.")
    first, second = _typed(session, batch.id, 1), _typed(session, batch.id, 2)
    if not first or not second:
        # Until both have typed the batch, neither may see the other's typing.
        waiting = "first" if not first else "second"
        raise UserError(
            f"The {waiting} teller has not entered batch {batch_number} yet; the two entries "
            "are compared once both are in."
        )
    return [
        Mismatch(seq, first.get(seq, "(not entered)"), second.get(seq, "(not entered)"))
        for seq in sorted(first.keys() | second.keys())
        if first.get(seq) != second.get(seq)
    ]


def accept_batch(session: Session, actor: Actor, election_id: int, batch_number: int) -> int:
    """Accept a batch both tellers entered identically; how many papers it holds."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.BALLOT, doing="accept a batch")
    batch = _batch(session, row, batch_number)
    if batch is None:
        raise UserError(f"There is no batch {batch_number} in this election.")
    if batch.accepted:
        raise UserError(f"Batch {batch_number} is already accepted.")
    if not _typed(session, batch.id, 1) or not _typed(session, batch.id, 2):
        raise UserError(f"Batch {batch_number} must be entered by both tellers first.")
    mismatches = compare_batch(session, org_id, row.id, batch_number)
    if mismatches:
        papers = ", ".join(str(m.sequence) for m in mismatches[:10])
        raise UserError(
            f"The tellers' entries of batch {batch_number} differ on {len(mismatches)} "
            f"paper(s) ({papers}). Check those papers and correct the wrong entry."
        )
    batch.accepted = True
    papers_count = len(_typed(session, batch.id, 1))
    session.flush()
    audit.record(
        session,
        actor,
        "accept batch",
        "election",
        row.id,
        after={"batch": batch_number, "papers": papers_count},
    )
    return papers_count


def _accepted(session: Session, election_id: int) -> list[tuple[str, str]]:
    return [
        (marks, reason)
        for marks, reason in session.execute(
            select(Ballot.marks, Ballot.spoilt_reason)
            .join(BallotBatch, BallotBatch.id == Ballot.batch_id)
            .where(
                BallotBatch.election_id == election_id,
                BallotBatch.accepted.is_(True),
                Ballot.teller == 1,
            )
            .order_by(BallotBatch.number, Ballot.sequence)
        )
    ]


def spoilt_papers(session: Session, organisation_id: int, election_id: int) -> dict[str, int]:
    """How many accepted papers were spoilt, by reason."""
    get_election(session, organisation_id, election_id)
    return dict(Counter(reason for _marks, reason in _accepted(session, election_id) if reason))
