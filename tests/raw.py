"""SQL straight at a test's database, behind the program's back (to read what is stored
or to tamper on purpose), whether it is a file or a database on a server."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def sql(target: Path | str, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one statement (``?`` for each parameter) and commit; the rows it returned."""
    if isinstance(target, str) and target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)  # type: ignore[arg-type]
            rows = cursor.fetchall() if cursor.description else []
        return [tuple(r) for r in rows]
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(target)) as conn, conn:
        return [tuple(r) for r in conn.execute(statement, params).fetchall()]
