"""The election counter: a pure module, no database and no Qt.

``count(election, method, seed=None) -> Result`` counts the ballots of a parsed
``.blt`` file (see ``blt.py``) by plurality/block vote, approval vote (every mark
counts: members choosing projects), ERS97 STV, Scottish STV or Meek STV;
``resolution.py`` decides resolution ballots.
"""

from __future__ import annotations

import secrets
from types import ModuleType
from typing import TypeVar

from app.errors import UserError
from app.services.counting import ers97, fast, meek, plurality, scottish
from app.services.counting.ballots import Papers, group
from app.services.counting.blt import Election, parse_blt, read_blt, write_blt
from app.services.counting.piles import Piles
from app.services.counting.ties import Lot
from app.services.counting.transcript import Result, Stage, TieBreak

METHODS = ("plurality", "approval", "ers97", "scottish", "meek")

__all__ = [
    "METHODS",
    "Election",
    "Result",
    "Stage",
    "TieBreak",
    "count",
    "parse_blt",
    "read_blt",
    "write_blt",
]


_Source = TypeVar("_Source", Papers, Piles)


def _some_valid(papers: _Source) -> _Source:
    if papers.valid == 0:
        raise UserError("There are no valid ballots to count.")
    return papers


def count(election: Election, method: str, seed: int | None = None) -> Result:
    """Count ``election`` by ``method``; lots (if any) are drawn from ``seed``.

    When no seed is given one is made and recorded in the result, so the count can
    be re-run with exactly the same outcome.
    """
    if method not in METHODS:
        raise UserError(f"Unknown counting method '{method}'. Choose one of: {', '.join(METHODS)}.")
    if seed is None:
        seed = secrets.randbelow(2**63)
    standing = len(election.candidates) - len(election.withdrawn)
    if standing < election.seats:
        raise UserError(
            f"Only {standing} candidates are standing (after withdrawals) for "
            f"{election.seats} seats."
        )
    lot = Lot(seed, election.tie_order)
    engine: ModuleType
    papers: Papers | Piles  # what says how many papers were valid and invalid
    if method in ("plurality", "approval", "meek"):
        # These look at every ranking each time: identical ones are grouped first.
        grouped = papers = _some_valid(group(election))
        if method in ("plurality", "approval"):
            return plurality.count(election, grouped, lot, approval=method == "approval")
        engine, st = meek, meek.count(election, grouped, lot)
    else:
        # ERS97 and Scottish move papers between piles.
        engine = ers97 if method == "ers97" else scottish
        piles = papers = _some_valid(fast.Piles(election, engine.UNIT))
        st = engine.count(election, piles, lot)
    return Result(
        method=method,
        method_title=engine.TITLE,
        candidates=election.candidates,
        seats=election.seats,
        valid_papers=papers.valid,
        invalid_papers=papers.invalid,
        places=engine.PLACES,
        # Meek's quota moves every iteration: report the first (each stage has its own).
        quota=st.stages[0].quota if method == "meek" else st.quota,
        elected=[election.candidates[c] for c in st.elected],
        stages=st.stages,
        tie_breaks=st.ties,
        seed=seed,
        withdrawn=tuple(election.candidates[c] for c in sorted(election.withdrawn)),
        arithmetic=engine.ARITHMETIC,
        title=election.title,
    )
