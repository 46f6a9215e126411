"""Elections' states, kinds and methods, the values passed about, and shared checks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Election, Member, SeatType, User
from app.models.states import ElectionKind as ElectionKind  # re-exported
from app.models.states import ElectionState as ElectionState  # re-exported
from app.services.accounts.roles import Actor, Permission
from app.services.board import SeatFilling
from app.services.common.validation import required_issue

STATES: tuple[ElectionState, ...] = tuple(ElectionState)
STATE_LABELS: dict[str, str] = {
    "draft": "Draft",
    "nominations": "Nominations open",
    "ballot": "Ballot",
    "counting": "Counting",
    "declared": "Declared",
}


KINDS: dict[str, str] = {ElectionKind.BOARD: "Board seats", ElectionKind.RESOLUTION: "Resolution"}
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
    if row.state == ElectionState.DECLARED:
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


def told_apart(names: list[str], members: list[Member]) -> list[str]:
    """``names`` (one per member), with a detail added where two would read the same:
    the first line of the address (as UK ballot papers do), or the membership number
    when that is the same too, so a voter can tell the candidates apart."""
    clashes = Counter(names)
    lines = [
        m.address.strip().splitlines()[0].strip() if m.address.strip() else "" for m in members
    ]
    out = []
    for name, member, line in zip(names, members, lines, strict=True):
        if clashes[name] == 1:
            out.append(name)
            continue
        same = [ln for n, ln in zip(names, lines, strict=True) if n == name]
        if line and same.count(line) == 1:
            out.append(f"{name} ({line})")
        else:
            out.append(f"{name} (member no. {member.membership_number})")
    return out


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
        elif seat.filled_by != SeatFilling.ELECTED:
            issues.append(Issue("seat_type_id", f"'{seat.name}' is not filled by election."))
    if d.kind == ElectionKind.BOARD:
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
    if d.kind == ElectionKind.RESOLUTION:
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
    if d.kind == ElectionKind.RESOLUTION:
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
