"""The member list of 10,000 members as PDF: seconds, pages and pages per second.

The demo database is made once and kept in the system's temporary folder.

Usage: python bench/member_list_pdf.py [--members N] [--runs N]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MUTUALDESK_HOME", tempfile.mkdtemp(prefix="mutualdesk-bench-"))

from bench.export_members import make_demo  # noqa: E402


def one_run(path: Path) -> tuple[float, int]:
    """Seconds to build and render the member list; and its pages."""
    import pypdfium2 as pdfium

    from app.reports import registry, render
    from app.services.accounts.roles import Actor, Role
    from app.storage.database import open_database

    database = open_database(path, read_only=True, purpose="the benchmark")
    out = io.BytesIO()
    try:
        reader = Actor(None, "bench", Role.ADMINISTRATOR, 1)
        started = time.perf_counter()
        with database.sessions() as session:
            report = registry.find("member-list").build(session, reader, datetime.now())
        render.write_pdf(report, out)
        took = time.perf_counter() - started
    finally:
        database.close(backup=False)
    return took, len(pdfium.PdfDocument(out.getvalue()))


def main() -> int:
    """Print the median time, the pages and pages per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    db = Path(tempfile.gettempdir()) / f"mutualdesk-bench-{options.members}.sqlite"
    make_demo(db, options.members)
    times, pages = [], 0
    for _ in range(options.runs):
        took, pages = one_run(db)
        times.append(took)
    median = statistics.median(times)
    print(f"members:         {options.members:,}")
    print(f"pages:           {pages:,}")
    print(f"seconds:         {median:.2f} (median of {options.runs})")
    print(f"pages per second: {pages / median:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
