"""Every paper in an STV count: which candidate holds it, at what value. The reference.

ERS97 and Scottish STV move papers between candidates' piles; this class keeps
the piles and does the moving. ``_cpiles.c`` is the same class in C (built by
``make``; see ``fast.py``): same methods, same figures, many times quicker.

The pieces handed in and out are *parcels*: ``(candidate, start, end)``, the
entries ``start`` to ``end`` of that candidate's pile, in the order received.
An entry stands for one or more identical papers at one value. Values are in the
method's unit (hundredths for ERS97, hundred-thousandths for Scottish).

- ``forward(parcels, hopeful, value, value_of)`` gives each paper in the parcels
  (only those at ``value``, unless it is None) to its next preference for whom
  ``hopeful`` is true, at its own value or at ``value_of``'s new value for its old
  one (pairs ``(old, new)``). Returns the value with nowhere to go and, for each
  candidate who received papers (lowest number first), ``(candidate, start, end,
  papers, worth)``: the new parcel, how many papers are in it and what they are worth.
- ``tally(parcels, value)`` is ``(papers, worth)`` for each parcel (only the papers
  at ``value``, unless it is None); ``values(parcels)`` the different values in them.
- ``revalue(candidate, start, end, value)`` sets every paper of a parcel to ``value``.
"""

from __future__ import annotations

from app.services.counting.ballots import group
from app.services.counting.blt import Election

Parcel = tuple[int, int, int]
Received = tuple[int, int, int, int, int]
# (ranking index, papers, value per paper, position in the ranking)
_Entry = tuple[int, int, int, int]


class Piles:
    """The piles of one count, with identical papers grouped."""

    def __init__(self, election: Election, unit: int) -> None:
        papers = group(election)
        self.valid = papers.valid
        self.invalid = papers.invalid
        self._rankings = papers.rankings
        n = len(election.candidates)
        self._piles: list[list[_Entry]] = [[] for _ in range(n)]
        adds = [pile.append for pile in self._piles]
        first_papers = [0] * n
        for index, (ranking, count) in enumerate(zip(papers.rankings, papers.counts, strict=True)):
            first = ranking[0]
            adds[first]((index, count, unit, 0))
            first_papers[first] += count
        self.first_votes = [p * unit for p in first_papers]

    def size(self, candidate: int) -> int:
        return len(self._piles[candidate])

    def _entries(self, parcel: Parcel) -> list[_Entry]:
        candidate, start, end = parcel
        return self._piles[candidate][start:end]

    def values(self, parcels: list[Parcel]) -> set[int]:
        return {entry[2] for parcel in parcels for entry in self._entries(parcel)}

    def tally(self, parcels: list[Parcel], value: int | None = None) -> list[tuple[int, int]]:
        out = []
        for parcel in parcels:
            papers = worth = 0
            for _index, count, at, _position in self._entries(parcel):
                if value is None or at == value:
                    papers += count
                    worth += count * at
            out.append((papers, worth))
        return out

    def forward(
        self,
        parcels: list[Parcel],
        hopeful: list[bool],
        value: int | None = None,
        value_of: list[tuple[int, int]] | None = None,
    ) -> tuple[int, list[Received]]:
        piles, rankings = self._piles, self._rankings
        new_value = dict(value_of) if value_of is not None else None
        before = [len(pile) for pile in piles]
        papers = [0] * len(piles)
        worth = [0] * len(piles)
        adds = [pile.append for pile in piles]
        lost = 0
        for parcel in parcels:
            for index, count, at, position in self._entries(parcel):
                if value is not None and at != value:
                    continue
                if new_value is not None:
                    at = new_value[at]
                ranking = rankings[index]
                for pos in range(position + 1, len(ranking)):
                    target = ranking[pos]
                    if hopeful[target]:
                        adds[target]((index, count, at, pos))
                        papers[target] += count
                        worth[target] += count * at
                        break
                else:
                    lost += count * at
        received = [
            (c, before[c], len(pile), papers[c], worth[c])
            for c, pile in enumerate(piles)
            if len(pile) > before[c]
        ]
        return lost, received

    def revalue(self, candidate: int, start: int, end: int, value: int) -> None:
        pile = self._piles[candidate]
        pile[start:end] = [(i, count, value, pos) for i, count, _old, pos in pile[start:end]]
