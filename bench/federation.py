"""A federation on the local PostgreSQL server: 20 centres of 5,000 members each.

Three figures, each against the same question put to the server in bare psycopg from
the same run (the floor any program could reach), as a ratio:

- the Members page of one centre (signed in as its administrator): opening it until its
  first rows are painted; against the ids of that centre's members in name order;
- a search keystroke on that page; against the same ``LIKE`` on the search column;
- the roll-up report (`report federation`: every centre's figures for a year, and the
  PDF); against one grouped query per figure (members at the year's end, joined, left,
  receipts, payments, meetings held), per centre.

The server is `make server`'s (started here if it is not running) and the federation is
made once in the database ``bench_federation`` (about ten minutes) and kept. Medians,
because this machine is shared and noisy.

Usage: python bench/federation.py [--url URL] [--centres 20] [--members 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

KEYSTROKES = ("a", "ah", "ahm", "s", "se", "se1", "0", "07", "w", "wi", "wil")
PASSWORD = "mutualdesk"


def _ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def _federation(url: str | None, centres: int, members: int) -> str:
    """The address of a federation of ``centres`` × ``members``, made if it is missing."""
    import pg_server
    import psycopg

    if url is None:
        server = pg_server.start()
        url = pg_server.create_database(server, "bench_federation")
    with psycopg.connect(url) as conn:
        try:
            found = conn.execute("SELECT count(*) FROM organisations").fetchone()
        except psycopg.errors.UndefinedTable:
            found = (0,)
    if found is not None and found[0] >= centres:
        return url
    if found and found[0]:
        raise SystemExit(f"{url} holds {found[0]} centres, not {centres}: drop it and run again.")
    print(f"making {centres} centres of {members:,} members at {url} (once; ~{centres // 2} min)")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", url, "--centres", str(centres),
         "--members", str(members)],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    print(f"  made in {time.perf_counter() - started:.0f} s")
    return url


def _reference_page(url: str, org: int, pattern: str | None) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        where, args = "organisation_id = %s AND merged_into_id IS NULL", [org]
        if pattern:
            where += " AND search_text LIKE %s"
            args.append(f"%{pattern}%")
        query = f"SELECT id FROM members WHERE {where} ORDER BY family_name, given_name, id"
        return _ms(lambda: conn.execute(query, args).fetchall())  # type: ignore[arg-type]


ROLLUP_SQL = (
    "SELECT m.organisation_id, count(*) FROM membership_periods p JOIN members m "
    "ON m.id = p.member_id WHERE p.joined_on <= %(end)s AND (p.left_on IS NULL OR "
    "p.left_on > %(end)s) GROUP BY 1",
    "SELECT m.organisation_id, count(*) FROM membership_periods p JOIN members m "
    "ON m.id = p.member_id WHERE p.joined_on BETWEEN %(start)s AND %(end)s GROUP BY 1",
    "SELECT m.organisation_id, count(*) FROM membership_periods p JOIN members m "
    "ON m.id = p.member_id WHERE p.left_on BETWEEN %(start)s AND %(end)s GROUP BY 1",
    "SELECT organisation_id, kind, sum(amount_pence) FROM cash_entries "
    "WHERE dated BETWEEN %(start)s AND %(end)s GROUP BY 1, 2",
    "SELECT organisation_id, count(*) FROM meetings WHERE held_on BETWEEN %(start)s AND "
    "%(end)s GROUP BY 1",
)


def _reference_rollup(url: str, year: int) -> float:
    import psycopg

    span = {"start": date(year, 4, 1), "end": date(year + 1, 3, 31)}
    with psycopg.connect(url) as conn:
        return _ms(lambda: [conn.execute(sql, span).fetchall() for sql in ROLLUP_SQL])


def main() -> int:
    """Measure; print ours, the reference and the ratio for each figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a server's database to use (default: make server's)")
    parser.add_argument("--centres", type=int, default=20)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    url = _federation(options.url, options.centres, options.members)
    folder = Path(tempfile.mkdtemp(prefix="mutualdesk-bench-"))
    os.environ["MUTUALDESK_HOME"] = str(folder / "home")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.reports.pdf import federation as federation_pdf
    from app.services import organisation
    from app.services.accounts import auth
    from app.services.common.report_options import ReportOptions
    from app.services.federation import rollup
    from app.storage.database import open_server
    from app.ui.context import PageContext
    from app.ui.ops import ChangeBus, OpRunner
    from bench.members_page import measure_page

    app = QApplication.instance() or QApplication([])
    database = open_server(url)
    user = auth.sign_in(database.sessions, "millmead-admin", PASSWORD)
    with database.sessions() as session:
        org = organisation.get(session, user.organisation_id)
        centres = sum(1 for o in organisation.list_all(session) if o.kind != "federation")
    bus = ChangeBus()
    runner = OpRunner(database.sessions, bus)
    state = QSettings(str(folder / "state.ini"), QSettings.Format.IniFormat)
    ctx = PageContext(runner, bus, user, org, database.file, state)

    opening, page, keystrokes = measure_page(app, ctx, options.runs, KEYSTROKES, 2)
    rows = page.model.rowCount()

    office = auth.sign_in(database.sessions, "federation", PASSWORD).actor
    now = datetime.now()
    year = now.year - 1 if now.month >= 4 else now.year - 2  # the last complete year

    def report() -> None:
        with database.sessions() as session:
            data = rollup(session, office, now, ReportOptions(year=year))
        federation_pdf.write(data, folder / "federation.pdf")

    rolling = [_ms(report) for _ in range(options.runs)]
    assert org.id is not None
    figures = (
        ("Members page: first rows", statistics.median(opening),
         statistics.median(_reference_page(url, org.id, None) for _ in range(options.runs))),
        ("Members page: a keystroke", statistics.median(keystrokes),
         statistics.median(_reference_page(url, org.id, t) for t in KEYSTROKES)),
        ("roll-up report (PDF)", statistics.median(rolling),
         statistics.median(_reference_rollup(url, year) for _ in range(options.runs))),
    )  # fmt: skip
    print(f"Federation on PostgreSQL: {centres} centres; {org.name}: {rows:,} members; medians")
    print(f"  {'':28} {'ours':>9} {'reference':>10} {'ours/ref':>9}")
    for label, ours, reference in figures:
        print(f"  {label:28} {ours:7.0f}ms {reference:8.1f}ms {ours / reference:8.1f}x")
    print("  reference: the same question asked of the server in bare psycopg (ids in name")
    print("  order; the same LIKE; one grouped query per roll-up figure, every centre at once)")
    database.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
