"""What STV counts by transferring papers share: piles of papers, votes, and the stage record.

A pile entry is ``(ranking index, papers, value per paper, position)``: that many
identical papers, each worth ``value`` (in the method's unit), currently with the
candidate at ``rankings[index][position]``.
"""

from __future__ import annotations

from operator import itemgetter, mul

from app.services.counting.ballots import Papers
from app.services.counting.blt import Election
from app.services.counting.ties import Lot, break_tie
from app.services.counting.transcript import Stage, TieBreak

Entry = tuple[int, int, int, int]

HOPEFUL, ELECTED, EXCLUDED, WITHDRAWN = 0, 1, 2, 3


class PileCount:
    """Piles, votes, states and the growing list of stages for one count."""

    def __init__(self, election: Election, papers: Papers, unit: int, lot: Lot) -> None:
        self.names = election.candidates
        self.n = len(self.names)
        self.seats = election.seats
        self.rankings = papers.rankings
        self.unit = unit
        self.lot = lot
        self.state = [WITHDRAWN if c in election.withdrawn else HOPEFUL for c in range(self.n)]
        self.piles: list[list[Entry]] = [[] for _ in range(self.n)]
        self.votes = [0] * self.n
        self.non_transferable = 0
        self.loss = 0
        self.elected: list[int] = []
        self.stages: list[Stage] = []
        self.history: list[list[int]] = []
        self.ties: list[TieBreak] = []
        self.quota = 0
        self._before = [0] * self.n
        self._first_piles(papers, unit)

    def _first_piles(self, papers: Papers, unit: int) -> None:
        """Each paper to its first preference, at full value."""
        adds = [pile.append for pile in self.piles]
        votes = self.votes
        for index, (ranking, count) in enumerate(zip(papers.rankings, papers.counts, strict=True)):
            first = ranking[0]
            adds[first]((index, count, unit, 0))
            votes[first] += count
        self.votes = [v * unit for v in votes]

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
        self, entries: list[Entry], value_of: dict[int, int] | None = None
    ) -> tuple[int, dict[int, list[Entry]]]:
        """Give each entry to its next continuing preference at its own value (or at
        ``value_of[old value]``). Returns the value that had nowhere to go, and what each
        candidate received (their newest parcel)."""
        lost = 0
        piles, rankings = self.piles, self.rankings
        hopeful = [s == HOPEFUL for s in self.state]
        before = [len(p) for p in piles]
        adds = [p.append for p in piles]
        for index, count, value, position in entries:
            if value_of is not None:
                value = value_of[value]
            ranking = rankings[index]
            for pos in range(position + 1, len(ranking)):
                target = ranking[pos]
                if hopeful[target]:
                    adds[target]((index, count, value, pos))
                    break
            else:
                lost += count * value
        received: dict[int, list[Entry]] = {}
        votes = self.votes
        for c, pile in enumerate(piles):
            if len(pile) > before[c]:
                parcel = pile[before[c] :]
                received[c] = parcel
                # Sums in C: every parcel's papers times their values.
                votes[c] += sum(map(mul, map(itemgetter(1), parcel), map(itemgetter(2), parcel)))
        return lost, received

    def move(self, entries: list[Entry], value_of: dict[int, int] | None = None) -> int:
        """``forward``, keeping only the value that had nowhere to go."""
        return self.forward(entries, value_of)[0]

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
