"""Elections without the count: set-up, nominations, the frozen roll, ballot entry, declaration.

The states run draft -> nominations -> ballot -> counting -> declared (a
resolution skips nominations); each change is audited, and once declared
nothing about the election can change.

Ballots are secret. A paper is stored with its batch, the teller who typed it
(1 or 2) and its place in the batch: never a member, never a time. Candidates
on a paper are stored by ballot position, so no foreign key leads from a
ballot to a member (``tests/unit/test_ballot_secrecy.py`` walks the keys).
Each batch is typed twice, by different tellers, and counts only once both
agree paper for paper.

The count itself is elsewhere (``app/services/counting``): it reads
``ballots_for_count`` and hands its result to ``declare``; ``seat_winners``
then puts the winners on the board.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Ballot, BallotBatch, Election, Member, Nomination, RollEntry, SeatType, User
from app.models.base import utc_now
from app.services import audit
from app.services import board as board_service
from app.services.eligibility import eligible, eligible_clause, rules_for
from app.services.roles import Actor, Permission
from app.services.validation import raise_if_any, required_issue

STATES: tuple[str, ...] = ("draft", "nominations", "ballot", "counting", "declared")
STATE_LABELS: dict[str, str] = {
    "draft": "Draft",
    "nominations": "Nominations open",
    "ballot": "Ballot",
    "counting": "Counting",
    "declared": "Declared",
}
KINDS: dict[str, str] = {"board": "Board seats", "resolution": "Resolution"}
METHODS: dict[str, str] = {
    "plurality": "Plurality (block vote: X marks)",
    "ers97": "Single transferable vote (ERS97 rules)",
    "scottish": "Single transferable vote (Scottish rules)",
    "meek": "Single transferable vote (Meek)",
}
RANKED = frozenset({"ers97", "scottish", "meek"})
ISSUED: dict[str, str] = {"in_person": "in person", "postal": "by post", "proxy": "by proxy"}
ANSWERS: tuple[str, ...] = ("for", "against", "abstain")
STATEMENT_LENGTH = 2000


@dataclass(frozen=True)
class ElectionDetails:
    """What the returning officer fills in to set up an election."""

    title: str
    kind: str  # 'board' or 'resolution'
    roll_cutoff: date
    ballot_on: date
    method: str = "plurality"
    seats: int = 1
    seat_type_id: int | None = None  # the constituency: who may vote and stand (None: everyone)
    nominations_open: date | None = None
    nominations_close: date | None = None
    returning_officer_id: int | None = None
    resolution_text: str = ""
    special_resolution: bool = False


@dataclass(frozen=True)
class ElectionInfo(ElectionDetails):
    """An election as stored."""

    id: int = 0
    state: str = "draft"
    roll_frozen: bool = False
    electors: int = 0
    issued: int = 0
    candidates: int = 0
    count_json: str = ""
    count_seed: str = ""
    declared_at: datetime | None = None


@dataclass(frozen=True)
class NominationInfo:
    """One nomination, as lists and ballot papers show it."""

    id: int
    candidate_id: int
    candidate_number: int
    candidate: str
    proposer_number: int
    seconder_number: int
    nominated_on: date
    statement: str
    withdrawn_on: date | None
    ballot_position: int | None
    elected: bool


@dataclass(frozen=True)
class Paper:
    """One ballot paper as a teller reads it.

    Give ``ranking`` (candidate ids, first preference first) for STV,
    ``marks`` (candidate ids with an X) for plurality, ``answer`` ('for',
    'against', 'abstain') for a resolution, or ``spoilt`` (the reason) for a
    paper that cannot be counted.
    """

    ranking: tuple[int, ...] = ()
    marks: frozenset[int] = field(default_factory=frozenset)
    answer: str = ""
    spoilt: str = ""


@dataclass(frozen=True)
class Mismatch:
    """A paper the two tellers typed differently (or only one typed)."""

    sequence: int
    teller_1: str
    teller_2: str


class CountInput(NamedTuple):
    """What the counter needs: candidates in ballot order, the papers, seats and method.

    Each paper is a tuple of 1-based ballot positions: preference order for
    STV, the X marks (ascending) for plurality. A resolution's 'candidates'
    are ('For', 'Against', 'Abstain') and each paper names one of them.
    Spoilt papers are not included (see ``spoilt_papers``).
    """

    candidates: tuple[str, ...]
    ballots: list[tuple[int, ...]]
    seats: int
    method: str


# ---------------------------------------------------------------------------- helpers


def _org(actor: Actor) -> int:
    actor.require(Permission.RUN_ELECTIONS)
    assert actor.organisation_id is not None
    return actor.organisation_id


def _election(session: Session, org_id: int, election_id: int) -> Election:
    row = session.get(Election, election_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That election is not one of this organisation's.")
    return row


def _unlocked(row: Election) -> None:
    if row.state == "declared":
        when = f" on {row.declared_at:%d/%m/%Y}" if row.declared_at else ""
        raise UserError(
            f"The result of '{row.title}' was declared{when}, so the election cannot be "
            "changed any more."
        )


def _need_state(row: Election, *states: str, doing: str) -> None:
    _unlocked(row)
    if row.state not in states:
        wanted = " or ".join(f"'{STATE_LABELS[s]}'" for s in states)
        raise UserError(
            f"You can {doing} only while the election is at {wanted}; "
            f"'{row.title}' is at '{STATE_LABELS[row.state]}'."
        )


def _name(member: Member) -> str:
    return " ".join(p for p in (member.title, member.given_name, member.family_name) if p)


def _details_issues(session: Session, org_id: int, d: ElectionDetails) -> list[Issue | None]:
    issues: list[Issue | None] = [required_issue("title", d.title, "election's title")]
    if d.kind not in KINDS:
        issues.append(Issue("kind", "Choose what the ballot is for: board seats or a resolution."))
    if d.method not in METHODS:
        issues.append(
            Issue("method", "Choose the counting method: plurality, ers97, scottish or meek.")
        )
    if not 1 <= d.seats <= 100:
        issues.append(Issue("seats", "The number of seats must be 1 to 100."))
    if d.seat_type_id is not None:
        seat = session.get(SeatType, d.seat_type_id)
        if seat is None or seat.organisation_id != org_id:
            issues.append(
                Issue("seat_type_id", "That kind of seat is not one of this organisation's.")
            )
        elif seat.filled_by != "elected":
            issues.append(Issue("seat_type_id", f"'{seat.name}' is not filled by election."))
    if d.kind == "board":
        if d.nominations_open is None or d.nominations_close is None:
            issues.append(Issue("nominations_close", "Enter when nominations open and close."))
        elif d.nominations_close < d.nominations_open:
            issues.append(
                Issue("nominations_close", "Nominations close before they open: check the dates.")
            )
        elif d.nominations_close > d.ballot_on:
            issues.append(
                Issue("nominations_close", "Nominations must close on or before the ballot date.")
            )
    if d.kind == "resolution":
        issues.append(
            required_issue(
                "resolution_text", d.resolution_text, "resolution's wording", max_length=4000
            )
        )
    if d.roll_cutoff > d.ballot_on:
        issues.append(Issue("roll_cutoff", "The roll cut-off date is after the ballot date."))
    if d.returning_officer_id is not None:
        user = session.get(User, d.returning_officer_id)
        if user is None or user.organisation_id != org_id or not user.active:
            issues.append(
                Issue("returning_officer_id", "The returning officer must be an active user here.")
            )
    return issues


def _apply(row: Election, d: ElectionDetails) -> None:
    row.title = " ".join(d.title.split())
    row.kind, row.method, row.seats = d.kind, d.method, d.seats
    row.seat_type_id = d.seat_type_id
    row.nominations_open, row.nominations_close = d.nominations_open, d.nominations_close
    row.roll_cutoff, row.ballot_on = d.roll_cutoff, d.ballot_on
    row.returning_officer_id = d.returning_officer_id
    row.resolution_text = d.resolution_text.strip()
    row.special_resolution = d.special_resolution
    if d.kind == "resolution":
        row.method, row.seats, row.seat_type_id = "plurality", 1, None
        row.nominations_open = row.nominations_close = None


def _summary(row: Election) -> dict[str, object]:
    return {
        "title": row.title,
        "kind": row.kind,
        "method": row.method,
        "seats": row.seats,
        "seat_type_id": row.seat_type_id,
        "nominations_open": row.nominations_open,
        "nominations_close": row.nominations_close,
        "roll_cutoff": row.roll_cutoff,
        "ballot_on": row.ballot_on,
        "returning_officer_id": row.returning_officer_id,
    }


# ---------------------------------------------------------------------------- set-up


def create_election(session: Session, actor: Actor, details: ElectionDetails) -> int:
    """A new election in the draft state; its id."""
    org_id = _org(actor)
    raise_if_any(_details_issues(session, org_id, details))
    row = Election(organisation_id=org_id, state="draft")
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
    _need_state(row, "draft", doing="change the election's details")
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
    allowed = {
        "draft": ("nominations",) if row.kind == "board" else ("ballot",),
        "nominations": ("ballot",),
        "ballot": ("counting",),
        "counting": (),
    }[row.state]
    if to_state == "declared":
        raise UserError("Declare the result from the count, which stores the count sheet.")
    if to_state not in allowed:
        raise UserError(
            f"'{row.title}' is at '{STATE_LABELS[row.state]}' and cannot go to "
            f"'{STATE_LABELS[to_state]}' from there."
        )
    if to_state == "ballot":
        if not row.roll_frozen:
            raise UserError("Freeze the voter roll before opening the ballot.")
        if row.kind == "board":
            _number_candidates(session, row)
    if to_state == "counting":
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
    standing = session.execute(
        select(Nomination, Member)
        .join(Member, Member.id == Nomination.candidate_id)
        .where(Nomination.election_id == row.id, Nomination.withdrawn_on.is_(None))
        .order_by(Member.family_name, Member.given_name, Member.membership_number)
    ).all()
    if not standing:
        raise UserError("There are no candidates: nobody can be on the ballot paper.")
    for position, (nomination, _member) in enumerate(standing, start=1):
        nomination.ballot_position = position


# ---------------------------------------------------------------------------- nominations


def _constituency(session: Session, row: Election) -> SeatType | None:
    return session.get(SeatType, row.seat_type_id) if row.seat_type_id else None


def _voter_issue(
    session: Session, row: Election, member: Member, on: date, role: str
) -> Issue | None:
    verdict = eligible(session, member.id, on)
    who = f"The {role}, member {member.membership_number} ({_name(member)}),"
    if not verdict.eligible:
        return Issue(f"{role}_id", f"{who} is not eligible on {on:%d/%m/%Y}: {verdict.reason}.")
    seat = _constituency(session, row)
    if seat is not None and seat.category_id is not None and member.category_id != seat.category_id:
        return Issue(f"{role}_id", f"{who} is not in the constituency of '{seat.name}'.")
    return None


def _member_in(session: Session, org_id: int, member_id: int, role: str) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.organisation_id != org_id or member.merged_into_id is not None:
        raise UserError.from_issues(
            [Issue(f"{role}_id", f"The {role} is not on this organisation's register.")]
        )
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
    _need_state(row, "nominations", doing="take nominations")
    assert row.nominations_open is not None and row.nominations_close is not None
    if not row.nominations_open <= nominated_on <= row.nominations_close:
        raise UserError.from_issues(
            [
                Issue(
                    "nominated_on",
                    f"Nominations are open from {row.nominations_open:%d/%m/%Y} to "
                    f"{row.nominations_close:%d/%m/%Y}; {nominated_on:%d/%m/%Y} is outside that.",
                )
            ]
        )
    candidate = _member_in(session, org_id, candidate_id, "candidate")
    proposer = _member_in(session, org_id, proposer_id, "proposer")
    seconder = _member_in(session, org_id, seconder_id, "seconder")
    issues: list[Issue | None] = []
    if proposer_id == candidate_id:
        issues.append(Issue("proposer_id", "Candidates cannot propose themselves."))
    if seconder_id == candidate_id:
        issues.append(Issue("seconder_id", "Candidates cannot second themselves."))
    if proposer_id == seconder_id:
        issues.append(Issue("seconder_id", "The seconder must be someone other than the proposer."))
    stand = board_service.stand_issue(session, _constituency(session, row), candidate, nominated_on)
    issues.append(
        Issue("candidate_id", f"The candidate cannot stand: {stand}")
        if stand
        else _voter_issue(session, row, candidate, nominated_on, "candidate")
    )
    issues.append(_voter_issue(session, row, proposer, nominated_on, "proposer"))
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
    if already is not None:
        issues.append(
            Issue(
                "candidate_id",
                f"Member {candidate.membership_number} ({_name(candidate)}) is already "
                "nominated in this election.",
            )
        )
    raise_if_any(issues)
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
    _need_state(row, "nominations", doing="withdraw a candidate")
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
    return [
        NominationInfo(
            n.id,
            m.id,
            m.membership_number,
            _name(m),
            numbers[n.proposer_id],
            numbers[n.seconder_id],
            n.nominated_on,
            n.statement,
            n.withdrawn_on,
            n.ballot_position,
            n.elected,
        )
        for n, m in rows
    ]


# ---------------------------------------------------------------------------- the roll


def freeze_roll(session: Session, actor: Actor, election_id: int) -> int:
    """Make the voter roll: everyone eligible on the cut-off date (in the constituency).

    Elector numbers run 1, 2, ... in name order. Done once; returns how many.
    """
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, "draft", "nominations", doing="freeze the voter roll")
    if row.roll_frozen:
        raise UserError("The voter roll is already frozen; it cannot be made again.")
    clause = eligible_clause(rules_for(session, org_id), org_id, row.roll_cutoff)
    seat = _constituency(session, row)
    query = select(Member.id).where(clause)
    if seat is not None and seat.category_id is not None:
        query = query.where(Member.category_id == seat.category_id)
    ids = session.scalars(
        query.order_by(Member.family_name, Member.given_name, Member.membership_number)
    ).all()
    entries = [
        {"election_id": row.id, "member_id": mid, "elector_number": n, "issued": ""}
        for n, mid in enumerate(ids, start=1)
    ]
    for chunk in range(0, len(entries), 5000):
        session.execute(insert(RollEntry), entries[chunk : chunk + 5000])
    row.roll_frozen = True
    session.flush()
    audit.record(
        session,
        actor,
        "freeze roll",
        "election",
        row.id,
        after={"cutoff": row.roll_cutoff, "electors": len(ids)},
    )
    return len(ids)


@dataclass(frozen=True)
class Elector:
    """One line of the voter roll."""

    elector_number: int
    member_id: int
    membership_number: int
    name: str
    issued: str


def roll(session: Session, organisation_id: int, election_id: int) -> list[Elector]:
    """The frozen roll, by elector number."""
    get_election(session, organisation_id, election_id)
    rows = session.execute(
        select(RollEntry, Member)
        .join(Member, Member.id == RollEntry.member_id)
        .where(RollEntry.election_id == election_id)
        .order_by(RollEntry.elector_number)
    ).all()
    return [
        Elector(r.elector_number, m.id, m.membership_number, _name(m), r.issued) for r, m in rows
    ]


def issue_paper(
    session: Session, actor: Actor, election_id: int, elector_number: int, how: str
) -> None:
    """Mark the roll: elector ``elector_number`` was given a paper (in person, post, proxy)."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, "ballot", doing="issue ballot papers")
    if how not in ISSUED:
        raise UserError.from_issues(
            [Issue("how", "Say how the paper was issued: in person, postal or proxy.")]
        )
    entry = session.scalars(
        select(RollEntry).where(
            RollEntry.election_id == row.id, RollEntry.elector_number == elector_number
        )
    ).first()
    if entry is None:
        raise UserError.from_issues(
            [Issue("elector_number", f"There is no elector number {elector_number} on the roll.")]
        )
    if entry.issued:
        raise UserError.from_issues(
            [
                Issue(
                    "elector_number",
                    f"Elector {elector_number} has already been issued a paper "
                    f"({ISSUED[entry.issued]}); nobody gets two.",
                )
            ]
        )
    entry.issued = how
    session.flush()
    audit.record(
        session,
        actor,
        "issue paper",
        "election",
        row.id,
        after={"elector_number": elector_number, "how": how},
    )


