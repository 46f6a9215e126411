"""ERS97 stage by stage: our votes at every stage equal OpenSTV's published transcripts.

The winners alone can agree by luck; the figures at each stage cannot. Each
case in ../shared/conformance/elections with a `*.ref-openstv-ers97.txt`
transcript is counted and every candidate's votes compared, stage by stage,
to two decimal places. A count that needed a lot is compared up to the lot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.services.counting import count, read_blt

REPO = Path(__file__).resolve().parents[3]
DATA = REPO.parent / "shared" / "conformance" / "elections"
RULE = "=" * 72
CASES = sorted(
    p.name.removesuffix(".ref-openstv-ers97.txt") for p in DATA.glob("*.ref-openstv-ers97.txt")
)

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"conformance data not found at {DATA} (it lives beside the repo)"
)


def _their_stages(text: str) -> list[list[str]]:
    """Each stage's table of votes, as the figures OpenSTV printed (blank = 0.00)."""
    stages = []
    for block in text.split(RULE):
        rows = [
            line
            for line in block.splitlines()
            if re.match(r"^\s*\d*\|", line) and not line.strip().startswith("|-")
        ]
        figures = []
        for line in rows:
            for cell in (part.strip() for part in line.split("|")[1:]):
                if re.fullmatch(r"-?\d+\.\d+", cell):
                    figures.append(cell)
                elif cell == "":
                    figures.append("0.00")
        if figures and re.match(r"^\s*\d+\|", rows[0]):
            stages.append(figures)
    return stages


@pytest.mark.parametrize("case", CASES or ["(none)"])
def test_every_stage_matches_openstv(case: str) -> None:
    """Every stage of an ERS97 count matches OpenSTV's published transcript."""
    if case == "(none)":
        pytest.skip("no OpenSTV transcripts in the conformance data")
    election = read_blt(DATA / f"{case}.blt")
    result = count(election, "ers97", seed=1).to_dict()
    shown = [c for c in result["candidates"] if c not in result["withdrawn"]]
    ours = [[stage["votes"][c] for c in shown] for stage in result["stages"]]
    theirs = [stage[: len(shown)] for stage in _their_stages(
        (DATA / f"{case}.ref-openstv-ers97.txt").read_text(encoding="utf-8")
    )]  # fmt: skip
    lots = [t["stage"] for t in result["tie_breaks"] if t["how"] == "lot"]
    compare = min(len(ours), len(theirs), (lots[0] - 1) if lots else len(ours))
    assert compare > 0
    for number in range(compare):
        assert ours[number] == theirs[number], f"{case}: stage {number + 1} differs"
