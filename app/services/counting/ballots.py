"""Ballots made ready to count: withdrawn candidates passed over, identical ballots grouped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from app.services.counting.blt import Election


@dataclass(frozen=True)
class Papers:
    """Distinct rankings with how many papers carry each.

    ``rankings[i]`` is a tuple of candidate numbers (withdrawn ones removed) and
    ``counts[i]`` the number of papers with exactly that ranking. Papers with no
    preference for a standing candidate are invalid and only counted.
    """

    rankings: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]
    invalid: int

    @property
    def valid(self) -> int:
        return sum(self.counts)


def _check(rankings: Iterable[tuple[int, ...]], candidates: int) -> None:
    """Every preference names a candidate (the ``.blt`` reader sees to it; this is for
    ballots made in code). One pass in C over the different rankings."""
    named = set(chain.from_iterable(rankings))
    if named and (min(named) < 0 or max(named) >= candidates):
        raise ValueError("a preference for no such candidate")


def group(election: Election) -> Papers:
    """Group identical rankings (after removing withdrawn candidates)."""
    withdrawn = election.withdrawn
    # Counter does the counting in C (as if every weight were 1); other weights are
    # put right afterwards.
    ballots = election.ballots
    totals: Counter[tuple[int, ...]] = Counter(map(itemgetter(1), ballots))
    _check(totals, len(election.candidates))
    weights = set(map(itemgetter(0), ballots))
    if min(weights, default=1) < 0:
        raise ValueError("a ballot weight below 0")
    if weights - {1}:
        for weight, prefs in ballots:
            if weight != 1:
                totals[prefs] += weight - 1
        totals = +totals  # drop any ranking left with no papers
    if withdrawn:
        merged: Counter[tuple[int, ...]] = Counter()
        for prefs, weight in totals.items():
            merged[tuple(c for c in prefs if c not in withdrawn)] += weight
        totals = merged
    invalid = totals.pop((), 0)
    return Papers(tuple(totals), tuple(totals.values()), invalid)
