"""Centres sharing one database never see each other's records: every table report, built
as one centre's administrator, holds nothing of another centre's (a member, a payee, a
meeting and a supplier planted in the first centre under a name found nowhere else)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.models import MemberCategory
from app.reports import registry
from app.services.accounts import auth
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD, create_demo
from app.services.finance import registers
from app.services.finance.registers import OwedDetails
from app.services.membership import members
from app.services.membership.records import MemberDetails
from app.storage.database import open_database

MARK = "Quixleak"


@pytest.fixture(scope="module")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two centres in one file, the first with the planted name everywhere it can be."""
    path = Path(tmp_path_factory.mktemp("federation")) / "two.sqlite"
    db = open_database(path, daily_backup=False)
    for centre in (0, 1):
        with db.sessions.begin() as session:
            create_demo(session, members=30, seed=11 + centre, finance=True, centre=centre)
    first = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
    with db.sessions.begin() as session:
        category = session.scalars(
            select(MemberCategory.id).where(MemberCategory.organisation_id == 1)
        ).first()
        assert category is not None
        members.add_member(
            session, first,
            MemberDetails("Ada", MARK, category, joined_on=date(2020, 1, 1)),
        )  # fmt: skip
        registers.save_owed(
            session, first,
            OwedDetails("creditor", f"{MARK} Ltd", f"{MARK} invoice", 100, date(2026, 4, 2)),
        )  # fmt: skip
    yield db
    db.close(backup=False)


TABLES = [spec for spec in registry.ALL_REPORTS.values() if isinstance(spec, registry.ReportSpec)]


@pytest.mark.parametrize("spec", TABLES, ids=[s.name.value for s in TABLES])
def test_a_table_for_one_centre_holds_nothing_of_another(federation: Any, spec: Any) -> None:
    second = auth.sign_in(federation.sessions, "millmead-admin", DEMO_PASSWORD).actor
    first = auth.sign_in(federation.sessions, "admin", DEMO_PASSWORD).actor
    options = ReportOptions(year=2025)
    with federation.sessions() as session:
        try:
            mine = spec.build(session, first, datetime(2026, 12, 1), options)
        except Exception as error:  # a report that needs a choice (an election, a meeting)
            pytest.skip(f"{spec.name.value} needs more than a year: {error}")
        theirs = spec.build(session, second, datetime(2026, 12, 1), options)
    assert MARK not in repr(theirs.rows), spec.name.value
    if spec.name.value in ("member-list", "register", "creditors"):
        assert MARK in repr(mine.rows)  # the planted name is there to be found


def test_a_centres_administrator_cannot_reset_the_federations_password(
    tmp_path: Path,
) -> None:
    from app.errors import PermissionDenied, UserError
    from app.services.demo import add_federation_user

    db = open_database(tmp_path / "two.sqlite", daily_backup=False)
    try:
        for centre in (0, 1):
            with db.sessions.begin() as session:
                create_demo(session, members=5, seed=3, board=False, centre=centre)
        with db.sessions.begin() as session:
            add_federation_user(session, 1)
        first = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
        users = {u.username: u.id for u in auth_users(db)}
        with pytest.raises(PermissionDenied), db.sessions.begin() as session:
            auth.reset_password(session, first, users["federation"], "a-new-temporary-1")
        other = users["millmead-admin"]
        with (
            pytest.raises(UserError, match="not one of this organisation"),
            db.sessions.begin() as session,
        ):
            auth.reset_password(session, first, other, "a-new-temporary-1")
    finally:
        db.close(backup=False)


def auth_users(db: Any) -> list[Any]:
    with db.sessions() as session:
        return auth.list_users(session)
