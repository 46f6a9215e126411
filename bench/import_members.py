"""Importing 100,000 members from CSV against csv.reader + one executemany, in the same run.

Ours: ``run_import`` on a copy of a small demo database (read, check every row
with the member form's rules, look for duplicates, insert members and their
periods of membership, one audit row, commit). The reference, timed on another
fresh copy: ``csv.reader`` over the same file and one ``sqlite3`` executemany
into a table with the same columns and the same indexes as ``members``, then
commit. A second reference line uses the same table without its indexes.
Target: ours at most 3x the reference. Medians of several runs, fresh copy each.

Usage: python bench/import_members.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

HEADINGS = [
    "Membership No",
    "Title",
    "First name",
    "Surname",
    "Address 1",
    "Address 2",
    "Town",
    "Post Code",
    "Email",
    "Tel",
    "Mobile",
    "Date of birth",
    "Date Joined",
    "Membership Type",
    "Notes",
]
GIVEN = ("Zoë", "Siobhán", "Mohammed", "Olivia", "Jack", "Fatima", "Kwame", "Agnieszka", "Chloé")
GIVEN += ("Sean", "Isla", "Yusuf", "Grace", "Mei", "Tomasz", "Niamh", "Ifeoma", "José", "Ravi")
FAMILY = ("Wróbel", "Ní Bhriain", "Yılmaz", "Nguyễn", "Smith", "Jones", "Khan", "Patel")
FAMILY += ("Okafor", "O'Connor", "Williams", "Ahmed", "Mensah", "Begum", "Müller", "Chen")
STREETS = ("Riverside Walk", "Canal Street", "Wharf Road", "Bermondsey Court", "Tabard Gardens")
AREAS = ("SE1", "SE5", "SE15", "SW9", "N1", "E8", "N15")


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A believable register as an organisation's spreadsheet might hold it."""
    rng = random.Random(seed)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Riverside TMO — register of members"])
        out.writerow([])
        out.writerow(HEADINGS)
        for n in range(1, rows + 1):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            joined = (
                f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(1995, 2026)}"
            )
            born = (
                f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}/{rng.randrange(40, 95)}"
                if rng.random() < 0.5
                else ""
            )
            out.writerow(
                [
                    n + 100,
                    rng.choice(("", "Ms", "Mr", "Mrs", "Dr")),
                    given,
                    family,
                    f"Flat {rng.randrange(1, 120)}",
                    f"{rng.randrange(1, 90)} {rng.choice(STREETS)}",
                    "London",
                    f"{rng.choice(AREAS)} {rng.randrange(1, 10)}{rng.choice(letters)}"
                    f"{rng.choice(letters)}".lower()
                    if rng.random() < 0.3
                    else f"{rng.choice(AREAS)} {rng.randrange(1, 10)}"
                    f"{rng.choice(letters)}{rng.choice(letters)}",
                    f"member{n}@example.org" if rng.random() < 0.4 else "",
                    f"020 7946 {rng.randrange(10000):04d}" if rng.random() < 0.3 else "",
                    f"7700 9{rng.randrange(100000):05d}" if rng.random() < 0.6 else "",
                    born,
                    joined,
                    rng.choice(("Tenant", "Tenant", "Tenant", "Leaseholder", "tenant", "")),
                    "Needs a ground-floor venue" if rng.random() < 0.05 else "",
                ]
            )


def time_ours(db: Path, source: Path) -> float:
    """Seconds for run_import (reading to commit) on ``db``."""
    from app.services.accounts import auth
    from app.services.membership.member_import import run_import
    from app.storage.database import open_database
    from app.storage.unit_of_work import unit_of_work

    database = open_database(db, daily_backup=False)
    try:
        actor = auth.sign_in(database.sessions, "admin", "mutualdesk").actor
        start = time.perf_counter()
        with unit_of_work(database.sessions) as session:
            summary = run_import(session, actor, source)
        took = time.perf_counter() - start
    finally:
        database.close(backup=False)
    assert summary.applied and not summary.rejected, summary.problems[:5]
    return took


def time_reference(db: Path, source: Path, *, indexes: bool) -> float:
    """Seconds for csv.reader + one executemany into a members-like table, then commit."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous=FULL")
    (ddl,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'members'").fetchone()
    conn.execute(ddl.replace("members", "reference_members", 1))
    if indexes:
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'members' AND type = 'index' "
            "AND sql IS NOT NULL"
        ).fetchall():
            conn.execute(
                sql.replace(" ix_", " ref_ix_", 1).replace(" members ", " reference_members ")
            )
    conn.commit()
    columns = (
        "organisation_id, membership_number, title, given_name, family_name, preferred_name, "
        "address, postcode, email, email_purpose, phone, mobile, category_id, household_ref, "
        "admitted_by, leaving_reason, large_print, interpreter_language, other_property, notes, "
        "search_text, created_at, date_of_birth, joined_on"
    )
    start = time.perf_counter()
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        for _ in range(3):
            next(reader)
        rows = [
            (
                1,
                int(r[0]),
                r[1],
                r[2],
                r[3],
                "",
                f"{r[4]}\n{r[5]}\n{r[6]}",
                r[7],
                r[8],
                "",
                r[9],
                r[10],
                1,
                "",
                "",
                "",
                0,
                "",
                "",
                r[14],
                "",
                "",
                r[11],
                r[12],
            )
            for r in reader
        ]
    conn.executemany(
        f"INSERT INTO reference_members ({columns}) VALUES ({', '.join('?' * 24)})", rows
    )
    conn.commit()
    took = time.perf_counter() - start
    conn.close()
    return took


def main() -> int:
    """Run the benchmark and print ours, the reference and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mutualdesk-bench-"))
    os.environ["MUTUALDESK_HOME"] = str(home / "home")
    template = home / "template.sqlite"
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(template), "--members", "10"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
    )
    source = home / "members.csv"
    make_csv(source, options.rows)
    ours, reference, plain = [], [], []
    for run in range(options.runs):
        for times, work in (
            (ours, lambda db: time_ours(db, source)),
            (reference, lambda db: time_reference(db, source, indexes=True)),
            (plain, lambda db: time_reference(db, source, indexes=False)),
        ):
            db = home / f"run{run}-{len(times)}-{id(times)}.sqlite"
            shutil.copy(template, db)
            times.append(work(db))
    a, r, p = (statistics.median(x) for x in (ours, reference, plain))
    size = source.stat().st_size / 1e6
    print(
        f"import {options.rows:,} members from CSV ({size:.1f} MB), median of {options.runs} runs"
    )
    print(f"  MutualDesk run_import                          {a * 1000:7.0f} ms")
    print(
        f"  reference: csv.reader + executemany (indexed)  {r * 1000:7.0f} ms   "
        f"ratio {a / r:4.2f}  (target <= 3.0)"
    )
    print(
        f"  reference: the same without indexes            {p * 1000:7.0f} ms   ratio {a / p:4.2f}"
    )
    ok = a / r <= 3.0
    print("  target met" if ok else "  TARGET MISSED")
    shutil.rmtree(home, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
