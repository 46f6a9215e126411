"""ERS97 STV: Electoral Reform Society, *How to conduct an election by the STV*, 3rd ed. 1997, §5.

Arithmetic: values in hundredths, always truncated. Quota (5.1.6): valid vote /
(seats + 1) to two places; if not exact, drop the remainder and add 0.01;
recalculated ignoring non-transferable votes while nobody is elected (5.4.8).
Also elected (5.1.7(b)): a vote at least the total active vote / (places unfilled
+ 1), to two places rounded up as the quota is. Surpluses: largest first (5.2.3),
deferred while they cannot change who is excluded (5.2.2); a first-stage surplus
examines all papers, a later one only the last batch received (5.3.1-2); transfer
value = surplus / transferable papers, truncated, or the present value if that is
less (5.3.7). Exclusion: as many of the lowest together as allowed (5.2.5); papers
moved a batch (one transfer value) at a time in descending value, each batch a
sub-stage, electing after each (5.4). Ties: the first stage, then the earliest point
after a batch where they differed, then lot (5.2.3, 5.2.5); equal candidates for the
last places are not elected at that stage (5.6.2). Papers with no first preference
are invalid (6.9).
"""

from __future__ import annotations

from app.services.counting.blt import Election
from app.services.counting.piles import Parcel, Piles
from app.services.counting.state import ELECTED, EXCLUDED, PileCount, Receipt
from app.services.counting.ties import FORWARD, Lot
from app.services.counting.transcript import fmt

UNIT = 100
PLACES = 2
TITLE = "ERS97 STV (Electoral Reform Society rules, 1997)"
ARITHMETIC = "fixed point, 2 decimal places, truncated; quota rounded up to 0.01"


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


class _Ers97(PileCount):
    def __init__(self, election: Election, piles: Piles, lot: Lot) -> None:
        super().__init__(election, UNIT, lot, piles)
        self.total_valid = piles.valid * UNIT
        self.quota = _ceil_div(self.total_valid, self.seats + 1)
        self.pending: list[int] = []  # elected with a surplus not yet transferred
        self.first_stage: set[int] = set()  # elected at the first stage
        self.last_batch: list[Parcel | None] = [None] * self.n
        self.quota_notes: list[str] = []

    # -- 5.1.7 / 5.3.13 / 5.4.9 -------------------------------------------------
    def threshold(self) -> int:
        # The total active vote (glossary 6.20): all valid votes, less the quotas of those
        # elected (or their votes, if less) and the non-transferable votes. Votes still held
        # by a candidate being excluded batch by batch are active.
        active = (
            self.total_valid
            - sum(min(self.votes[c], self.quota) for c in self.elected)
            - self.non_transferable
        )
        by_active = _ceil_div(active, self.vacancies + 1)
        return max(1, min(self.quota, by_active))

    def deem_elected(self) -> list[int]:
        newly: list[int] = []
        while self.vacancies > 0:
            if not self.elected and self.non_transferable:
                quota = _ceil_div(self.total_valid - self.non_transferable, self.seats + 1)
                if quota != self.quota:
                    self.quota_notes.append(
                        f"Papers have become non-transferable before anyone was elected: "
                        f"quota recalculated to {fmt(quota, PLACES)} (5.4.8)."
                    )
                    self.quota = quota
            threshold = self.threshold()
            reached = [c for c in self.continuing() if self.votes[c] >= threshold]
            if not reached:
                break
            reached.sort(key=lambda c: -self.votes[c])
            if len(reached) > self.vacancies:
                edge = self.votes[reached[self.vacancies - 1]]
                sure = [c for c in reached if self.votes[c] > edge]
                tied = [c for c in reached if self.votes[c] == edge]
                room = self.vacancies - len(sure)
                chosen: list[int] = []
                while len(chosen) < room:
                    pick = self.break_tie(
                        [c for c in tied if c not in chosen],
                        direction=FORWARD,
                        lowest=False,
                        purpose="election with equal votes (5.6.2)",
                        by_lot=False,
                    )
                    if pick is None:
                        break
                    chosen.append(pick)
                reached = sure + chosen
                if not reached:
                    break
            for c in reached:
                self.state[c] = ELECTED
                self.elected.append(c)
                self.pending.append(c)
                newly.append(c)
        return newly

    def stage_notes(self, extra: list[str]) -> list[str]:
        notes = extra + self.quota_notes
        self.quota_notes = []
        return notes

    # -- 5.2.2 and 5.2.5 -------------------------------------------------------
    def excludable(self, deferred: int) -> list[int]:
        """The largest group of lowest candidates that may be excluded together."""
        hopeful = sorted(self.continuing(), key=lambda c: self.votes[c])
        best: list[int] = []
        running = 0
        for k in range(1, len(hopeful)):
            running += self.votes[hopeful[k - 1]]
            if len(hopeful) - k < self.vacancies:
                break
            above = self.votes[hopeful[k]]
            if above > self.votes[hopeful[k - 1]] and running + deferred <= above:
                best = hopeful[:k]
        return best

    def remember_last(self, received: list[Receipt]) -> None:
        """Each candidate's newest parcel: all a later surplus of theirs examines (5.3.4)."""
        for r in received:
            self.last_batch[r.parcel[0]] = r.parcel

    def transfer_surplus(self, chosen: int) -> None:
        self.pending.remove(chosen)
        surplus = self.votes[chosen] - self.quota
        # 5.3.3/5.3.4: the whole pile for someone elected at the first stage, otherwise the
        # last parcel received; a candidate who has received none (elected later on first
        # preferences alone, e.g. after the quota fell) has their whole pile as that parcel.
        last = self.last_batch[chosen]
        examined = self.pile(chosen) if chosen in self.first_stage or last is None else last
        # Every transferable paper goes on at its present value first; if that is more than
        # the surplus, each parcel is then revalued at the transfer value (5.3.5).
        _lost, received = self.forward([examined])
        papers = sum(r.papers for r in received)
        value = sum(r.worth for r in received)
        if value > surplus:
            tv = surplus // papers
            for r in received:
                self.piles.revalue(*r.parcel, tv)
                self.votes[r.parcel[0]] += tv * r.papers - r.worth
            moved = tv * papers
            self.loss += surplus - moved
            note = (
                f"{papers} transferable papers; transfer value {fmt(surplus, PLACES)} / "
                f"{papers} = {fmt(tv, PLACES)}; {fmt(surplus - moved, PLACES)} "
                "non-transferable difference (6.11)."
            )
            shown_tv: int | None = tv
        else:
            moved = value
            note = (
                f"{papers} transferable papers worth {fmt(value, PLACES)}, not more than the "
                "surplus: moved at their present value (5.3.7)."
            )
            shown_tv = None
        self.remember_last(received)
        self.non_transferable += surplus - moved
        self.votes[chosen] = self.quota
        newly = self.deem_elected()
        self.record(
            f"surplus of {self.names[chosen]} ({fmt(surplus, PLACES)})",
            elected=newly,
            notes=self.stage_notes([note]),
            transfer_value=shown_tv,
        )

    def exclude(self, group: list[int]) -> None:
        parcels = [self.pile(c) for c in group]
        for c in group:
            self.state[c] = EXCLUDED
        values = sorted(self.piles.values(parcels), reverse=True)
        label = f"exclusion of {self.join(group)}"
        if not values:
            for c in group:
                self.votes[c] = 0
            newly = self.deem_elected()
            self.record(
                label, excluded=group, elected=newly, notes=self.stage_notes(["No papers to move."])
            )
            return
        for part, value in enumerate(values, start=1):
            # Papers moved a batch (one value) at a time: off their holders, on to others.
            for c, (_papers, worth) in zip(group, self.piles.tally(parcels, value), strict=True):
                self.votes[c] -= worth
            lost, received = self.forward(parcels, value=value)
            self.remember_last(received)
            self.non_transferable += lost
            newly = self.deem_elected()
            self.record(
                f"{label}: papers at {fmt(value, PLACES)} ({part} of {len(values)})",
                excluded=group if part == 1 else [],
                elected=newly,
                notes=self.stage_notes([f"{fmt(lost, PLACES)} non-transferable."] if lost else []),
                transfer_value=value,
            )
            if self.vacancies == 0:
                break


