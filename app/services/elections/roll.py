"""The voter roll, frozen at the cut-off date, and issuing papers against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import BallotBatch, Member, RollEntry, SeatType
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.elections.common import (
    ISSUED,
    ElectionState,
    _election,
    _need_state,
    _org,
)
from app.services.elections.nominations import (
    _constituency,
)
from app.services.elections.setup import (
    get_election,
)
from app.services.membership.eligibility import Turnout, eligible_clause, rules_for, turnout


def roll_outlook(session: Session, organisation_id: int, election_id: int) -> Turnout:
    """Who of the current members (of the constituency) may vote on the cut-off date, and
    why the others may not: shown beside the roll until it is made."""
    row = _election(session, organisation_id, election_id)
    return outlook_for(session, organisation_id, row.roll_cutoff, row.seat_type_id)


def outlook_for(
    session: Session, organisation_id: int, cutoff: date, seat_type_id: int | None
) -> Turnout:
    """The same, for an election being set up (its cut-off date and kind of seat)."""
    seat = session.get(SeatType, seat_type_id) if seat_type_id else None
    category = seat.category_id if seat is not None else None
    return turnout(session, organisation_id, cutoff, category)


def freeze_roll(session: Session, actor: Actor, election_id: int) -> int:
    """Make the voter roll: everyone eligible on the cut-off date (in the constituency).

    Elector numbers run 1, 2, ... in name order. Done once; returns how many.
    """
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.DRAFT, ElectionState.NOMINATIONS, doing="freeze the voter roll")
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
        Elector(r.elector_number, m.id, m.membership_number, name_of(m), r.issued) for r, m in rows
    ]


def _same_person(session: Session, member_id: int) -> set[int]:
    """``member_id`` and every record merged with it (a duplicate merged in, or into)."""
    member = session.get_one(Member, member_id)
    kept = member.merged_into_id or member.id
    merged = session.scalars(select(Member.id).where(Member.merged_into_id == kept)).all()
    return {kept, *merged}


def issue_paper(
    session: Session, actor: Actor, election_id: int, elector_number: int, how: str
) -> None:
    """Mark the roll: elector ``elector_number`` was given a paper (in person, post, proxy)."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.BALLOT, doing="issue ballot papers")
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
    same_person = _same_person(session, entry.member_id)
    twice = session.scalar(
        select(func.count(RollEntry.id)).where(
            RollEntry.election_id == row.id,
            RollEntry.member_id.in_(same_person),
            RollEntry.issued != "",
        )
    )
    if twice:
        raise UserError.from_issues(
            [
                Issue(
                    "elector_number",
                    f"Elector {elector_number} is the same person as another elector on the roll "
                    "(their records were merged) who already has a paper; nobody gets two.",
                )
            ]
        )
    entered = session.scalar(
        select(func.count(BallotBatch.id)).where(BallotBatch.election_id == row.id)
    )
    if entered:
        # Once tellers have begun entering papers the poll is closed: a paper issued now
        # could be told apart from the others by when it was entered.
        raise UserError(
            "Ballot papers are already being entered, so the poll is closed: no more papers "
            "can be issued."
        )
    # Marked only if still unmarked: two desks issuing to the same elector at once (on a
    # shared server) cannot both succeed.
    marked = session.execute(
        update(RollEntry)
        .where(RollEntry.id == entry.id, RollEntry.issued == "")
        .values(issued=how)
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount != 1:  # type: ignore[attr-defined]
        raise UserError.from_issues(
            [
                Issue(
                    "elector_number",
                    f"Elector {elector_number} has just been issued a paper at another desk; "
                    "nobody gets two.",
                )
            ]
        )
    session.expire(entry)
    audit.record(
        session,
        actor,
        "issue paper",
        "election",
        row.id,
        after={"elector_number": elector_number, "how": how},
    )


def issue_papers(
    session: Session, actor: Actor, election_id: int, issued: list[tuple[int, str]]
) -> int:
    """Mark many electors as given a paper at once: the register marked at the door, or a
    batch of postal papers, typed in together as (elector number, how). Checked as one
    paper is (on the roll, not issued before, nobody twice, the poll still open) and
    recorded whole or not at all; how many."""
    org_id = _org(actor)
    row = _election(session, org_id, election_id)
    _need_state(row, ElectionState.BALLOT, doing="issue ballot papers")
    if session.scalar(select(func.count(BallotBatch.id)).where(BallotBatch.election_id == row.id)):
        raise UserError(
            "Ballot papers are already being entered, so the poll is closed: no more papers "
            "can be issued."
        )
    person = func.coalesce(Member.merged_into_id, Member.id)
    entries = {
        number: (entry_id, was, who)
        for entry_id, number, was, who in session.execute(
            select(RollEntry.id, RollEntry.elector_number, RollEntry.issued, person)
            .join(Member, Member.id == RollEntry.member_id)
            .where(RollEntry.election_id == row.id)
        )
    }
    people = {who for _id, was, who in entries.values() if was}
    problems: list[Issue] = []
    for number, how in issued:
        found = entries.get(number)
        if how not in ISSUED:
            problems.append(Issue("how", f"Elector {number}: say how the paper was issued: in "
                                         "person, postal or proxy."))  # fmt: skip
        elif found is None:
            problems.append(Issue("elector_number", f"There is no elector number {number} on "
                                                    "the roll."))  # fmt: skip
        elif found[1]:
            problems.append(Issue("elector_number", f"Elector {number} has already been issued "
                                                    "a paper; nobody gets two."))  # fmt: skip
        elif found[2] in people:
            problems.append(Issue("elector_number", f"Elector {number} has a paper already, "
                                                    "or is the same person as an elector who "
                                                    "has; nobody gets two."))  # fmt: skip
        else:
            people.add(found[2])
        if len(problems) >= 20:
            break
    if problems:
        raise UserError.from_issues(problems)
    by_how: dict[str, list[int]] = {}
    for number, how in issued:
        by_how.setdefault(how, []).append(entries[number][0])
    for how, ids in by_how.items():
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marked = session.execute(
                update(RollEntry)
                .where(RollEntry.id.in_(chunk), RollEntry.issued == "")
                .values(issued=how)
                .execution_options(synchronize_session=False)
            )
            if marked.rowcount != len(chunk):  # type: ignore[attr-defined]
                raise UserError("Some of these electors have just been issued a paper at "
                                "another desk; nothing was recorded. Try again.")  # fmt: skip
    session.expire_all()
    counts = {how: len(ids) for how, ids in by_how.items()}
    audit.record(session, actor, "issue papers", "election", row.id,
                 after={"papers": len(issued), **counts})  # fmt: skip
    return len(issued)
