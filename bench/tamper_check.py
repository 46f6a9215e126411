"""`check` on an audit trail of 100,000 entries: the chain, every row's seal, the anchor.

Target (issue 15): the audit page's check of 100,000 audit rows takes seconds. The
file is the 1,000-member demo with 100,000 entries added to its trail (each sealing
a member's row, as a year of busy office work would), written straight into the file
with the program's own hash rule. Printed beside our figure, from the same run: the
reference, the stdlib sqlite3 driver reading every entry and hashing it with SHA-256
(the floor any check of the chain could reach), and the ratio. Medians of three
runs, because this machine is shared and noisy.

Usage: python bench/tamper_check.py
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENTRIES = 100_000
MEMBERS = 1_000


def build(folder: Path) -> Path:
    """The demo, then 100,000 entries chained after its own, each sealing one member."""
    os.environ["MUTUALDESK_HOME"] = str(folder / "home")
    from app.services.demo import create_demo
    from app.storage import seals
    from app.storage.audit_chain import hash_fields
    from app.storage.database import open_database

    path = folder / "busy.sqlite"
    db = open_database(path, daily_backup=False)
    with db.sessions.begin() as session:
        create_demo(session, members=MEMBERS, seed=4, board=False)
    with db.sessions() as session:
        from app.models import Member

        digests = dict(seals.current_digests(session, Member.__table__))  # type: ignore[arg-type]
    db.close(backup=False)
    with sqlite3.connect(path) as conn:
        previous = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        rows = []
        keys = sorted(digests, key=int)
        for n in range(ENTRIES):
            key = keys[n % len(keys)]
            fields = (
                f"2026-06-01T09:{n // 6000 % 60:02d}:{n // 100 % 60:02d}.{n:06d}+00:00",
                1, 1, "admin", "update", "member", key, "", json.dumps({"note": n}),
            )  # fmt: skip
            sealed = f"members\t{key}\t{digests[key]}"
            made = hash_fields(previous, fields, sealed)
            rows.append((*fields, previous, made, sealed))
            previous = made
        conn.executemany(
            "INSERT INTO audit_log (at, organisation_id, user_id, username, action, entity, "
            "entity_id, before, after, prev_hash, hash, seals) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
    from app.storage import anchor

    anchor.forget(path)  # the anchor is written by the program; this file was made by hand
    return path


def reference(path: Path) -> None:
    """Read every entry with the stdlib driver and hash it: the floor of any chain check."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for row in conn.execute("SELECT * FROM audit_log ORDER BY id"):
            hashlib.sha256("\x1f".join(map(str, row)).encode()).hexdigest()
    conn.close()


def ours(path: Path) -> bool:
    from app.services.upkeep.health import check_database

    return check_database(path).ok


def timed(work: object, path: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(path)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = build(Path(tmp))
        print(f"built a trail of {ENTRIES:,} entries more in {time.perf_counter() - started:.1f} s")
        assert ours(path), "the check should pass on an untouched file"
        mine = timed(ours, path)
        floor = timed(reference, path)
        print(f"check (chain, seals, anchor, integrity):  {mine:6.2f} s   target: seconds")
        print(f"reference (sqlite3 read + SHA-256 only):  {floor:6.2f} s")
        print(f"ratio: {mine / floor:.1f}x")


if __name__ == "__main__":
    main()