# ---------------------------------------------------------------------------- ballots


def _positions(session: Session, election_id: int) -> dict[int, tuple[int, str]]:
    """Candidate (nomination) id -> (ballot position, name), for candidates on the paper."""
    rows = session.execute(
        select(Nomination.id, Nomination.ballot_position, Member)
        .join(Member, Member.id == Nomination.candidate_id)
        .where(Nomination.election_id == election_id, Nomination.ballot_position.is_not(None))
    ).all()
    return {nid: (int(pos or 0), _name(m)) for nid, pos, m in rows}


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
    if row.kind == "resolution":
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
    _need_state(row, "ballot", doing="enter ballot papers")
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
    return [
        Mismatch(seq, first.get(seq, "(not entered)"), second.get(seq, "(not entered)"))
        for seq in sorted(first.keys() | second.keys())
        if first.get(seq) != second.get(seq)
    ]


def accept_batch(session: Session, actor: Actor, election_id: int, batch_number: int) -> int:
    """Accept a batch both tellers entered identically; how many papers it holds."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, "ballot", doing="accept a batch")
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


# ---------------------------------------------------------------------------- the seam to the count


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
    if row.state not in ("counting", "declared"):
        raise UserError(
            f"'{row.title}' is at '{STATE_LABELS[row.state]}': close the ballot (move it to "
            "counting) before counting."
        )
    papers = [marks for marks, reason in _accepted(session, election_id) if not reason]
    if row.kind == "resolution":
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
    _need_state(row, "counting", doing="declare the result")
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
    if row.kind == "board" and len(elected_candidate_ids) > row.seats:
        raise UserError(f"{len(elected_candidate_ids)} elected, but there are {row.seats} seats.")
    if row.kind == "resolution" and elected_candidate_ids:
        raise UserError("A resolution has no candidates to elect: give an empty list.")
    for nomination in session.scalars(
        select(Nomination).where(Nomination.id.in_(elected_candidate_ids))
    ):
        nomination.elected = True
    row.count_json = count_json
    row.count_seed = "" if seed is None else str(seed)
    row.declared_at = utc_now()
    row.state = "declared"
    session.flush()
    audit.record(
        session,
        actor,
        "declare",
        "election",
        row.id,
        before={"state": "counting"},
        after={"state": "declared", "elected": elected_candidate_ids, "seed": row.count_seed},
    )


def seat_winners(session: Session, actor: Actor, election_id: int) -> list[int]:
    """Put the declared winners on the board for the seat type's term; their board-seat ids."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    if row.state != "declared":
        raise UserError("Declare the result before seating the winners.")
    if row.kind != "board" or row.seat_type_id is None:
        raise UserError("This election is not for a kind of board seat, so nobody is seated.")
    if row.seats_filled:
        raise UserError("The winners of this election are already on the board.")
    winners = session.scalars(
        select(Nomination.candidate_id)
        .where(Nomination.election_id == row.id, Nomination.elected.is_(True))
        .order_by(Nomination.ballot_position)
    ).all()
    made = [
        board_service._add_to_board(
            session, actor, org_id, row.seat_type_id, mid, row.ballot_on, "elected", row.id, None
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
