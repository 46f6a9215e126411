"""The member list as PDF at 10,000 and 100,000 members: seconds, pages, pages per
second and peak memory, against bare ReportLab laying out the same rows.

Each run is a child process of its own, so that its peak memory is its own. The
reference is ReportLab with nothing of ours: the same rows' text, in the same column
widths, as plain tables of 40 rows with the heading repeated, on A4. Targets (issue 19):
the 100,000-member list in at most 12 x the 10,000-member time from the same run, with
peak memory under 300 MB. The demo databases are made once and kept in the system's
temporary folder.

Usage: python bench/member_list_pdf.py [--members 10000,100000] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MUTUALDESK_HOME", tempfile.mkdtemp(prefix="mutualdesk-bench-"))

from bench.export_members import make_demo  # noqa: E402

TIMES_LIMIT, MEMORY_LIMIT_MB = 12.0, 300.0


def _report(path: Path) -> object:
    from app.reports import registry
    from app.services.accounts.roles import Actor, Role
    from app.storage.database import open_database

    database = open_database(path, read_only=True, purpose="the benchmark")
    try:
        with database.sessions() as session:
            reader = Actor(None, "bench", Role.ADMINISTRATOR, 1)
            return registry.find("member-list").build(session, reader, datetime.now())
    finally:
        database.close(backup=False)


def ours(path: Path, out: Path) -> float:
    """Seconds to read the members and write the PDF, as `mutualdesk report` does."""
    from app.reports import render

    started = time.perf_counter()
    render.write_pdf(_report(path), out)
    return time.perf_counter() - started


def reference(path: Path, out: Path) -> float:
    """Seconds for bare ReportLab to lay out the same rows (read beforehand, not timed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table

    from app.reports.pdf import document
    from app.reports.pdf.table import column_widths
    from app.services.common.reports import cell_text

    report: Any = _report(path)
    style = document.styles()
    widths = column_widths(report, style["cell"], style["head"], A4[0] - 36 * mm)
    header = [c.heading for c in report.columns]
    kinds = [c.kind for c in report.columns]
    rows = [[cell_text(v, k) for v, k in zip(row, kinds, strict=True)] for row in report.rows]
    started = time.perf_counter()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm)
    story = [
        Table([header, *rows[i : i + 40]], colWidths=widths, repeatRows=1)
        for i in range(0, len(rows), 40)
    ]
    doc.build(story)
    return time.perf_counter() - started


def child(which: str, path: Path) -> None:
    """Run one and print its seconds and peak memory as JSON."""
    import resource

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        took = (ours if which == "ours" else reference)(path, out)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the PDF's making
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(out)))
        print(json.dumps({"seconds": took, "pages": pages, "peak_mb": peak_mb}))


def _run(which: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", which, "--db", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> int:
    """Print, for each size, our figures and the reference's, and the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["ours", "reference"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, Path(options.db))
        return 0
    sizes = [int(n) for n in options.members.split(",")]
    medians: dict[int, float] = {}
    peaks: dict[int, float] = {}
    for size in sizes:
        db = Path(tempfile.gettempdir()) / f"mutualdesk-bench-{size}.sqlite"
        make_demo(db, size)
        mine, bare = [], []
        for _ in range(options.runs):  # alternating, so that both see the same machine
            mine.append(_run("ours", db))
            bare.append(_run("reference", db))
        ours_s = statistics.median(r["seconds"] for r in mine)
        bare_s = statistics.median(r["seconds"] for r in bare)
        pages, bare_pages = mine[0]["pages"], bare[0]["pages"]
        medians[size], peaks[size] = ours_s, max(r["peak_mb"] for r in mine)
        ours_rate, bare_rate = pages / ours_s, bare_pages / bare_s
        print(f"{size:,} members, median of {options.runs}")
        print(f"  ours:      {ours_s:7.2f} s  {pages:7,.0f} pages  {ours_rate:6.1f} pages/s  "
              f"peak {peaks[size]:5.0f} MB")  # fmt: skip
        print(f"  reference: {bare_s:7.2f} s  {bare_pages:7,.0f} pages  {bare_rate:6.1f} pages/s"
              "  (bare ReportLab, the same rows as plain tables)")  # fmt: skip
        print(f"  ratio: our pages per second are {ours_rate / bare_rate:.2f} x the reference's")
    ok = all(peaks[s] < MEMORY_LIMIT_MB for s in sizes)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        times = medians[large] / medians[small]
        print(f"{large:,} members took {times:.1f} x the time of {small:,} "
              f"({large / small:.0f} x the rows; target <= {TIMES_LIMIT:.0f} x)")  # fmt: skip
        ok = ok and times <= TIMES_LIMIT
    print(f"peak memory target: under {MEMORY_LIMIT_MB:.0f} MB")
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
