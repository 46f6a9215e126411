"""Elections without the count: every bad input gets a plain message and nothing is saved."""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select, update

from app.errors import UserError
from app.models import Ballot, BallotBatch, BoardMembership, Election, Member, Nomination, RollEntry
from app.services import elections
from app.services.accounts import auth
from app.services.accounts.roles import Actor, Role
from app.services.elections import ElectionDetails, Paper
from app.services.membership.eligibility import eligible
from tests.services.board_helpers import actor, audit_rows, plain, rows, seat_type
from tests.services.membership.test_members import admin

__all__ = ["plain"]

# Seed-7 demo: member ids are membership numbers. Current tenants include 1, 2, 5, 6, 9, 12, 13,
# 21; 8 is a former tenant, 10 community (may not stand), 3 a leaseholder.
DETAILS = ElectionDetails(
    title="Board election 2026",
    kind="board",
    method="ers97",
    seats=2,
    nominations_open=date(2026, 1, 5),
    nominations_close=date(2026, 2, 6),
    roll_cutoff=date(2026, 2, 6),
    ballot_on=date(2026, 3, 12),
)
ON = date(2026, 1, 10)


def create(db: Any, details: ElectionDetails = DETAILS) -> int:
    seats = seat_type(db)
    with db.sessions.begin() as session:
        return elections.create_election(session, actor(db), replace(details, seat_type_id=seats))


def advance(db: Any, election_id: int, state: str) -> None:
    with db.sessions.begin() as session:
        elections.advance(session, actor(db), election_id, state)


def nominate(
    db: Any, election_id: int, candidate: int, proposer: int, seconder: int, **kw: Any
) -> int:
    with db.sessions.begin() as session:
        return elections.nominate(
            session,
            actor(db),
            election_id,
            candidate_id=candidate,
            proposer_id=proposer,
            seconder_id=seconder,
            nominated_on=kw.get("on", ON),
            statement=kw.get("statement", ""),
        )


@pytest.fixture
def open_nominations(plain: Any) -> int:
    """An STV election for two tenant seats, taking nominations."""
    election_id = create(plain)
    advance(plain, election_id, "nominations")
    return election_id


@pytest.fixture
def at_ballot(plain: Any, open_nominations: int) -> tuple[int, list[int]]:
    """The same election at the ballot stage with three candidates; (id, candidate ids)."""
    e = open_nominations
    for people in ((1, 5, 6), (2, 5, 6), (9, 12, 13)):
        nominate(plain, e, *people)
    with plain.sessions.begin() as session:
        elections.freeze_roll(session, actor(plain), e)
    advance(plain, e, "ballot")
    with plain.sessions() as session:
        return e, elections.candidate_ids(session, e)


def teller(db: Any) -> Actor:
    """A second person who may run elections."""
    with db.sessions.begin() as session:
        auth.add_user(
            session, admin(db), username="ro", full_name="Returning Officer",
            role=Role.RETURNING_OFFICER, password="a long password 1",
        )  # fmt: skip
    return admin(db, "ro")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter the election's title."),
        ({"nominations_close": date(2026, 1, 1)}, "Nominations close before they open"),
        ({"roll_cutoff": date(2026, 4, 1)}, "The roll cut-off date is after the ballot date."),
        ({"method": "dice"}, "Choose the counting method"),
        ({"seats": 0}, "The number of seats must be 1 to 100."),
        ({"kind": "resolution"}, "Enter the resolution's wording."),
    ],
)
def test_bad_election_details_refused(plain: Any, changes: dict[str, Any], message: str) -> None:
    """An election with impossible details is refused plainly and not saved."""
    with pytest.raises(UserError, match=message):
        create(plain, replace(DETAILS, **changes))
    assert rows(plain, Election) == 0


