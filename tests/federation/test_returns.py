"""The offline centre's return: signed on the centre's file, imported by the federation
once however often it is sent, counted in the roll-up, and refused when altered, signed
for another federation, or brought in by someone who is not the federation's."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.errors import PermissionDenied, UserError
from app.services.accounts import auth
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD, add_federation_user, create_demo
from app.services.federation import export_return, import_return, make_key, rollup
from app.storage.database import open_database

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A centre on its own file, and the federation's database with two centres."""
    folder = Path(tmp_path_factory.mktemp("returns"))
    centre = open_database(folder / "centre.sqlite", daily_backup=False)
    with centre.sessions.begin() as session:
        create_demo(session, members=20, seed=31, finance=True, today=TODAY)
    federation = open_database(folder / "federation.sqlite", daily_backup=False)
    for n in (0, 1):
        with federation.sessions.begin() as session:
            create_demo(session, members=15, seed=40 + n, board=False, centre=n + 1)
    with federation.sessions.begin() as session:
        add_federation_user(session, 1)
    yield centre, federation
    centre.close(backup=False)
    federation.close(backup=False)


def _signed(centre: Any, key: Any, quarter: int = 2) -> str:
    admin = auth.sign_in(centre.sessions, "admin", DEMO_PASSWORD).actor
    with centre.sessions() as session:
        return export_return(session, admin, key, 2025, quarter, TODAY)


def test_a_return_counts_once_however_often_it_is_imported(files: Any) -> None:
    centre, federation = files
    key = make_key("South London Federation")
    text = _signed(centre, key)
    office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
    outcomes = []
    for _ in range(2):
        with federation.sessions.begin() as session:
            outcomes.append(import_return(session, office, text, key).outcome)
    assert outcomes == ["added", "unchanged"]
    with federation.sessions() as session:
        found = rollup(session, office, datetime(2026, 12, 1), ReportOptions(year=2025, quarter=2))
    names = [c.name for c in found.centres]
    assert names.count("Riverside Tenant Management Organisation (return)") == 1
    assert len(names) == 3
    sent = json.loads(json.loads(text)["body"])["figures"]
    assert found.total("members_at_end") == sum(c.members_at_end for c in found.centres)
    assert sent["members_at_end"] in [c.members_at_end for c in found.centres]
    with federation.sessions() as session:  # a centre's own people see no returns
        theirs = rollup(
            session,
            auth.sign_in(federation.sessions, "millmead-viewer", DEMO_PASSWORD).actor,
            datetime(2026, 12, 1),
            ReportOptions(year=2025, quarter=2),
        )
    assert [c.name for c in theirs.centres] == ["Millmead Children's Centre"]


def test_an_altered_or_foreign_return_or_a_centres_user_is_refused(files: Any) -> None:
    centre, federation = files
    key = make_key("South London Federation")
    text = _signed(centre, key, quarter=3)
    outer = json.loads(text)
    body = json.loads(outer["body"])
    body["figures"]["joined"] += 5
    altered = json.dumps(
        {"body": json.dumps(body, sort_keys=True), "signature": outer["signature"]}
    )
    office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
    centre_admin = auth.sign_in(federation.sessions, "millmead-admin", DEMO_PASSWORD).actor

    def take(actor: Any, text: str, key: Any) -> None:
        with federation.sessions.begin() as session:
            import_return(session, actor, text, key)

    with pytest.raises(UserError, match="changed after the centre signed it"):
        take(office, altered, key)
    with pytest.raises(UserError, match="made for another federation"):
        take(office, text, make_key("Another Federation"))
    with pytest.raises(PermissionDenied):
        take(centre_admin, text, key)
    with pytest.raises(UserError, match="not a centre's return"):
        take(office, "Minutes of the AGM", key)
