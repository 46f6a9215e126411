"""Breaking ties: by earlier stages (ERS97 looks forward, Scottish STV looks back), then by lot.

A lot is drawn with ``random.Random(seed)``; the seed is recorded in the result so
the same count gives the same draw. A ``[tie …]`` line in the ballot file, if any,
replaces the lot (the returning officer drew it beforehand) and the record says so.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from app.services.counting.transcript import TieBreak

FORWARD = "forward"  # ERS97 5.2.3, 5.2.5, 5.6.2: first stage, then earliest point they differed
BACKWARD = "backward"  # SSI 2007/42 rules 49(2), 51(2): most recent preceding stage they differed


@dataclass
class Lot:
    """The source of lots for one count, and the tie order from the file."""

    seed: int
    tie_order: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def draw(self, tied: Sequence[int], lowest: bool) -> tuple[int, str]:
        """Pick one of ``tied``; return it and how it was picked."""
        if self.tie_order and all(c in self.tie_order for c in tied):
            # Droop's and stv-rs's [tie a b c]: earlier in the list loses the tie.
            ranked = sorted(tied, key=self.tie_order.index)
            return (ranked[0] if lowest else ranked[-1]), "tie order in file"
        return self.rng.choice(sorted(tied)), "lot"


def break_tie(
    tied: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    direction: str,
    lowest: bool,
    lot: Lot | None,
    names: Sequence[str],
    stage: int,
    purpose: str,
    ties: list[TieBreak],
) -> int | None:
    """Choose the lowest (or highest) of ``tied`` candidates.

    ``history`` holds the votes at the end of each earlier point the rule may look
    at, oldest first. Candidates are narrowed at each point where they differ
    (keeping those with the extreme vote) until one is left. If they were equal at
    every point, a lot decides; ``lot=None`` means the rule says nobody is chosen
    (ERS97 5.6.2) and None is returned. The decision is appended to ``ties``.
    """
    group = sorted(tied)
    if len(group) == 1:
        return group[0]
    order = list(history) if direction == FORWARD else list(reversed(history))
    used = ""
    for point, votes in zip(
        range(len(order)) if direction == FORWARD else range(len(order) - 1, -1, -1),
        order,
        strict=True,
    ):
        values = [votes[c] for c in group]
        if len(set(values)) > 1:
            target = min(values) if lowest else max(values)
            group = [c for c in group if votes[c] == target]
            used = f"votes at stage {point + 1}"
            if len(group) == 1:
                break
    if len(group) == 1:
        how = "earlier stage" if direction == FORWARD else "preceding stage"
        chosen = group[0]
        detail = f"decided by {used}"
    else:
        if lot is None:
            ties.append(
                TieBreak(
                    stage, purpose, tuple(names[c] for c in tied), "", "none", "equal throughout"
                )
            )
            return None
        chosen, how = lot.draw(group, lowest)
        detail = (
            "equal at every stage; "
            + ("drawn with the recorded seed" if how == "lot" else "from the [tie] line")
            + (f" among {', '.join(names[c] for c in group)}" if len(group) < len(tied) else "")
        )
    ties.append(TieBreak(stage, purpose, tuple(names[c] for c in tied), names[chosen], how, detail))
    return chosen
