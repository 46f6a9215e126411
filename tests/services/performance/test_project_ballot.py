"""Members choose which projects go ahead: an approval vote counted by the elections'
counter, declared once, the chosen projects agreed and the others not going ahead."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.errors import UserError
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.services.performance import project_ballot, projects
from tests.services.finance_helpers import books, plain

__all__ = ["books", "plain"]


def test_an_approval_ballot_chooses_two_of_three_projects(books: Any) -> None:
    """Six papers: the garden and the mural are marked on four each, the football on
    three; the garden and the mural go ahead, the football does not; a paper marked twice
    for one project, or typed twice, is refused; once declared nothing changes."""
    db = books.db
    office = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
    with db.sessions.begin() as session:
        ids = [
            projects.add_project(session, office, projects.ProjectDetails(n, books.projects, 1))
            for n in ("Garden", "Football", "Mural")
        ]
        ballot = project_ballot.create(session, office, "Which projects next year?", ids, 2,
                                       "approval", date(2025, 9, 17))  # fmt: skip
        for number, marks in enumerate(([1, 2], [1], [2, 3], [1, 3], [3], [1, 2, 3]), start=1):
            project_ballot.enter_paper(session, office, ballot, number, marks)
    for number, marks, said in ((7, [1, 1], "each once"), (1, [2], "typed in already")):
        with db.sessions.begin() as session, pytest.raises(UserError) as refused:
            project_ballot.enter_paper(session, office, ballot, number, marks)
        assert said in str(refused.value.issues)
    with db.sessions.begin() as session:
        done = project_ballot.declare(session, office, ballot, seed=7)
    assert done.chosen == ("Garden", "Mural")
    assert "Garden 4; Football 3; Mural 4" in done.minute
    with db.sessions() as session:
        status = {p.name: p.status for p in projects.summaries(session, 1)}
    assert status == {"Garden": "agreed", "Football": "not going ahead", "Mural": "agreed"}
    with db.sessions.begin() as session, pytest.raises(UserError, match="declared"):
        project_ballot.enter_paper(session, office, ballot, 9, [1])


def test_a_count_is_declared_only_as_it_was_seen(books: Any) -> None:
    """Papers typed after the count was shown refuse the declaration (count again); a
    paper number too big to be real is refused, not a crash; the next number offered
    follows the highest typed; the declared seed is kept, so counting again agrees."""
    db = books.db
    office = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
    with db.sessions.begin() as session:
        ids = [
            projects.add_project(session, office, projects.ProjectDetails(n, books.projects, 1))
            for n in ("Garden", "Football")
        ]
        ballot = project_ballot.create(session, office, "Next year", ids, 1, "approval",
                                       date(2025, 9, 17))  # fmt: skip
        for number, marks in ((1, [1]), (2, [2]), (3, [1]), (5, [2])):
            project_ballot.enter_paper(session, office, ballot, number, marks)
    with db.sessions() as session:
        (info,) = project_ballot.list_ballots(session, 1)
        shown = project_ballot.count_ballot(session, 1, ballot, seed=11)
    assert (info.papers, info.next_number) == (4, 6)
    with db.sessions.begin() as session, pytest.raises(UserError) as refused:
        project_ballot.enter_paper(session, office, ballot, 10**19, [1])
    assert "1 to 1,000,000" in str(refused.value.issues)
    with db.sessions.begin() as session:
        project_ballot.enter_paper(session, office, ballot, 6, [1])  # typed meanwhile
    with db.sessions.begin() as session, pytest.raises(UserError, match="count again"):
        project_ballot.declare(session, office, ballot, shown.seed, papers_seen=4)
    with db.sessions.begin() as session:
        done = project_ballot.declare(session, office, ballot, 11, papers_seen=5)
    with db.sessions() as session:
        (info,) = project_ballot.list_ballots(session, 1)
        again = project_ballot.count_ballot(session, 1, ballot, seed=info.seed)
    assert info.seed == 11 and tuple(again.elected) == done.chosen == ("Garden",)
