"""A child process that writes through the services, for the reliability tests.

python -m tests.reliability.writer crash DB      # write forever, report each commit
python -m tests.reliability.writer fill DB LIMIT # one big write under a file-size limit
"""

from __future__ import annotations

import resource
import signal
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.errors import EnvironmentProblem
from app.models import Member
from app.services.accounts import audit, auth
from app.services.membership import categories, members
from app.storage.database import open_database
from app.storage.unit_of_work import unit_of_work


def _admin(database: object) -> auth.UserInfo:
    with database.sessions() as session:  # type: ignore[attr-defined]
        return next(u for u in auth.list_users(session) if u.username == "admin")


def crash(path: Path) -> None:
    """Add a member and its audit row per unit of work; print each number once committed."""
    database = open_database(path, daily_backup=False)
    actor = _admin(database).actor
    with database.sessions() as session:
        number = int(session.scalar(select(func.max(Member.membership_number))) or 0)
        category = categories.default_category(session, actor.organisation_id).id
    while True:
        number += 1
        with unit_of_work(database.sessions) as session:
            members.add_member(
                session,
                actor,
                members.MemberDetails(
                    given_name="Crash",
                    family_name=f"Test {number}",
                    category_id=category,
                    membership_number=number,
                    joined_on=date(2026, 11, 24),
                ),
            )
        print(f"committed {number}", flush=True)


def fill(path: Path, limit: int) -> int:
    """Try one large write with the files capped at ``limit`` bytes; report the message."""
    database = open_database(path, daily_backup=False)
    actor = _admin(database).actor
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        with unit_of_work(database.sessions) as session:
            category = categories.default_category(session, actor.organisation_id).id
            for number in range(100_000, 130_000):
                session.add(
                    Member(
                        organisation_id=actor.organisation_id,
                        membership_number=number,
                        given_name="Disk",
                        family_name="Full " * 10,
                        category_id=category,
                        joined_on=date(2026, 11, 24),
                    )
                )
            audit.record(session, actor, "create", "member", "bulk")
    except EnvironmentProblem as exc:
        print(exc.message, flush=True)
        return 3
    print("wrote everything", flush=True)
    return 0


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "crash":
        crash(db)
    else:
        raise SystemExit(fill(db, int(sys.argv[3])))