def test_states_are_audited_and_declared_is_locked(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """Each change of state is in the audit trail; after declaring, nothing can change."""
    e, ids = at_ballot
    advance(plain, e, "counting")
    with plain.sessions.begin() as session:
        elections.declare(session, actor(plain), e, ids[:2], json.dumps({"stages": []}), 42)
    with plain.sessions() as session:
        info = elections.get_election(session, actor(plain).organisation_id, e)
        states = session.scalars(select(Election.state).where(Election.id == e)).one()
    assert info.state == states == "declared" and info.count_seed == "42"
    before = audit_rows(plain)
    for attempt in (
        lambda s: elections.change_election(s, actor(plain), e, DETAILS),
        lambda s: elections.advance(s, actor(plain), e, "counting"),
        lambda s: elections.nominate(
            s, actor(plain), e, candidate_id=21, proposer_id=5, seconder_id=6, nominated_on=ON
        ),
        lambda s: elections.enter_batch(s, actor(plain), e, 9, 1, [Paper(ranking=(ids[0],))]),
        lambda s: elections.declare(s, actor(plain), e, [], "{}", 1),
    ):
        with plain.sessions.begin() as session, pytest.raises(UserError, match="was declared"):
            attempt(session)
    assert audit_rows(plain) == before
    with plain.sessions() as session:
        from app.models import AuditEntry

        changes = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "state")
        ).all()
    assert [json.loads(c)["state"] for c in changes] == ["nominations", "ballot", "counting"]


@pytest.mark.parametrize(
    ("people", "field", "message"),
    [
        ((8, 5, 6), "candidate_id", "The candidate cannot stand: Member 8 .* was not a current"),
        ((10, 5, 6), "candidate_id", "whose members may not stand"),
        ((3, 5, 6), "candidate_id", "'Tenant seats' is for Tenant members"),
        (
            (1, 8, 6),
            "proposer_id",
            "The proposer, member 8 .* is not eligible on 10/01/2026: left on",
        ),
        ((1, 5, 3), "seconder_id", "not in the constituency of 'Tenant seats'"),
        ((1, 1, 6), "proposer_id", "Candidates cannot propose themselves."),
        ((1, 5, 1), "seconder_id", "Candidates cannot second themselves."),
        ((1, 5, 5), "seconder_id", "The seconder must be someone other than the proposer."),
    ],
)
def test_bad_nominations_refused(
    plain: Any, open_nominations: int, people: tuple[int, int, int], field: str, message: str
) -> None:
    """A nomination that breaks the rules says which person and why, and is not saved."""
    before = audit_rows(plain)
    with pytest.raises(UserError, match=message) as caught:
        nominate(plain, open_nominations, *people)
    assert caught.value.issue_for(field) is not None
    assert rows(plain, Nomination) == 0 and audit_rows(plain) == before


def test_nomination_checks_against_the_nomination_date(plain: Any, open_nominations: int) -> None:
    """A member who was not yet eligible on the nomination date is refused with the reason."""
    e = open_nominations
    with pytest.raises(UserError, match="outside that"):
        nominate(plain, e, 1, 5, 6, on=date(2026, 2, 7))
    nominate(plain, e, 1, 5, 6, statement="I will fix the lifts.")
    with pytest.raises(UserError, match=r"Member 1 \(.*\) is already nominated"):
        nominate(plain, e, 1, 2, 6)
    with pytest.raises(UserError, match="at most 2000 characters"):
        nominate(plain, e, 2, 5, 6, statement="x" * 2001)
    assert rows(plain, Nomination) == 1


def test_every_problem_with_a_nomination_is_reported_at_once(
    plain: Any, open_nominations: int
) -> None:
    """A late form whose proposer is the candidate and whose seconder is not a member gets
    all three messages together, each beside its field."""
    with pytest.raises(UserError) as caught:
        nominate(plain, open_nominations, 1, 1, 99_999, on=date(2026, 2, 7))
    err = caught.value
    assert "outside that" in str(err.issue_for("nominated_on"))
    assert "propose themselves" in str(err.issue_for("proposer_id"))
    assert "not on this organisation's register" in str(err.issue_for("seconder_id"))
    assert rows(plain, Nomination) == 0


