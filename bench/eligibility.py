"""Who may vote, for every member of a 100,000-member register: our rules applied to
the whole set at once (eligibility.why_not: four queries, then each member judged with
the reason why not), against the same rule as one SQL query (eligible_clause), and the
old way, one member at a time (eligibility.eligible), timed on a sample and scaled up.
Both whole-set ways must find the same members.

Usage: python bench/eligibility.py [--members N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MUTUALDESK_HOME", tempfile.mkdtemp(prefix="mutualdesk-bench-"))

from bench.export_members import make_demo  # noqa: E402

SAMPLE = 2_000  # members judged one at a time, to scale up


def main() -> int:
    """Print each way's median seconds and the ratios."""
    from sqlalchemy import select

    from app.models import Member
    from app.services.membership.eligibility import eligible, eligible_clause, rules_for, why_not
    from app.storage.database import open_database

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"mutualdesk-bench-{options.members}.sqlite"
    make_demo(path, options.members)
    on = date(2026, 3, 1)
    database = open_database(path, read_only=True, purpose="the benchmark")
    ours, sql, one_by_one = [], [], []
    try:
        with database.sessions() as session:
            for _ in range(options.runs):
                started = time.perf_counter()
                verdicts = why_not(session, 1, on)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                clause = eligible_clause(rules_for(session, 1), 1, on)
                by_sql = set(session.scalars(select(Member.id).where(clause)))
                sql.append(time.perf_counter() - started)
            ids = sorted(verdicts)[:SAMPLE]
            started = time.perf_counter()
            for member_id in ids:
                eligible(session, member_id, on)
            one_by_one.append((time.perf_counter() - started) * len(verdicts) / len(ids))
    finally:
        database.close(backup=False)
    by_rules = {m for m, v in verdicts.items() if v.eligible}
    if by_rules != by_sql:
        print(f"DISAGREE: {len(by_rules ^ by_sql):,} members judged differently")
        return 1
    a, b, c = (statistics.median(x) for x in (ours, sql, one_by_one))
    print(f"eligibility on {on:%d/%m/%Y}, {len(verdicts):,} current members, "
          f"{len(by_rules):,} may vote; median of {options.runs}")  # fmt: skip
    print(f"  the whole set, with reasons (ours)   {a:7.2f} s")
    print(f"  the same rule as one SQL query       {b:7.2f} s   ours is {a / b:.1f} x")
    print(f"  one member at a time (scaled up)     {c:7.2f} s   {c / a:.0f} x ours")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
