"""Ballot secrecy is in the schema: nothing stored with a ballot leads to a member."""

from __future__ import annotations

from collections import deque
from typing import Any

from sqlalchemy import Date, DateTime, select

from app.models import Ballot, BallotBatch, Base, load_all
from app.services import elections

BALLOT_TABLES = ("ballots", "ballot_batches")


def _reachable(start: str) -> set[str]:
    """Tables reachable from ``start`` by following foreign keys (from the referring side)."""
    edges: dict[str, set[str]] = {}
    for table in load_all().metadata.tables.values():
        for key in table.foreign_keys:
            edges.setdefault(table.name, set()).add(key.column.table.name)
    seen, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_no_foreign_key_path_from_ballots_to_members() -> None:
    """If a key from a ballot ever led to a member, a vote could be traced to the voter."""
    for table in BALLOT_TABLES:
        reachable = _reachable(table)
        assert "members" not in reachable, f"{table} reaches members via {sorted(reachable)}"
        assert "roll_entries" not in reachable and "nominations" not in reachable


def test_ballots_carry_no_member_and_no_time() -> None:
    """No ballot column names a member or says when it was typed (a time could match the roll)."""
    for table in BALLOT_TABLES:
        for column in Base.metadata.tables[table].columns:
            assert "member" not in column.name
            assert not isinstance(column.type, Date | DateTime), f"{table}.{column.name}"


def test_stored_papers_name_ballot_positions_not_members(demo: Any) -> None:
    """The demo's papers hold ballot positions (1..candidates), never member ids or numbers."""
    with demo.sessions() as session:
        (election,) = elections.list_elections(session, 1)
        positions = len(elections.candidate_ids(session, election.id))
        marks = session.scalars(
            select(Ballot.marks).join(BallotBatch, BallotBatch.id == Ballot.batch_id)
        ).all()
    assert marks
    for text in marks:
        assert all(1 <= int(p) <= positions for p in text.split())
