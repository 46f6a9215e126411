"""The planner's figures after many rows are written at once.

A server plans each query from what it last counted in each table. Rows written in
bulk (a demo, an import, a centre moved in) are not counted until its autovacuum comes
round, and a query in the same unit of work is planned as if the tables were empty:
counting the eligible members of 5,000 took seconds instead of milliseconds. ``ANALYZE``
counts them now; on a server it may run inside the unit of work and sees its own rows.
SQLite plans from its indexes alone and needs nothing here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session


def refresh(session: Session, tables: Iterable[str]) -> None:
    """Count ``tables`` again for the planner (on a server)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in tables:
        session.execute(text(f'ANALYZE "{name}"'))
