"""`mutualdesk demo --members N` from the command line, as a person runs it: seconds for
10,000 and 100,000 members (median of the runs), against the target for 100,000 of
60 s (issue 19), and how the time grows with the members.

Usage: python bench/demo_size.py [--members 10000,100000] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_100K = 60.0


def _once(members: int, folder: Path) -> float:
    db = folder / f"demo-{members}-{time.monotonic_ns()}.sqlite"
    env = {**os.environ, "MUTUALDESK_HOME": str(folder / "home"), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "demo", "--db", str(db), "--members",
                    str(members)], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    took = time.perf_counter() - started
    db.unlink()
    return took


def main() -> int:
    """Print the median seconds for each size, the ratio to the target and the growth."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sizes = [int(n) for n in options.members.split(",")]
    found: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="mutualdesk-bench-") as folder:
        for size in sizes:
            found[size] = statistics.median(_once(size, Path(folder)) for _ in range(options.runs))
            print(f"demo of {size:>7,} members: {found[size]:6.1f} s (median of {options.runs})")
    ok = True
    if 100_000 in found:
        ratio = found[100_000] / TARGET_100K
        print(f"100,000 members: {ratio:.2f} x the target of {TARGET_100K:.0f} s")
        ok = ratio <= 1
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"{large:,} members took {found[large] / found[small]:.1f} x the time of "
              f"{small:,} ({large / small:.0f} x the members)")  # fmt: skip
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
