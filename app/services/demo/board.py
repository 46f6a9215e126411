"""The demo's board (seat types, members, officers) and an election left at the ballot stage.

Kept apart from ``demo`` so the members it makes stay the same; the election
has nominations, a frozen roll and double-entered batches of ranked papers,
ready for the counter (which is not part of this module).
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Member, MemberCategory
from app.services import board, elections
from app.services.accounts.roles import Actor, Role
from app.services.board import SeatFilling
from app.services.elections import ElectionState
from app.services.elections.count import declare_election
from app.services.membership.eligibility import eligible, eligible_clause, rules_for

AGM = date(2025, 9, 17)
SEAT_TYPES = (
    # name, category, seats, term, filled by, body
    ("Tenant seats", "Tenant", 5, 3, "elected", ""),
    ("Leaseholder seats", "Leaseholder", 2, 3, "elected", ""),
    ("Co-opted", None, 2, 1, "co_opted", ""),
    ("Council nominee", None, 1, 3, "appointed", "London Borough of Southwark"),
)
ELECTION = elections.ElectionDetails(
    title="Board election 2026: tenant seats",
    kind="board",
    method="ers97",
    seats=2,
    nominations_open=date(2026, 1, 5),
    nominations_close=date(2026, 2, 6),
    roll_cutoff=date(2026, 2, 6),
    ballot_on=date(2026, 3, 12),
)
BATCH = 50


def _members(session: Session, org_id: int, category: str | None, on: date) -> list[int]:
    """Members who may vote on ``on`` (in ``category``), by number."""
    query = (
        select(Member.id)
        .join(MemberCategory, MemberCategory.id == Member.category_id)
        .where(Member.organisation_id == org_id)
        .order_by(Member.membership_number)
    )
    if category:
        query = query.where(MemberCategory.name == category)
    # the same rules as the roll's, as one query
    return list(session.scalars(query.where(eligible_clause(rules_for(session, org_id), org_id,
                                                            on))))  # fmt: skip


def demo_board(session: Session, actor: Actor, rng: random.Random) -> None:
    """Seat types, members in the seats, the four officers, and one election."""
    assert actor.organisation_id is not None
    org_id = actor.organisation_id
    cats = {
        c.name: c.id
        for c in session.scalars(
            select(MemberCategory).where(MemberCategory.organisation_id == org_id)
        )
    }
    used: set[int] = set()
    seated: list[board.BoardSeat] = []
    standing = board.may_stand(session, org_id, date(2023, 9, 20))
    for name, wanted, seats, term, filled_by, body in SEAT_TYPES:
        category = wanted if wanted in cats else None  # a centre of another kind: any member
        kind = board.save_seat_type(
            session,
            actor,
            seat_type_id=None,
            name=name,
            category_id=cats.get(category) if category else None,
            seats=seats,
            term_years=term,
            filled_by=filled_by,
            body=body,
        )
        pool = [
            m
            for m in _members(session, org_id, category, date(2023, 9, 20))
            if m not in used and (filled_by != SeatFilling.ELECTED or m in standing)
        ]
        casual_vacancy = 1 if filled_by == SeatFilling.CO_OPTED else 0
        fill = min(seats - casual_vacancy, len(pool))

        def may_sit(
            member_id: int, on: date, elected: bool = filled_by == SeatFilling.ELECTED
        ) -> bool:
            if not eligible(session, member_id, on).eligible:
                return False
            return not elected or not board.stand_issue(
                session, None, session.get_one(Member, member_id), on
            )

        chosen = rng.sample(pool, fill)
        for index, picked in enumerate(chosen):
            started = date(2023 + index % term, 9, 20 - index % term) if term > 1 else AGM
            # Someone who has left by the seat's later start gives way to the next who may sit.
            member_id = next(
                (
                    m
                    for m in [picked, *pool]
                    if m not in used and (m == picked or m not in chosen) and may_sit(m, started)
                ),
                None,
            )
            if member_id is None:
                continue
            seated.append(
                board.add_to_board(
                    session,
                    actor,
                    seat_type_id=kind.id,
                    member_id=member_id,
                    started_on=started,
                    how=filled_by,
                )
            )
            used.add(member_id)
    for office, holder in zip(board.OFFICES, seated, strict=False):
        board.appoint_officer(session, actor, holder.id, office, max(holder.started_on, AGM))
    _demo_election(session, actor, rng, cats)


def _demo_election(
    session: Session, actor: Actor, rng: random.Random, cats: dict[str, int]
) -> None:
    assert actor.organisation_id is not None
    org_id = actor.organisation_id
    tenant_seats = next(
        s for s in board.list_seat_types(session, org_id) if s.name == "Tenant seats"
    )
    on = ELECTION.nominations_open
    assert on is not None
    voters = _members(session, org_id, "Tenant", on)
    if len(voters) < 8:  # too small a demo for an election
        return
    election_id = elections.create_election(
        session,
        actor,
        elections.ElectionDetails(**{**ELECTION.__dict__, "seat_type_id": tenant_seats.id}),
    )
    elections.advance(session, actor, election_id, ElectionState.NOMINATIONS)
    people = rng.sample(voters, 8)
    for index in range(4):
        candidate, proposer = people[index], people[4 + index]
        seconder = people[(index + 1) % 4 + 4]
        elections.nominate(
            session,
            actor,
            election_id,
            candidate_id=candidate,
            proposer_id=proposer,
            seconder_id=seconder,
            nominated_on=date(2026, 1, 10 + index),
            statement="I have lived on the estate for years and want repairs done on time.",
        )
    elections.freeze_roll(session, actor, election_id)
    elections.advance(session, actor, election_id, ElectionState.BALLOT)
    roll = elections.roll(session, org_id, election_id)
    issued = [e for e in roll if rng.random() < 0.7]
    elections.issue_papers(session, actor, election_id, [
        (elector.elector_number, rng.choices(("in_person", "postal", "proxy"), (6, 3, 1))[0])
        for elector in issued
    ])  # fmt: skip
    ids = elections.candidate_ids(session, election_id)
    papers = []
    for _ in issued:
        if rng.random() < 0.02:
            papers.append(elections.Paper(spoilt="no first preference"))
            continue
        order = rng.sample(ids, len(ids))
        papers.append(elections.Paper(ranking=tuple(order[: rng.randrange(1, len(ids) + 1)])))
    second_teller = Actor(None, "teller 2 (demo)", Role.RETURNING_OFFICER, org_id)
    size = max(BATCH, len(papers) // 100)  # a big demo's tellers type bigger batches
    for number, start in enumerate(range(0, len(papers), size), start=1):
        chunk = papers[start : start + size]
        elections.enter_batch(session, actor, election_id, number, 1, chunk)
        elections.enter_batch(session, second_teller, election_id, number, 2, chunk)
        elections.accept_batch(session, actor, election_id, number)
    elections.advance(session, actor, election_id, ElectionState.COUNTING)

    declare_election(session, actor, election_id, seed=rng.randrange(1, 10**9))
