"""ERS97 arithmetic against the figures the ERS booklet publishes for its model election.

The booklet (3rd ed. 1997, section 8) gives no ballot file, only the first stages'
arithmetic (``../shared/conformance/elections/ers97-model-election.published-figures.json``).
This test builds papers with exactly those published totals (758 papers, 5 invalid,
6 seats, Smith elected on 134 first preferences of which 123 go on, the two lowest
candidates on 24 and 23) and checks that our count shows the booklet's quota,
surplus, transfer value, papers and non-transferable difference. The figures are read
from the file; where the folder is absent the test is skipped with that reason.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.services.counting import count
from app.services.counting.blt import Election

FIGURES = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "conformance"
    / "elections"
    / "ers97-model-election.published-figures.json"
)

pytestmark = pytest.mark.skipif(
    not FIGURES.is_file(), reason=f"published ERS97 figures not found at {FIGURES}"
)


def _result_of(working: str) -> Decimal:
    """The figure a line of working arrives at: '26.42 / 123 = 0.21 (...)' -> 0.21."""
    return Decimal(re.findall(r"=\s*(-?\d+(?:\.\d+)?)", working)[-1])


def _hundredths(value: Decimal) -> int:
    return int(value * 100)


def _model_election(figures: dict[str, Any]) -> tuple[Election, dict[str, int]]:
    """Papers whose totals are the booklet's: 11 candidates, 6 seats."""
    f = figures["figures"]
    smith = int(re.findall(r"(\d+) votes", f["stage1_elected"])[0])
    transferable = int(f["stage2_transferable_papers"])
    lowest, second_lowest = 23, 24  # "the two lowest candidates (24 - 23 = 1)"
    assert f"{second_lowest} - {lowest}" in f["stage2_deferral_check"]
    others = int(f["total_valid_vote"]) - smith - lowest - second_lowest
    middle = [others // 8 + (1 if i < others % 8 else 0) for i in range(8)]
    names = ("Smith", *(f"Candidate {chr(ord('B') + i)}" for i in range(8)), "Low", "Lowest")
    smith_i, low_i, lowest_i = 0, 9, 10
    ballots: list[tuple[int, tuple[int, ...]]] = [
        # Smith's papers: most go on to the middle candidates in turn, some stop.
        *[(1, (smith_i, 1 + i % 8)) for i in range(transferable)],
        (smith - transferable, (smith_i,)),
        *[(votes, (1 + i, lowest_i)) for i, votes in enumerate(middle)],
        (second_lowest, (low_i, lowest_i)),
        (lowest, (lowest_i, low_i)),
        (int(f["invalid_papers"]), ()),
    ]
    election = Election(candidates=names, seats=int(figures["seats"]), ballots=tuple(ballots))
    assert election.papers == int(f["total_vote"])
    return election, {"smith": smith, "transferable": transferable}


def test_ers97_shows_the_booklets_quota_transfer_value_and_difference() -> None:
    """A returning officer checking our count sheet against the ERS booklet sees its figures."""
    figures = json.loads(FIGURES.read_text(encoding="utf-8"))
    f = figures["figures"]
    election, known = _model_election(figures)

    result = count(election, "ers97", seed=1)

    assert result.valid_papers == f["total_valid_vote"]
    assert result.invalid_papers == f["invalid_papers"]
    assert result.quota == _hundredths(Decimal(f["quota"]))
    first, second = result.stages[0], result.stages[1]
    assert first.elected == ["Smith"]
    assert first.votes[0] == known["smith"] * 100
    surplus = _hundredths(_result_of(f["stage2_surplus"]))
    assert second.action == f"surplus of Smith ({Decimal(surplus) / 100})"
    assert second.transfer_value == _hundredths(_result_of(f["stage2_transfer_value"]))
    difference = _hundredths(_result_of(f["stage2_non_transferable_difference"]))
    assert second.truncation_loss - first.truncation_loss == difference
    assert second.non_transferable - first.non_transferable == difference
    assert f"{known['transferable']} transferable papers" in " ".join(second.notes)
    # What left Smith is what the others gained, less the difference lost to truncation.
    moved = sum(t for i, t in enumerate(second.transfers) if i != 0)
    assert moved == surplus - difference
    assert second.votes[0] == result.quota