def count(election: Election, piles: Piles, lot: Lot) -> PileCount:
    """Run the count; the PileCount holds the stages and the elected in order."""
    st = _Ers97(election, piles, lot)
    first = st.deem_elected()
    st.first_stage.update(first)
    st.record("first preferences", elected=first, notes=st.stage_notes([]))
    while st.vacancies > 0:
        if st.fill_last_places(
            "last places filled",
            "Continuing candidates equal the places unfilled: deemed elected (5.5.1).",
        ):
            break
        hopeful = st.continuing()
        with_surplus = [c for c in st.pending if st.votes[c] > st.quota]
        st.pending = with_surplus
        total = sum(st.votes[c] - st.quota for c in with_surplus)
        group = st.excludable(total) if with_surplus else []
        if with_surplus and not group:
            top = max(st.votes[c] for c in with_surplus)
            chosen = st.break_tie(
                [c for c in with_surplus if st.votes[c] == top],
                direction=FORWARD,
                lowest=False,
                purpose="order of surpluses (5.2.3)",
            )
            assert chosen is not None
            st.transfer_surplus(chosen)
            continue
        if not group:
            group = st.excludable(0)
        if not group:
            low = min(st.votes[c] for c in hopeful)
            loser = st.break_tie(
                [c for c in hopeful if st.votes[c] == low],
                direction=FORWARD,
                lowest=True,
                purpose="exclusion (5.2.5)",
            )
            assert loser is not None
            group = [loser]
        if with_surplus:
            st.quota_notes.append(
                f"Surpluses totalling {fmt(total, PLACES)} deferred (5.2.2): they cannot "
                "save the lowest candidate(s)."
            )
        st.exclude(group)
    rest = st.continuing()
    if rest and st.stages:
        st.stages[-1].notes.append(f"All places filled; {st.join(rest)} formally excluded (5.5.2).")
    return st
