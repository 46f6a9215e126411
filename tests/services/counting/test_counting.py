"""The counter's own rules: .blt parsing, ties, lots, resolutions and bad input."""

from __future__ import annotations

import json

import pytest

from app.errors import UserError
from app.services.counting import count, parse_blt, write_blt
from app.services.counting.resolution import SPECIAL, decide
from app.services.counting.ties import BACKWARD, FORWARD, Lot, break_tie
from app.services.counting.transcript import TieBreak

SIMPLE = '3 2\n4 1 2 0\n2 3 0\n3 2 3 0\n0\n"Ann"\n"Bob"\n"Cy"\n"Title"\n'


def test_padded_lines_withdrawn_and_trailing_lines() -> None:
    """Council files padded with spaces, a withdrawn line and notes after the title still load."""
    text = (
        "3 1   \n-2   \n1 1 2 3 0   \n2 2 3 0   \n1 0  \n0\n"
        '"A"\n"B"\n"C"\n"T"\n"source"\nFirst Prefs\n  1 2 3\n'
    )
    election = parse_blt(text)
    assert election.withdrawn == frozenset({1})
    assert election.ballots[-1] == (1, ())
    result = count(election, "scottish", seed=1)
    assert result.invalid_papers == 1  # the empty paper
    assert result.valid_papers == 3
    assert result.elected == ["C"]


def test_nick_tie_and_withdrawn_options() -> None:
    """Droop-style [nick]/[withdrawn]/[tie] lines are understood, not rejected."""
    text = '3 1\n[nick a b c]\n[withdrawn b]\n[tie c a b]\n2 a b 0\n2 c 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    election = parse_blt(text)
    assert election.withdrawn == frozenset({1})
    assert election.tie_order == (2, 0, 1)
    result = count(election, "meek", seed=5)
    assert result.tie_breaks and result.tie_breaks[0].how == "tie order in file"
    assert result.elected == ["A"]  # earlier in [tie] loses: C


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '3 2\n1 1 12 0\n0\n"A"\n"B"\n"C"\n"T"\n',
            "line 2: candidate 12 does not exist (there are 3)",
        ),
        ('3 2\n1 1 2 1 0\n0\n"A"\n"B"\n"C"\n"T"\n', "line 2: candidate 1 is given more than one"),
        ('3 2\n1 1 2=3 0\n0\n"A"\n"B"\n"C"\n"T"\n', "line 2: equal or skipped rankings"),
        ('3 2\n1 1 2 0\n0\n"A"\n"B"\n', "the file ends before the names of all 3 candidates"),
        ("x 2\n", "line 1: expected the number of candidates, found 'x'"),
        ('3 2\n-1 1 2 0\n0\n"A"\n"B"\n"C"\n"T"\n', ""),
        ('3 4\n0\n"A"\n"B"\n"C"\n"T"\n', "4 seats but only 3 candidates"),
        ('3 2\n1.5 1 2 0\n0\n"A"\n"B"\n"C"\n"T"\n', "weights must be whole numbers"),
    ],
)
def test_malformed_files_say_which_line(text: str, message: str) -> None:
    """A volunteer with a damaged file is told the line and the problem, not a traceback."""
    if not message:  # a withdrawn line followed by a ballot is fine
        parse_blt(text)
        return
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_blt(text)


def test_write_then_read_gives_the_same_election() -> None:
    """An exported ballot file reads back identically."""
    election = parse_blt('4 2\n-3\n[tie 4 1 2 3]\n5 1 2 0\n2 4 0\n0\n"A"\n"B"\n"C"\n"D"\n"T"\n')
    assert parse_blt(write_blt(election)) == election


def test_no_valid_ballots_is_a_user_error() -> None:
    """Counting a file whose papers are all blank says so plainly."""
    with pytest.raises(UserError, match="no valid ballots"):
        count(parse_blt('2 1\n3 0\n0\n"A"\n"B"\n"T"\n'), "ers97", seed=1)


def test_forward_and_backward_look_differ() -> None:
    """ERS97 looks from the first stage forward; Scottish STV looks back from the latest."""
    history = [[5, 3], [4, 6], [7, 7]]
    names = ["A", "B"]
    ties: list[TieBreak] = []
    lowest_fwd = break_tie(
        [0, 1],
        history,
        direction=FORWARD,
        lowest=True,
        lot=Lot(1),
        names=names,
        stage=4,
        purpose="exclude",
        ties=ties,
    )
    lowest_back = break_tie(
        [0, 1],
        history,
        direction=BACKWARD,
        lowest=True,
        lot=Lot(1),
        names=names,
        stage=4,
        purpose="exclude",
        ties=ties,
    )
    assert (lowest_fwd, lowest_back) == (1, 0)
    assert ties[0].how == "earlier stage" and ties[1].how == "preceding stage"


