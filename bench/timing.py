"""Timing helpers the benchmarks share: one run in milliseconds, and the median of
several (this machine is shared and noisy)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def ms(work: Callable[[], object]) -> float:
    """How long one call of ``work`` takes, in milliseconds."""
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def median_ms(work: Callable[[], object], runs: int = 7) -> float:
    """The median of ``runs`` calls, in milliseconds."""
    return statistics.median(ms(work) for _ in range(runs))
