"""Exporting 100,000 members to .xlsx against XlsxWriter's own constant-memory speed, in the
same run (issue 19).

Ours: the whole `export members` path (one query for the rows, then our
streamed workbook with bold header, £ and date formats, filter, SUM totals).
Reference: XlsxWriter in constant-memory mode writing the same, already-fetched
rows with no formatting; openpyxl's write-only mode is shown for comparison.
Target: ours at most 1.3 x the reference. Medians of three runs each. The
100,000-member demo database is made once (about a minute) and kept, by default in
the system's temporary folder.

Usage: python bench/export_members.py [--members N] [--db FILE] [--runs N]
"""

from __future__ import annotations

import argparse
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


def make_demo(path: Path, members: int) -> None:
    """A demo database of ``members`` members, unless it is already there."""
    from app.services.demo import create_demo
    from app.storage.database import open_database
    from app.storage.unit_of_work import unit_of_work

    if path.exists():  # kept from an earlier run: upgraded, if this version is newer
        open_database(path, purpose="the benchmark", daily_backup=False).close(backup=False)
        return
    started = time.perf_counter()
    database = open_database(path, purpose="the benchmark", daily_backup=False)
    try:
        with unit_of_work(database.sessions) as session:
            create_demo(session, members=members, seed=1)
    finally:
        database.close(backup=False)
    print(f"made {path} with {members:,} members in {time.perf_counter() - started:.0f} s")


def ours(path: Path, out: Path) -> tuple[float, list[tuple[object, ...]]]:
    """Seconds for the full export; and the rows it wrote (for the reference)."""
    from app.reports import registry, render
    from app.services.accounts.roles import Actor, Role
    from app.storage.database import open_database

    database = open_database(path, read_only=True, purpose="the benchmark")
    try:
        reader = Actor(None, "bench", Role.ADMINISTRATOR, 1)
        started = time.perf_counter()
        with database.sessions() as session:
            report = registry.find("members").build(session, reader, datetime.now())
        render.write_xlsx(report, out)
        took = time.perf_counter() - started
    finally:
        database.close(backup=False)
    return took, [tuple(c.heading for c in report.columns), *report.rows]


def reference(rows: list[tuple[object, ...]], out: Path) -> float:
    """Seconds for XlsxWriter in constant-memory mode to write ``rows`` as they are."""
    import xlsxwriter

    started = time.perf_counter()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("Members")
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return time.perf_counter() - started


def openpyxl_reference(rows: list[tuple[object, ...]], out: Path) -> float:
    """Seconds for openpyxl write-only to write ``rows`` as they are (for comparison)."""
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    for row in rows:
        sheet.append(row)
    book.save(out)
    return time.perf_counter() - started


def main() -> int:
    """Run the benchmark and print ours, the reference and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    db = options.db or Path(tempfile.gettempdir()) / f"mutualdesk-bench-{options.members}.sqlite"
    make_demo(db, options.members)
    folder = Path(tempfile.mkdtemp(prefix="mutualdesk-export-"))
    ours_times, ref_times, openpyxl_times = [], [], []
    rows: list[tuple[object, ...]] = []
    for run in range(options.runs):  # alternate, so a noisy moment hurts both alike
        took, rows = ours(db, folder / f"ours-{run}.xlsx")
        ours_times.append(took)
        ref_times.append(reference(rows, folder / f"reference-{run}.xlsx"))
        openpyxl_times.append(openpyxl_reference(rows, folder / f"openpyxl-{run}.xlsx"))
    mine, theirs = statistics.median(ours_times), statistics.median(ref_times)
    other = statistics.median(openpyxl_times)

    def runs(times: list[float]) -> str:
        return ", ".join(f"{t:.2f}" for t in times)

    print(f"rows written:                 {len(rows) - 1:,}")
    print(f"ours (query + styled export): {mine:.2f} s  (runs: {runs(ours_times)})")
    print(f"reference (XlsxWriter, constant memory, the rows already fetched): {theirs:.2f} s  "
          f"(runs: {runs(ref_times)})")  # fmt: skip
    print(f"ratio:                        {mine / theirs:.2f} (target at most 1.30)")
    print(f"for comparison, openpyxl write-only: {other:.2f} s "
          f"(ours is {mine / other:.2f} x it)")  # fmt: skip
    return 0 if mine / theirs <= 1.3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