def test_nomination_not_in_nominations_state(plain: Any) -> None:
    """A draft election takes no nominations yet."""
    e = create(plain)
    with pytest.raises(UserError, match="only while the election is at 'Nominations open'"):
        nominate(plain, e, 1, 5, 6)


def test_withdrawal_before_the_close_only(plain: Any, open_nominations: int) -> None:
    """A candidate may withdraw up to the close of nominations, not after, and only once."""
    n = nominate(plain, open_nominations, 1, 5, 6)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="close of nominations"):
        elections.withdraw(session, actor(plain), n, date(2026, 2, 7))
    with plain.sessions.begin() as session:
        elections.withdraw(session, actor(plain), n, date(2026, 2, 1))
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already withdrew"):
        elections.withdraw(session, actor(plain), n, date(2026, 2, 2))


def test_roll_is_everyone_eligible_on_the_cutoff_in_the_constituency(
    plain: Any, open_nominations: int
) -> None:
    """The frozen roll holds exactly the tenants eligible on the cut-off date, numbered in order."""
    e = open_nominations
    with pytest.raises(UserError, match="Freeze the voter roll"):
        advance(plain, e, "ballot")
    with plain.sessions.begin() as session:
        made = elections.freeze_roll(session, actor(plain), e)
    with plain.sessions() as session:
        tenants = session.scalars(select(Member.id).where(Member.category_id == 1)).all()
        expected = {m for m in tenants if eligible(session, m, DETAILS.roll_cutoff).eligible}
        got = elections.roll(session, actor(plain).organisation_id, e)
    assert {r.member_id for r in got} == expected and made == len(expected)
    assert [r.elector_number for r in got] == list(range(1, made + 1))
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already frozen"):
        elections.freeze_roll(session, actor(plain), e)


def test_issuing_a_paper_marks_the_roll_once(plain: Any, at_ballot: tuple[int, list[int]]) -> None:
    """Each elector gets one paper: a second issue is refused, saying how the first went."""
    e, _ids = at_ballot
    with plain.sessions.begin() as session:
        elections.issue_paper(session, actor(plain), e, 1, "postal")
    for number, how, message in (
        (1, "in_person", "already been issued a paper \\(by post\\)"),
        (999, "in_person", "no elector number 999"),
        (2, "carrier pigeon", "in person, postal or proxy"),
    ):
        with plain.sessions.begin() as session, pytest.raises(UserError, match=message):
            elections.issue_paper(session, actor(plain), e, number, how)
    with plain.sessions() as session:
        issued = session.scalars(select(RollEntry.issued).where(RollEntry.issued != "")).all()
    assert issued == ["postal"]


