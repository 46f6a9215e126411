"""Benchmark: 100,000 ranked ballots, 15 candidates, 5 seats; our counter against peers.

Run: PYTHONPATH=. python bench/count_ballots.py
pyrankvote and stvpoll are benchmark-only (never runtime dependencies); if they are
not installed the comparison is skipped with a message.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from app.services.counting import count, fast
from app.services.counting.blt import Election

CANDIDATES, SEATS, BALLOTS, SEED = 15, 5, 100_000, 20240501


def make_ballots() -> Election:
    """Realistic ranked ballots: candidates have popularity, voters rank 1-8 of them."""
    rng = random.Random(SEED)
    popularity = [rng.uniform(0.2, 3.0) for _ in range(CANDIDATES)]
    ballots = []
    for _ in range(BALLOTS):
        length = min(CANDIDATES, max(1, int(rng.expovariate(1 / 3.5)) + 1))
        pool = list(range(CANDIDATES))
        weights = list(popularity)
        ranking = []
        for _ in range(length):
            pick = rng.choices(range(len(pool)), weights)[0]
            ranking.append(pool.pop(pick))
            weights.pop(pick)
        ballots.append((1, tuple(ranking)))
    names = tuple(f"Candidate {i + 1}" for i in range(CANDIDATES))
    return Election(candidates=names, seats=SEATS, ballots=tuple(ballots), title="benchmark")


RUNS = 5


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Median of RUNS runs (this machine is shared and noisy) and the last result."""
    times, out = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    election = make_ballots()
    print(f"{BALLOTS:,} ballots, {CANDIDATES} candidates, {SEATS} seats (seed {SEED})")
    print(f"medians of {RUNS} runs; ours counts from the list of rankings, reading them included")
    piles = "the C piles" if fast.BUILD is not None else "plain Python (C piles not built)"
    print(f"ERS97 and Scottish move papers with {piles}")
    ours: dict[str, float] = {}
    for method in ("plurality", "ers97", "scottish", "meek"):
        seconds, result = timed(lambda m=method: count(election, m, seed=1))
        ours[method] = seconds
        print(f"  mutualdesk {method:<10} {seconds:7.3f} s  elected {', '.join(result.elected)}")  # type: ignore[attr-defined]
    if fast.BUILD is not None:
        saved, fast.BUILD = fast.BUILD, None
        for method in ("ers97", "scottish"):
            seconds, _ = timed(lambda m=method: count(election, m, seed=1))
            print(f"  mutualdesk {method:<10} {seconds:7.3f} s  in plain Python (no compiler)")
        fast.BUILD = saved

    names = election.candidates
    ranked = [[names[c] for c in prefs] for _, prefs in election.ballots]
    # Each peer: (count only, count including building its own ballot objects).
    peers: dict[str, tuple[float, float]] = {}
    try:
        import pyrankvote  # type: ignore[import-not-found]
        from pyrankvote import Ballot, Candidate

        people = {n: Candidate(n) for n in names}
        build, ballots = timed(
            lambda: [Ballot(ranked_candidates=[people[n] for n in r]) for r in ranked]
        )
        seconds, res = timed(
            lambda: pyrankvote.single_transferable_vote(list(people.values()), ballots, SEATS)
        )
        peers["pyrankvote STV"] = (seconds, seconds + build)
        print(
            f"  pyrankvote STV        {seconds:7.3f} s  (+{build:.3f} s building its Ballot "
            f"objects)  elected {', '.join(c.name for c in res.get_winners())}"
        )
    except ImportError:
        print("  pyrankvote not installed: skipped (pip install pyrankvote to compare)")
    try:
        from stvpoll.scottish_stv import ScottishSTV  # type: ignore[import-not-found]

        def run_stvpoll() -> object:
            poll = ScottishSTV(seats=SEATS, candidates=list(names))
            for r in ranked:
                poll.add_ballot(r)
            return poll.calculate()

        seconds, res = timed(run_stvpoll)
        peers["stvpoll ScottishSTV"] = (seconds, seconds)
        print(f"  stvpoll ScottishSTV   {seconds:7.3f} s  (adding ballots included)  {res}")
    except ImportError:
        print("  stvpoll not installed: skipped (pip install stvpoll to compare)")
    print("target: ERS97 and Scottish under 1 s and at least 10x faster than each peer")
    for method in ("ers97", "scottish"):
        verdict = "under 1 s" if ours[method] < 1 else "OVER 1 s"
        print(f"  {method}: {ours[method]:.3f} s ({verdict})")
        for peer, (alone, whole) in peers.items():
            print(
                f"    {peer} / mutualdesk {method}: {alone / ours[method]:.1f}x counting alone, "
                f"{whole / ours[method]:.1f}x from the same rankings"
            )


if __name__ == "__main__":
    main()
