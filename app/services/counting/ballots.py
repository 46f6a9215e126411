"""Ballots made ready to count: withdrawn candidates passed over, identical ballots grouped."""

from __future__ import annotations

from dataclasses import dataclass

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


def group(election: Election) -> Papers:
    """Group identical rankings (after removing withdrawn candidates), in first-seen order."""
    totals: dict[tuple[int, ...], int] = {}
    invalid = 0
    withdrawn = election.withdrawn
    for weight, prefs in election.ballots:
        if withdrawn:
            prefs = tuple(c for c in prefs if c not in withdrawn)
        if not prefs:
            invalid += weight
            continue
        totals[prefs] = totals.get(prefs, 0) + weight
    return Papers(tuple(totals), tuple(totals.values()), invalid)
