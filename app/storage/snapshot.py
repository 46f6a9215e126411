"""One consistent view of the database for a long read (a centre moved out, say).

On a server, other people write meanwhile: reading table after table in separate
snapshots could copy a child row without its parent. ``snapshot`` makes the session's
transaction see the database as it stood at its first statement. A file's reader holds
its own transaction on a file that one writer changes at a time, so needs nothing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def snapshot(session: Session) -> None:
    """See one moment's database for the rest of this session's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
