"""Plurality and block vote: each paper gives one vote to each of up to N candidates (N seats).

From a ranked ``.blt`` ballot the first N standing candidates marked count as the
voter's X marks (as stv-rs's "simulated plurality block voting"). The N highest
totals win; where equal totals straddle the last seat, a lot decides (the
organisation's rules commonly say so) and is recorded.
"""

from __future__ import annotations

from app.services.counting.ballots import Papers
from app.services.counting.blt import Election
from app.services.counting.ties import Lot, break_tie
from app.services.counting.transcript import Result, Stage, TieBreak

TITLE = "Plurality / block vote"
APPROVAL_TITLE = "Approval vote"


def count(election: Election, papers: Papers, lot: Lot, *, approval: bool = False) -> Result:
    """Count X votes and elect the highest totals. With ``approval`` every mark on a paper
    counts (members approve as many projects as they like), not only the first N."""
    n, seats = len(election.candidates), election.seats
    marks = n if approval else seats
    totals = [0] * n
    for ranking, multiplier in zip(papers.rankings, papers.counts, strict=True):
        for c in ranking[:marks]:
            totals[c] += multiplier
    standing = [c for c in range(n) if c not in election.withdrawn]
    ranked = sorted(standing, key=lambda c: -totals[c])
    ties: list[TieBreak] = []
    elected = [c for c in ranked if totals[c] > totals[ranked[seats - 1]]]
    edge = [c for c in ranked if totals[c] == totals[ranked[seats - 1]]]
    while len(elected) < seats:
        if len(edge) == seats - len(elected):
            elected += edge
            break
        pick = break_tie(
            edge,
            [],
            direction="forward",
            lowest=False,
            lot=lot,
            names=election.candidates,
            stage=1,
            purpose="last seat(s) with equal votes",
            ties=ties,
        )
        assert pick is not None
        elected.append(pick)
        edge.remove(pick)
    names = election.candidates
    stage = Stage(
        number=1,
        action="count of approvals (every mark on each paper)"
        if approval
        else f"count of X votes (up to {seats} per paper)",
        votes=totals,
        transfers=[0] * n,
        non_transferable=0,
        truncation_loss=0,
        quota=0,
        elected=[names[c] for c in elected],
        excluded=[names[c] for c in standing if c not in elected],
    )
    return Result(
        method="approval" if approval else "plurality",
        method_title=APPROVAL_TITLE if approval else TITLE,
        candidates=names,
        seats=seats,
        valid_papers=papers.valid,
        invalid_papers=papers.invalid,
        places=0,
        quota=0,
        elected=[names[c] for c in elected],
        stages=[stage],
        tie_breaks=ties,
        seed=lot.seed,
        withdrawn=tuple(names[c] for c in sorted(election.withdrawn)),
        arithmetic="whole votes",
        title=election.title,
    )
