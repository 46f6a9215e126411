"""Start-up time against a bare PySide6 program, from process start, in the same run.

(a) to the first window on screen (the sign-in window), target at most 2x bare;
(b) to the main window showing the organisation's data, target at most 4x bare (issue 19).
The database holds 10,000 members (made with `mutualdesk demo`). Medians of
several alternating runs, because this machine is shared and noisy.

Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _time_marks(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from process start to each 'mark NAME' line the child prints."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    marks: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("mark "):
            marks.setdefault(line.split()[1], time.perf_counter() - start)
    child.wait(timeout=120)
    return marks


def main() -> int:
    """Run the benchmark and print our figures, the reference and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--members", type=int, default=10_000)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mutualdesk-bench-"))
    env = {**os.environ, "MUTUALDESK_HOME": str(home / "home"), "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    db = home / "bench.sqlite"
    # An installed copy has its bytecode compiled (pip and the frozen build do it); this
    # machine sets PYTHONDONTWRITEBYTECODE, so compile ours once rather than every start.
    compileall.compile_dir(ROOT / "app", quiet=1)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "demo",
            "--db",
            str(db),
            "--members",
            str(options.members),
            "--seed",
            "1",
        ],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    app_args = [str(HERE / "app_child.py"), str(db), "admin", "mutualdesk"]
    _time_marks(app_args, env)  # warm the disk cache and make today's backup
    _time_marks([str(HERE / "bare_qt.py")], env)
    bare, first, main_window = [], [], []
    for _ in range(options.runs):
        bare.append(_time_marks([str(HERE / "bare_qt.py")], env)["first-window"])
        marks = _time_marks(app_args, env)
        first.append(marks["first-window"])
        main_window.append(marks["main-window"])
    b, a1, a2 = (statistics.median(x) for x in (bare, first, main_window))
    print(
        f"start-up, {options.members:,} members, median of {options.runs} runs "
        f"(platform {env['QT_QPA_PLATFORM']})"
    )
    print(f"  reference: bare PySide6 empty window      {b * 1000:7.0f} ms")
    print(
        f"  (a) MutualDesk first window (sign-in)     {a1 * 1000:7.0f} ms   "
        f"ratio {a1 / b:4.2f}  (target <= 2.0)"
    )
    print(
        f"  (b) MutualDesk main window with the data  {a2 * 1000:7.0f} ms   "
        f"ratio {a2 / b:4.2f}  (target <= 4.0)"
    )
    ok = a1 / b <= 2.0 and a2 / b <= 4.0
    print("  targets met" if ok else "  TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
