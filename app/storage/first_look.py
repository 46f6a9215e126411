"""The file read with the standard library, before SQLAlchemy is imported.

The desktop app shows its sign-in window and then the register's first page from
these reads, and imports SQLAlchemy only after that page has painted (issue 19):
importing it takes longer than everything else start-up does. Each query here says
what the SQLAlchemy statement it stands for is; a test runs both on the same files
and compares what they return (``tests/services/test_first_look.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.storage import sqlite_file

# The columns member_query.page_rows reads, in its order.
_PAGE_COLUMNS = (
    "m.id, m.membership_number, m.title, m.given_name, m.family_name, m.postcode, c.name, "
    "m.joined_on, m.left_on, m.email, m.mobile, m.phone, m.address, h.shares"
)


def _as_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _one(conn: sqlite3.Connection, sql: str, values: tuple[Any, ...]) -> dict[str, Any] | None:
    conn.row_factory = sqlite3.Row
    row = conn.execute(sql, values).fetchone()
    return None if row is None else dict(row)


def organisation_names(path: Path) -> list[str]:
    """Every organisation's name, oldest first (``organisation.list_all``)."""
    with sqlite_file.connect(path) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM organisations ORDER BY id")]


def user(path: Path, username: str) -> dict[str, Any] | None:
    """The account signing in as ``username`` (``auth.sign_in``'s lookup: SQLite's
    ``lower`` on both sides), with its password hash; None if there is none."""
    with sqlite_file.connect(path) as conn:
        return _one(
            conn,
            "SELECT id, organisation_id, username, full_name, role, active, "
            "must_change_password, failed_attempts, last_failed_at, password_hash "
            "FROM users WHERE lower(username) = ? LIMIT 1",
            (username.strip().lower(),),
        )


def organisation(path: Path, organisation_id: int) -> dict[str, Any]:
    """The organisation's row, by column name (``organisation.get``)."""
    with sqlite_file.connect(path) as conn:
        found = _one(conn, "SELECT * FROM organisations WHERE id = ?", (organisation_id,))
    if found is None:
        raise LookupError(f"no organisation {organisation_id}")
    found["founded_on"] = _as_date(found["founded_on"])
    return found


def register(
    path: Path, organisation_id: int, page_size: int
) -> tuple[list[int], list[tuple[Any, ...]], int, int]:
    """The register as the Members page first shows it, read in one transaction.

    Returns the ids in name order (``member_query.member_ids`` with no filter), the
    first ``page_size`` of them as ``member_query.page_rows`` reads them, and the
    numbers of current and former members (``members_summary.summary``).
    """
    with sqlite_file.connect(path) as conn:
        conn.execute("BEGIN")
        ids = [
            member_id
            for (member_id,) in conn.execute(
                "SELECT id FROM members WHERE organisation_id = ? AND merged_into_id IS NULL "
                "ORDER BY family_name, given_name, id",
                (organisation_id,),
            )
        ]
        rows = _page(conn, ids[:page_size])
        counts = dict(
            conn.execute(
                "SELECT left_on IS NULL, count(*) FROM members WHERE organisation_id = ? "
                "GROUP BY left_on IS NULL",
                (organisation_id,),
            ).fetchall()
        )
        conn.execute("COMMIT")
    return ids, rows, int(counts.get(1, 0)), int(counts.get(0, 0))


def _page(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    found = {
        values[0]: (*values[:7], _as_date(values[7]), _as_date(values[8]), *values[9:])
        for values in conn.execute(
            f"SELECT {_PAGE_COLUMNS} FROM members AS m "
            "JOIN member_categories AS c ON c.id = m.category_id "
            "LEFT OUTER JOIN (SELECT member_id, sum(shares) AS shares FROM share_transactions "
            f"WHERE member_id IN ({marks}) GROUP BY member_id) AS h ON h.member_id = m.id "
            f"WHERE m.id IN ({marks})",
            (*ids, *ids),
        )
    }
    return [found[i] for i in ids if i in found]
