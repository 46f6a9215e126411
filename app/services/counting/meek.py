"""Meek STV, as the Proportional Representation Foundation's reference rule (Droop ``meek-prf``).

Arithmetic: fixed point with 9 decimal places (integers of 10**-9). Each ballot
starts with weight 1; at each ranked candidate it leaves keep = weight x keep value,
rounded UP to 9 places, and passes on the rest. Keep values: 1 for hopeful, 0 for
excluded, adjusted for elected candidates by k <- k x quota / votes (rounded up).
Quota = (total votes held by candidates) / (seats + 1), truncated to 9 places, plus
0.000000001, recomputed on every iteration. Iteration stops when a hopeful candidate
reaches the quota (elected), when the total surplus is below omega = 0.000001, or
when the surplus stops falling (stable). Otherwise the lowest hopeful candidate is
excluded (one at a time); candidates within the total surplus of the lowest vote
count as tied with it, and ties are decided by lot (or a [tie] line) and recorded.
When the hopeful candidates are no more than the places left, they are elected.
"""

from __future__ import annotations

from app.services.counting.ballots import Papers
from app.services.counting.blt import Election
from app.services.counting.state import ELECTED, EXCLUDED, HOPEFUL, PileCount
from app.services.counting.ties import BACKWARD, Lot
from app.services.counting.transcript import fmt

UNIT = 10**9
PLACES = 9
OMEGA = 10**3  # 0.000001
TITLE = "Meek STV (PR Foundation reference rule)"
ARITHMETIC = "fixed point, 9 decimal places (keep values and transfers rounded up); omega 0.000001"


class _Meek(PileCount):
    def __init__(self, election: Election, papers: Papers, lot: Lot) -> None:
        super().__init__(election, UNIT, lot, None)
        self.rankings = papers.rankings
        self.counts = papers.counts
        self.keep = [0 if self.state[c] != HOPEFUL else UNIT for c in range(self.n)]
        self.excess = 0

    def distribute(self) -> None:
        votes = [0] * self.n
        keep = self.keep
        excess = 0
        for ranking, multiplier in zip(self.rankings, self.counts, strict=True):
            weight = UNIT
            for c in ranking:
                k = keep[c]
                if k == 0:
                    continue
                if k == UNIT:
                    votes[c] += weight * multiplier
                    weight = 0
                    break
                kept = -(-weight * k // UNIT)
                votes[c] += kept * multiplier
                weight -= kept
                if weight <= 0:
                    weight = 0
                    break
            excess += weight * multiplier
        self.votes = votes
        self.excess = excess
        self.quota = sum(votes) // (self.seats + 1) + 1

    def surplus(self) -> int:
        return sum(max(0, self.votes[c] - self.quota) for c in self.elected)

    def iterate(self) -> tuple[str, list[int]]:
        """Iterate to a result: ("elected", who), ("omega", []) or ("stable", [])."""
        last = None
        while True:
            self.distribute()
            reached = [c for c in self.continuing() if self.votes[c] >= self.quota]
            if reached:
                reached.sort(key=lambda c: -self.votes[c])
                return "elected", reached
            surplus = self.surplus()
            if surplus < OMEGA:
                return "omega", []
            if last is not None and surplus >= last:
                return "stable", []
            last = surplus
            for c in self.elected:
                self.keep[c] = -(-self.keep[c] * self.quota // self.votes[c])


def count(election: Election, papers: Papers, lot: Lot) -> PileCount:
    """Run the count; the PileCount holds the stages and the elected in order."""
    st = _Meek(election, papers, lot)
    st.distribute()
    st.record("first preferences")
    while st.vacancies > 0:
        hopeful = st.continuing()
        if len(hopeful) <= st.vacancies:
            hopeful.sort(key=lambda c: -st.votes[c])
            for c in hopeful:
                st.state[c] = ELECTED
                st.elected.append(c)
            st.record("last places filled", elected=hopeful)
            break
        status, reached = st.iterate()
        if status == "elected":
            for c in reached:
                st.state[c] = ELECTED
                st.elected.append(c)
            st.record("election", elected=reached)
            continue
        # Votes within the remaining surplus of the lowest cannot be told apart at this
        # precision: those candidates are tied for exclusion (as the reference rule says).
        low = min(st.votes[c] for c in hopeful) + st.surplus()
        loser = st.break_tie(
            [c for c in hopeful if st.votes[c] <= low],
            direction=BACKWARD,
            lowest=True,
            purpose="exclusion",
            history=[],  # the reference rule looks at no earlier stage: straight to lot
        )
        assert loser is not None
        st.state[loser] = EXCLUDED
        st.keep[loser] = 0
        st.record(
            f"exclusion of {st.names[loser]}",
            excluded=[loser],
            notes=[
                f"Iterated to {status}: total surplus {fmt(st.surplus(), PLACES)}; "
                f"excess {fmt(st.excess, PLACES)}; keep values "
                + ", ".join(f"{st.names[c]} {fmt(st.keep[c], PLACES)}" for c in st.elected)
            ],
        )
    return st