def test_lot_is_recorded_and_repeatable() -> None:
    """The same seed re-runs a count to the same lot; no seed still records the one used."""
    election = parse_blt('3 1\n1 1 0\n1 2 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    first = count(election, "scottish", seed=42)
    again = count(election, "scottish", seed=42)
    assert first.elected == again.elected
    assert [t.how for t in first.tie_breaks] == ["lot", "lot"]
    unseeded = count(election, "scottish")
    assert count(election, "scottish", seed=unseeded.seed).elected == unseeded.elected


def test_ers97_quota_and_json_has_no_floats() -> None:
    """ERS97 quota is rounded up to 0.01 and the JSON output carries decimals as strings."""
    result = count(parse_blt(SIMPLE), "ers97", seed=1)
    assert result.quota_text == "3.00"  # 9 / 3 exactly
    data = result.to_dict()
    text = json.dumps(data)
    assert "elected" in data and "stages" in data and "tie_breaks" in data
    assert not any(isinstance(v, float) for v in json.loads(text).values())
    assert "Stage 1" in result.count_sheet()


def test_scottish_truncates_to_five_places() -> None:
    """Scottish transfer values drop the remainder at five places; the loss is shown."""
    # 7 papers for A (quota 3 with 2 seats... 7+1+1=9 papers -> quota 4); surplus 3 of 7.
    election = parse_blt('3 2\n7 1 2 0\n1 2 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    result = count(election, "scottish", seed=1)
    stage = result.stages[1]
    assert stage.transfers[1] == 7 * (3 * 100000 // 7)  # 0.42857 each
    assert stage.truncation_loss == 3 * 100000 - 7 * 42857


@pytest.mark.parametrize(
    ("votes_for", "against", "passed"),
    [(75, 25, True), (74, 26, False), (3, 1, True), (2, 1, False), (0, 0, False)],
)
def test_special_resolution_needs_75_percent(votes_for: int, against: int, passed: bool) -> None:
    """Exactly 75% of votes cast carries a special resolution; just under does not."""
    assert decide(votes_for, against, abstain=10, kind=SPECIAL).passed is passed


def test_ordinary_resolution_tie_is_lost_and_bad_input_refused() -> None:
    """A tied ordinary resolution is lost; negative counts are refused with a message."""
    assert decide(10, 10).passed is False
    assert decide(11, 10).passed is True
    with pytest.raises(UserError, match="cannot be negative"):
        decide(-1, 3)


def test_ers97_surplus_of_someone_who_received_no_transfers_is_passed_on() -> None:
    """A candidate elected after the first stage on first preferences alone still has a
    surplus to pass on: it goes to D, who is then elected, not lost."""
    from app.services.counting import count, parse_blt

    blt = '5 3\n24 1 4 0\n23 2 4 0\n20 3 0\n18 4 0\n15 5 0\n0\n"A" "B" "C" "D" "E"\n"t"\n'
    result = count(parse_blt(blt), "ers97", seed=1)
    assert result.elected == ["A", "B", "D"]


def test_scottish_sheet_adds_up() -> None:
    """Each stage's votes plus non-transferable papers equal the valid vote."""
    from app.services.counting import count, parse_blt

    blt = '3 1\n7 1 2 0\n4 2 0\n5 3 1 0\n0\n"A" "B" "C"\n"t"\n'
    result = count(parse_blt(blt), "scottish", seed=1)
    for stage in result.stages:
        assert sum(stage.votes) + stage.non_transferable == result.valid_papers * 10**5


def test_ers97_equal_candidates_for_the_last_place_are_not_elected_together() -> None:
    """Two level for one place throughout: neither is elected until one goes by lot (5.6.2)."""
    blt = '3 1\n10 1 0\n10 2 0\n3 3 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    winners = set()
    for seed in range(6):
        result = count(parse_blt(blt), "ers97", seed=seed)
        after_c = result.stages[1]
        assert after_c.excluded == ["C"]
        assert after_c.votes[:2] == [1000, 1000] and after_c.quota == 1000
        assert after_c.elected == []  # both reach the quota, equal throughout: neither
        how = [(t.purpose, t.how) for t in result.tie_breaks]
        assert how == [("election with equal votes (5.6.2)", "none"), ("exclusion (5.2.5)", "lot")]
        assert result.elected == [n for n in "AB" if n != result.tie_breaks[1].chosen]
        winners.add(result.elected[0])
    assert winners == {"A", "B"}  # the lot, not the order of the file, decides


def test_an_approval_vote_counts_every_mark_where_a_block_vote_counts_the_first_n() -> None:
    """Choosing 2 of 3 projects: by approval every mark counts, so the garden and the mural
    win on 4 each, the football 3; a block vote counts only the first two marks of a paper,
    leaving the football and the mural level on 3."""
    from app.services.counting import count
    from app.services.counting.blt import Election

    projects = ("Garden", "Football", "Mural")
    papers = ((1, (0, 1)), (1, (0,)), (1, (1, 2)), (1, (0, 2)), (1, (2,)), (1, (0, 1, 2)))
    election = Election(candidates=projects, seats=2, ballots=papers, title="Projects")
    approval = count(election, "approval", seed=1)
    assert approval.elected == ["Garden", "Mural"]
    assert approval.stages[0].votes == [4, 3, 4]
    assert approval.method_title == "Approval vote"
    block = count(election, "plurality", seed=1)
    assert block.stages[0].votes == [4, 3, 3]  # the third mark of the last paper not counted
