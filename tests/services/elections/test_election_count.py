"""Counting an election held in the app, declaring it, and its printed papers."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from app.reports import render
from app.services import elections
from app.services.elections import Paper
from app.services.elections import count as election_count
from app.services.elections import reports as election_reports
from tests.services.board_helpers import actor, plain
from tests.services.elections.test_elections import (
    DETAILS,
    advance,
    at_ballot,
    open_nominations,
    teller,
)

__all__ = ["at_ballot", "open_nominations", "plain"]


def _enter(db: Any, election_id: int, rankings: list[tuple[int, ...]]) -> None:
    second = teller(db)
    papers = [Paper(ranking=r) for r in rankings]
    with db.sessions.begin() as session:
        elections.enter_batch(session, actor(db), election_id, 1, 1, papers)
        elections.enter_batch(session, second, election_id, 1, 2, papers)
        elections.accept_batch(session, actor(db), election_id, 1)


def test_count_then_declare_the_same_result(plain: Any, at_ballot: tuple[int, list[int]]) -> None:
    """The count shown is the count declared; the declaration prints the elected in order."""
    e, ids = at_ballot
    a, b, c = ids
    _enter(plain, e, [(a, b)] * 5 + [(b, a)] * 4 + [(c, b)] * 2 + [(c,)])
    advance(plain, e, "counting")
    org = actor(plain).organisation_id
    with plain.sessions() as session:
        shown = election_count.count_election(session, org, e, seed=99)
    assert len(shown.elected) == 2 and "Stage 1" in shown.sheet
    with plain.sessions.begin() as session:
        declared = election_count.declare_election(session, actor(plain), e, shown.seed)
    assert declared.elected == shown.elected
    with plain.sessions() as session:
        info = elections.get_election(session, org, e)
        decl = election_reports.declaration(session, org, e)
    assert info.state == "declared" and json.loads(info.count_json)["seed"] == "99"
    assert decl.elected == shown.elected and decl.valid == 12 and decl.seed == 99
    with plain.sessions.begin() as session, pytest.raises(UserError, match="declared"):
        elections.advance(session, actor(plain), e, "counting")
    with plain.sessions.begin() as session:  # a name changed later does not change the record
        from app.models import Member, Nomination

        first = session.get_one(Nomination, ids[0]).candidate_id
        session.get_one(Member, first).family_name = "Renamed"
    with plain.sessions() as session:
        stored = election_count.declared_outcome(session, org, e)
    assert stored.sheet == shown.sheet and stored.elected == shown.elected


def test_counting_with_no_papers_is_explained(plain: Any, at_ballot: tuple[int, list[int]]) -> None:
    """Counting an election with no accepted papers says so plainly."""
    e, _ids = at_ballot
    advance(plain, e, "counting")
    with plain.sessions() as session, pytest.raises(UserError, match="no accepted ballot papers"):
        election_count.count_election(session, actor(plain).organisation_id, e)


def test_ballot_papers_list_candidates_by_surname(
    plain: Any, at_ballot: tuple[int, list[int]], tmp_path: Path
) -> None:
    """Ballot papers list the candidates in order of surname."""
    e, _ids = at_ballot
    with plain.sessions() as session:
        papers = election_reports.ballot_papers(session, actor(plain).organisation_id, e, copies=2)
        forms = election_reports.nomination_forms(session, actor(plain).organisation_id, e)
    surnames = [name.split(",")[0] for name in papers.candidates]
    assert surnames == sorted(surnames) and papers.copies == 2
    out = tmp_path / "p.pdf"
    render.write_pdf(papers, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert papers.candidates[0] in text
    render.write_pdf(forms, tmp_path / "n.pdf")


def test_a_special_resolution_needs_three_quarters(plain: Any) -> None:
    """A special resolution is carried only by three quarters of the votes."""
    details = replace(
        DETAILS, kind="resolution", resolution_text="To adopt the new rules.",
    )  # fmt: skip
    with plain.sessions.begin() as session:
        e = elections.create_election(session, actor(plain), details)
        row = session.get_one(elections.Election, e)
        row.special_resolution = True
        elections.freeze_roll(session, actor(plain), e)
        elections.advance(session, actor(plain), e, "ballot")
    second = teller(plain)
    papers = [Paper(answer="for")] * 7 + [Paper(answer="against")] * 3
    with plain.sessions.begin() as session:
        elections.enter_batch(session, actor(plain), e, 1, 1, papers)
        elections.enter_batch(session, second, e, 1, 2, papers)
        elections.accept_batch(session, actor(plain), e, 1)
        elections.advance(session, actor(plain), e, "counting")
    with plain.sessions() as session:
        shown = election_count.count_election(session, actor(plain).organisation_id, e)
    assert "lost" in shown.sheet.lower() or "not carried" in shown.sheet.lower()


def test_candidates_with_the_same_name_are_told_apart(plain: Any, open_nominations: int) -> None:
    """Two J Smiths: the paper adds each one's address, and the count elects the right one."""
    from app.models import Member
    from tests.services.elections.test_elections import nominate

    e = open_nominations
    with plain.sessions.begin() as session:
        for member_id, address in ((1, "12 Elm Court\nLeeds"), (2, "3 Oak Row\nLeeds")):
            person = session.get_one(Member, member_id)
            person.given_name, person.family_name, person.address = "Jo", "Smith", address
    for people in ((1, 5, 6), (2, 5, 6), (9, 12, 13)):
        nominate(plain, e, *people)
    with plain.sessions.begin() as session:
        elections.freeze_roll(session, actor(plain), e)
    advance(plain, e, "ballot")
    org = actor(plain).organisation_id
    with plain.sessions() as session:
        ids = elections.candidate_ids(session, e)
        papers = election_reports.ballot_papers(session, org, e)
    position = {name.split(" (")[-1]: i for i, name in enumerate(papers.candidates)}
    assert "Smith, Jo (12 Elm Court)" in papers.candidates
    assert "Smith, Jo (3 Oak Row)" in papers.candidates
    oak, elm = ids[position["3 Oak Row)"]], ids[position["12 Elm Court)"]]
    (other,) = set(ids) - {oak, elm}
    _enter(plain, e, [(oak, other)] * 5 + [(other,)] * 4 + [(elm,)])
    advance(plain, e, "counting")
    with plain.sessions() as session:
        shown = election_count.count_election(session, org, e, seed=1)
    assert any("Oak Row" in name for name in shown.elected)
    assert not any("Elm Court" in name for name in shown.elected)