def test_papers_issued_together_are_checked_as_one_and_kept_whole_or_not_at_all(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """A marked register typed in at once: a number not on the roll, a way not known, or
    an elector listed twice refuses the lot, naming each, and marks nobody; a good list
    marks each elector as it says."""
    e, _ids = at_ballot
    for issued, message in (
        ([(1, "postal"), (999, "in_person")], "no elector number 999"),
        ([(1, "postal"), (2, "carrier pigeon")], "Elector 2: say how"),
        ([(1, "postal"), (1, "proxy")], "Elector 1 has a paper already"),
    ):
        with plain.sessions.begin() as session, pytest.raises(UserError, match=message):
            elections.issue_papers(session, actor(plain), e, issued)
    with plain.sessions() as session:
        assert session.scalars(select(RollEntry.issued).where(RollEntry.issued != "")).all() == []
    with plain.sessions.begin() as session:
        assert elections.issue_papers(session, actor(plain), e, [(2, "proxy"), (1, "postal")]) == 2
    with plain.sessions() as session:
        marked = dict(session.execute(select(RollEntry.elector_number, RollEntry.issued)
                                      .where(RollEntry.issued != "")).all())  # fmt: skip
    assert marked == {1: "postal", 2: "proxy"}
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already been"):
        elections.issue_papers(session, actor(plain), e, [(2, "in_person")])


def test_a_paper_issued_at_another_desk_meanwhile_is_not_issued_again(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """If another desk marks the elector between our checks and our write, ours is refused."""
    e, _ids = at_ballot

    def other_desk_issues_meanwhile(state: Any) -> None:
        # The last check before the write asks whether entry has begun.
        if state.is_select and BallotBatch.__table__ in state.statement.get_final_froms():
            state.session.execute(
                update(RollEntry).where(RollEntry.elector_number == 1).values(issued="proxy")
            )

    with plain.sessions.begin() as session:
        event.listen(session, "do_orm_execute", other_desk_issues_meanwhile)
        with pytest.raises(UserError, match="just been issued a paper at another desk"):
            elections.issue_paper(session, actor(plain), e, 1, "in_person")
        event.remove(session, "do_orm_execute", other_desk_issues_meanwhile)
        issued = session.scalar(select(RollEntry.issued).where(RollEntry.elector_number == 1))
    assert issued == "proxy"


def test_an_election_declared_meanwhile_is_not_declared_again(
    plain: Any, at_ballot: tuple[int, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people declaring at once: the second is told, and the first result stands."""
    e, ids = at_ballot
    advance(plain, e, "counting")
    seam = importlib.import_module("app.services.elections.seam")
    real = seam.candidate_ids

    def declared_meanwhile(session: Any, election_id: int) -> Any:
        session.execute(
            update(Election)
            .where(Election.id == election_id)
            .values(state="declared", count_json='{"first": true}')
        )
        return real(session, election_id)

    monkeypatch.setattr(seam, "candidate_ids", declared_meanwhile)
    with plain.sessions.begin() as session:
        with pytest.raises(UserError, match="just been declared by someone else"):
            elections.declare(session, actor(plain), e, ids[:2], '{"second": true}', "7")
        stored = session.scalar(select(Election.count_json).where(Election.id == e))
    assert stored == '{"first": true}'


def bad_papers(ids: list[int]) -> list[tuple[Paper, str]]:
    return [
        (Paper(ranking=(ids[0], ids[1], ids[0])), "Paper 1: .* is given more than one preference"),
        (Paper(ranking=(ids[0], 12345)), "candidate 12345 is not on this ballot paper"),
        (Paper(), "no preference is marked"),
    ]


def test_bad_papers_refused_and_nothing_saved(plain: Any, at_ballot: tuple[int, list[int]]) -> None:
    """A paper with a repeated or impossible preference is refused plainly; no paper is kept."""
    e, ids = at_ballot
    for paper, message in bad_papers(ids):
        with plain.sessions.begin() as session, pytest.raises(UserError, match=message):
            elections.enter_batch(session, actor(plain), e, 1, 1, [paper])
    with pytest.raises(UserError, match="preference 4 is out of range \\(1 to 3\\)"):
        elections.ranking_from_preferences({ids[0]: 1, ids[1]: 4}, 3)
    with pytest.raises(UserError, match="preference 1 is written more than once"):
        elections.ranking_from_preferences({ids[0]: 1, ids[1]: 1}, 3)
    assert elections.ranking_from_preferences({ids[2]: 1, ids[0]: 2, ids[1]: 4}, 4) == (
        ids[2],
        ids[0],
    )
    assert rows(plain, Ballot) == 0


def test_more_x_marks_than_seats_refused(plain: Any) -> None:
    """A plurality paper with more X marks than seats is refused, saying how many seats."""
    e = create(plain, replace(DETAILS, method="plurality", seats=1))
    advance(plain, e, "nominations")
    nominate(plain, e, 1, 5, 6)
    nominate(plain, e, 2, 5, 6)
    with plain.sessions.begin() as session:
        elections.freeze_roll(session, actor(plain), e)
    advance(plain, e, "ballot")
    with plain.sessions() as session:
        ids = elections.candidate_ids(session, e)
    with (
        plain.sessions.begin() as session,
        pytest.raises(UserError, match="2 X marks, but only 1 seat is to be filled"),
    ):
        elections.enter_batch(session, actor(plain), e, 1, 1, [Paper(marks=frozenset(ids))])
    assert rows(plain, Ballot) == 0


def test_papers_refused_outside_the_ballot(plain: Any, open_nominations: int) -> None:
    """Papers cannot be entered before the ballot opens."""
    with (
        plain.sessions.begin() as session,
        pytest.raises(
            UserError, match="enter ballot papers only while the election is at 'Ballot'"
        ),
    ):
        elections.enter_batch(session, actor(plain), open_nominations, 1, 1, [Paper(ranking=(1,))])
    assert rows(plain, Ballot) == 0


def test_double_entry_lists_mismatches_and_accepts_only_agreement(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """Two tellers' typings are compared paper by paper; a batch counts only when they agree."""
    e, ids = at_ballot
    a, b = actor(plain), teller(plain)
    first = [Paper(ranking=(ids[0], ids[1])), Paper(ranking=(ids[2],)), Paper(spoilt="torn")]
    typo = [Paper(ranking=(ids[0], ids[1])), Paper(ranking=(ids[1],)), Paper(spoilt="torn")]
    with plain.sessions.begin() as session:
        elections.enter_batch(session, a, e, 1, 1, first)
    with (
        plain.sessions.begin() as session,
        pytest.raises(UserError, match="must be entered by both"),
    ):
        elections.accept_batch(session, a, e, 1)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="a different person"):
        elections.enter_batch(session, a, e, 1, 2, first)
    with plain.sessions.begin() as session:
        elections.enter_batch(session, b, e, 1, 2, typo)
    with plain.sessions() as session:
        mismatches = elections.compare_batch(session, a.organisation_id, e, 1)
    assert [(m.sequence, m.teller_1, m.teller_2) for m in mismatches] == [(2, "3", "2")]
    with (
        plain.sessions.begin() as session,
        pytest.raises(UserError, match=r"differ on 1 paper\(s\) \(2\)"),
    ):
        elections.accept_batch(session, a, e, 1)
    with pytest.raises(UserError, match="Batch 1 is not accepted yet"):
        advance(plain, e, "counting")
    with plain.sessions.begin() as session:
        elections.enter_batch(session, b, e, 1, 2, first)
        assert elections.accept_batch(session, a, e, 1) == 3
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already accepted"):
        elections.accept_batch(session, a, e, 1)
    with pytest.raises(UserError, match="before counting"), plain.sessions() as session:
        elections.ballots_for_count(session, e)
    advance(plain, e, "counting")
    with plain.sessions() as session:
        count = elections.ballots_for_count(session, e)
        spoilt = elections.spoilt_papers(session, a.organisation_id, e)
    candidates, ballots, seats, method = count
    assert len(candidates) == 3 and seats == 2 and method == "ers97"
    assert ballots == [(1, 2), (3,)]
    assert spoilt == {"torn": 1}


def test_declare_checks_and_seat_winners(plain: Any, at_ballot: tuple[int, list[int]]) -> None:
    """Declaring stores the count and seed; the winners then join the board for the term."""
    e, ids = at_ballot
    advance(plain, e, "counting")
    for elected, text, message in (
        ([ids[0]], "not json", "not valid JSON"),
        ([ids[0], ids[0]], "{}", "elected twice"),
        (ids, "{}", "3 elected, but there are 2 seats"),
        ([99999], "{}", "Candidate 99999 is not on this ballot paper"),
    ):
        with plain.sessions.begin() as session, pytest.raises(UserError, match=message):
            elections.declare(session, actor(plain), e, elected, text, 1)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Declare the result"):
        elections.seat_winners(session, actor(plain), e)
    with plain.sessions.begin() as session:
        elections.declare(session, actor(plain), e, ids[:2], '{"quota": 2}', "7")
    with plain.sessions.begin() as session:
        made = elections.seat_winners(session, actor(plain), e)
    with plain.sessions() as session:
        seats = session.scalars(select(BoardMembership)).all()
        winners = session.scalars(
            select(Nomination.candidate_id).where(Nomination.elected.is_(True))
        ).all()
    assert len(made) == 2 and {s.member_id for s in seats} == set(winners)
    assert {(s.started_on, s.term_ends_on, s.how, s.election_id) for s in seats} == {
        (date(2026, 3, 12), date(2029, 3, 12), "elected", e)
    }
    with plain.sessions.begin() as session, pytest.raises(UserError, match="already on the board"):
        elections.seat_winners(session, actor(plain), e)


def test_resolution_ballot(plain: Any) -> None:
    """A resolution goes draft -> ballot; papers are for/against/abstain; others are refused."""
    details = replace(DETAILS, kind="resolution", resolution_text="To adopt the new rules.")
    with plain.sessions.begin() as session:
        e = elections.create_election(session, actor(plain), details)
        elections.freeze_roll(session, actor(plain), e)
        elections.advance(session, actor(plain), e, "ballot")
    with (
        plain.sessions.begin() as session,
        pytest.raises(UserError, match="for, against or abstain"),
    ):
        elections.enter_batch(session, actor(plain), e, 1, 1, [Paper(answer="maybe")])
    b = teller(plain)
    papers = [Paper(answer="for"), Paper(answer="against"), Paper(answer="for")]
    with plain.sessions.begin() as session:
        elections.enter_batch(session, actor(plain), e, 1, 1, papers)
        elections.enter_batch(session, b, e, 1, 2, papers)
        elections.accept_batch(session, actor(plain), e, 1)
        elections.advance(session, actor(plain), e, "counting")
        count = elections.ballots_for_count(session, e)
    assert count.candidates == ("For", "Against", "Abstain")
    assert count.ballots == [(1,), (2,), (1,)]


def test_poll_closes_when_entry_begins_and_papers_must_match(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """No paper is issued once papers are being entered (issue and entry times could link a
    paper to a voter); more papers than were issued stop the count; the second teller cannot
    see the first teller's typing."""
    e, ids = at_ballot
    with plain.sessions.begin() as session:
        elections.issue_paper(session, actor(plain), e, 1, "in_person")
    second = teller(plain)
    papers = [Paper(ranking=(ids[0],)), Paper(ranking=(ids[1],))]
    with plain.sessions.begin() as session:
        elections.enter_batch(session, actor(plain), e, 1, 1, papers)
    with plain.sessions() as session, pytest.raises(UserError, match="second teller has not"):
        elections.compare_batch(session, actor(plain).organisation_id, e, 1)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="poll is closed"):
        elections.issue_paper(session, actor(plain), e, 2, "in_person")
    with plain.sessions.begin() as session:
        elections.enter_batch(session, second, e, 1, 2, papers)
        elections.accept_batch(session, actor(plain), e, 1)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="only 1 were issued"):
        elections.advance(session, actor(plain), e, "counting")


def test_ballot_needs_as_many_candidates_as_seats(plain: Any, open_nominations: int) -> None:
    """The ballot cannot open with fewer candidates than seats."""
    e = open_nominations
    nominate(plain, e, 1, 5, 6)
    with plain.sessions.begin() as session:
        elections.freeze_roll(session, actor(plain), e)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Only 1 candidates"):
        elections.advance(session, actor(plain), e, "ballot")
    with plain.sessions() as session:
        assert elections.get_election(session, actor(plain).organisation_id, e).state == (
            "nominations"
        )


def test_a_merged_duplicate_gets_no_second_paper(
    plain: Any, at_ballot: tuple[int, list[int]]
) -> None:
    """Two roll entries that turn out to be one person (merged after the roll froze)."""
    from app.services.membership import merging

    e, _ids = at_ballot
    with plain.sessions() as session:
        first, second = elections.roll(session, actor(plain).organisation_id, e)[:2]
    with plain.sessions.begin() as session:
        merging.merge(session, actor(plain), first.member_id, second.member_id)
        elections.issue_paper(session, actor(plain), e, first.elector_number, "in_person")
    with plain.sessions.begin() as session, pytest.raises(UserError, match="same person"):
        elections.issue_paper(session, actor(plain), e, second.elector_number, "postal")
