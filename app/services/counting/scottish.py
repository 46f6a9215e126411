"""Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), rules 45-52.

Arithmetic: values in hundred-thousandths (five decimal places), every transfer
value truncated (rule 48(3): "any remainder being ignored"), computed per paper
value as surplus x value / total vote. Quota (rule 46): valid papers / (seats + 1),
ignoring decimals, plus one; never recalculated. Surpluses are transferred one per
stage, largest first, all the candidate's papers (rule 48); no deferral. One
candidate excluded per stage (rule 50). Ties (rules 49(2), 51(2)): the votes at the
end of the most recent preceding stage at which they differed, then lot. When the
continuing candidates are as many as the vacancies, they are elected (rule 52).
Papers with no first preference are invalid.
"""

from __future__ import annotations

from app.services.counting.blt import Election
from app.services.counting.piles import Piles
from app.services.counting.state import ELECTED, EXCLUDED, PileCount
from app.services.counting.ties import BACKWARD, Lot
from app.services.counting.transcript import fmt

UNIT = 100_000
PLACES = 5
TITLE = "Scottish STV (SSI 2007/42 Sch. 1 rules 45-52)"
ARITHMETIC = "fixed point, 5 decimal places, transfer values truncated; integer quota"


def count(election: Election, piles: Piles, lot: Lot) -> PileCount:
    """Run the count; the PileCount holds the stages and the elected in order."""
    st = PileCount(election, UNIT, lot, piles)
    st.quota = (piles.valid // (election.seats + 1) + 1) * UNIT
    pending: list[int] = []  # elected, surplus not yet transferred

    def elect_reaching_quota() -> list[int]:
        reached = [c for c in st.continuing() if st.votes[c] >= st.quota]
        # Order of election: by votes, equal votes by the most recent stage they differed.
        reached.sort(key=lambda c: [-st.votes[c]] + [-h[c] for h in reversed(st.history)])
        for c in reached:
            st.state[c] = ELECTED
            st.elected.append(c)
            pending.append(c)
        return reached

    first = elect_reaching_quota()
    st.record("first preferences", elected=first)

    while st.vacancies > 0:
        if st.fill_last_places(
            "last vacancies filled",
            "Continuing candidates equal the vacancies: deemed elected (rule 52).",
        ):
            break
        hopeful = st.continuing()
        with_surplus = [c for c in pending if st.votes[c] > st.quota]
        if with_surplus:
            top = max(st.votes[c] for c in with_surplus)
            tied = [c for c in with_surplus if st.votes[c] == top]
            chosen = st.break_tie(
                tied,
                direction=BACKWARD,
                lowest=False,
                purpose="order of surpluses (rule 49)",
            )
            assert chosen is not None
            pending.remove(chosen)
            total = st.votes[chosen]
            surplus = total - st.quota
            parcels = [st.pile(chosen)]
            values = {v: v * surplus // total for v in st.piles.values(parcels)}
            before = sum(st.votes)
            lost, _received = st.forward(parcels, value_of=values)
            moved = sum(st.votes) - before  # value given to others
            carried = moved + lost  # every paper at its new value, moved or not
            st.votes[chosen] = st.quota
            st.non_transferable += lost + (surplus - carried)  # rounding loss is shown within it
            st.loss += surplus - carried
            newly = elect_reaching_quota()
            tv = ", ".join(f"{fmt(v, PLACES)} -> {fmt(values[v], PLACES)}" for v in sorted(values))
            st.record(
                f"surplus of {st.names[chosen]} ({fmt(surplus, PLACES)})",
                elected=newly,
                notes=[
                    f"Paper values {tv}; {fmt(moved, PLACES)} transferred, "
                    f"{fmt(lost, PLACES)} non-transferable, "
                    f"{fmt(surplus - carried, PLACES)} lost to rounding."
                ],
            )
            continue
        pending.clear()  # any left have a surplus of exactly nothing
        low = min(st.votes[c] for c in hopeful)
        tied = [c for c in hopeful if st.votes[c] == low]
        loser = st.break_tie(
            tied,
            direction=BACKWARD,
            lowest=True,
            purpose="exclusion (rule 51)",
        )
        assert loser is not None
        st.state[loser] = EXCLUDED
        parcels = [st.pile(loser)]
        st.votes[loser] = 0
        lost, _received = st.forward(parcels)
        st.non_transferable += lost
        newly = elect_reaching_quota()
        st.record(
            f"exclusion of {st.names[loser]}",
            excluded=[loser],
            elected=newly,
            notes=[f"{fmt(lost, PLACES)} non-transferable."] if lost else [],
        )
    return st
