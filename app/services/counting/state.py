"""What STV counts share: candidates' states, votes, the piles of papers, and the stage record.

The papers themselves are kept and moved by a ``Piles`` (``piles.py``, or its C
twin: see ``fast.py``); a parcel is ``(candidate, start, end)`` of a pile.
"""

from __future__ import annotations

from typing import NamedTuple

from app.services.counting.blt import Election
from app.services.counting.piles import Parcel, Piles
from app.services.counting.ties import Lot, break_tie
from app.services.counting.transcript import Stage, TieBreak

HOPEFUL, ELECTED, EXCLUDED, WITHDRAWN = 0, 1, 2, 3


class Receipt(NamedTuple):
    """What one candidate received in a transfer."""

    parcel: Parcel
    papers: int
    worth: int


class PileCount:
    """Piles, votes, states and the growing list of stages for one count."""

    def __init__(self, election: Election, unit: int, lot: Lot, piles: Piles | None) -> None:
        self.names = election.candidates
        self.n = len(self.names)
        self.seats = election.seats
        self.unit = unit
        self.lot = lot
        self.state = [WITHDRAWN if c in election.withdrawn else HOPEFUL for c in range(self.n)]
        self._piles = piles
        self.votes = list(piles.first_votes) if piles is not None else [0] * self.n
        self.non_transferable = 0
        self.loss = 0
        self.elected: list[int] = []
        self.stages: list[Stage] = []
        self.history: list[list[int]] = []
        self.ties: list[TieBreak] = []
        self.quota = 0
        self._before = [0] * self.n

    @property
    def piles(self) -> Piles:
        assert self._piles is not None, "this count keeps no piles"
        return self._piles

    def pile(self, candidate: int) -> Parcel:
        """All of a candidate's papers, as one parcel."""
        return (candidate, 0, self.piles.size(candidate))

    # -- who is where ---------------------------------------------------------
    def continuing(self) -> list[int]:
        return [c for c in range(self.n) if self.state[c] == HOPEFUL]

    @property
    def vacancies(self) -> int:
        return self.seats - len(self.elected)

    def break_tie(
        self,
        tied: list[int],
        *,
        direction: str,
        lowest: bool,
        purpose: str,
        history: list[list[int]] | None = None,
        by_lot: bool = True,
    ) -> int | None:
        """``ties.break_tie`` with this count's names, stage, record and lot filled in."""
        return break_tie(
            tied,
            self.history if history is None else history,
            direction=direction,
            lowest=lowest,
            lot=self.lot if by_lot else None,
            names=self.names,
            stage=len(self.stages) + 1,
            purpose=purpose,
            ties=self.ties,
        )

    def fill_last_places(self, action: str, note: str) -> bool:
        """If no more continue than places are left, elect them all (most votes first)."""
        hopeful = self.continuing()
        if len(hopeful) > self.vacancies:
            return False
        hopeful.sort(key=lambda c: -self.votes[c])
        for c in hopeful:
            self.state[c] = ELECTED
            self.elected.append(c)
        self.record(action, elected=hopeful, notes=[note])
        return True

    def forward(
        self,
        parcels: list[Parcel],
        *,
        value: int | None = None,
        value_of: dict[int, int] | None = None,
    ) -> tuple[int, list[Receipt]]:
        """Give the papers (only those at ``value``, if given) to their next continuing
        preference, at their own value or at ``value_of[old value]``, adding to the votes.
        Returns the value that had nowhere to go, and what each candidate who received
        papers got: their newest parcel, its papers and their worth."""
        hopeful = [s == HOPEFUL for s in self.state]
        pairs = list(value_of.items()) if value_of is not None else None
        lost, received = self.piles.forward(parcels, hopeful, value, pairs)
        receipts = []
        for target, start, end, papers, worth in received:
            self.votes[target] += worth
            receipts.append(Receipt((target, start, end), papers, worth))
        return lost, receipts

    # -- the record -------------------------------------------------------------
    def record(
        self,
        action: str,
        *,
        elected: list[int] | None = None,
        excluded: list[int] | None = None,
        notes: list[str] | None = None,
        transfer_value: int | None = None,
    ) -> Stage:
        stage = Stage(
            number=len(self.stages) + 1,
            action=action,
            votes=list(self.votes),
            transfers=[a - b for a, b in zip(self.votes, self._before, strict=True)],
            non_transferable=self.non_transferable,
            truncation_loss=self.loss,
            quota=self.quota,
            elected=[self.names[c] for c in elected or []],
            excluded=[self.names[c] for c in excluded or []],
            notes=list(notes or []),
            transfer_value=transfer_value,
        )
        self.stages.append(stage)
        self.history.append(list(self.votes))
        self._before = list(self.votes)
        return stage

    def join(self, candidates: list[int]) -> str:
        return ", ".join(self.names[c] for c in candidates)
