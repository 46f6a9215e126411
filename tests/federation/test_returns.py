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
from app.services.accounts.roles import SYSTEM, Role
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD, add_federation_user, create_demo
from app.services.federation import centre_key, export_return, import_return, make_key, rollup
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
        auth.add_user(
            session, SYSTEM, username="onlooker", full_name="Federation Onlooker",
            role=Role.FEDERATION_VIEWER, password=DEMO_PASSWORD, organisation_id=1,
        )  # fmt: skip
    yield centre, federation
    centre.close(backup=False)
    federation.close(backup=False)


RIVERSIDE = "Riverside Tenant Management Organisation"


def _signed(centre: Any, key: Any, quarter: int = 2, as_centre: str = RIVERSIDE) -> str:
    admin = auth.sign_in(centre.sessions, "admin", DEMO_PASSWORD).actor
    with centre.sessions() as session:
        return export_return(session, admin, centre_key(key, as_centre), 2025, quarter, TODAY)


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
    onlooker = auth.sign_in(federation.sessions, "onlooker", DEMO_PASSWORD).actor
    with pytest.raises(PermissionDenied, match="administrator or treasurer"):
        take(onlooker, text, key)
    with pytest.raises(UserError, match="not a centre's return"):
        take(office, "Minutes of the AGM", key)


def test_a_centre_signs_its_own_returns_only(files: Any) -> None:
    """Millmead's key cannot sign a return in Riverside's name, nor the federation's own
    key a centre's return; the federation checks with its own key only."""
    centre, federation = files
    key = make_key("South London Federation")
    with pytest.raises(UserError, match="not Riverside"):
        _signed(centre, key, as_centre="Millmead Children's Centre")
    admin = auth.sign_in(centre.sessions, "admin", DEMO_PASSWORD).actor
    with centre.sessions() as session, pytest.raises(UserError, match="federation's own key"):
        export_return(session, admin, key, 2025, 2, TODAY)
    # a centre that edits the name in its own signed return is found out
    millmead = centre_key(key, "Millmead Children's Centre")
    outer = json.loads(_signed(centre, key))
    body = json.loads(outer["body"])
    body["centre"] = "Millmead Children's Centre"
    forged_body = json.dumps(body, sort_keys=True)
    import hashlib
    import hmac

    forged = json.dumps({"body": forged_body, "signature": hmac.new(
        bytes.fromhex(centre_key(key, RIVERSIDE).secret), forged_body.encode(), hashlib.sha256
    ).hexdigest()})  # fmt: skip
    office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
    with federation.sessions.begin() as session, pytest.raises(UserError, match="another centre"):
        import_return(session, office, forged, key)
    with federation.sessions.begin() as session, pytest.raises(UserError, match="federation's own"):
        import_return(session, office, _signed(centre, key), millmead)


def test_a_return_counts_once_per_centre_and_an_older_one_does_not_replace_a_later(
    files: Any,
) -> None:
    """One centre's key cannot add returns under other registration numbers or another
    centre's name in its figures; a return made before the one held is refused."""
    centre, federation = files
    key = make_key("South London Federation")
    office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
    signer = centre_key(key, RIVERSIDE)

    def signed(change: dict[str, Any], made: str) -> str:
        outer = json.loads(_signed(centre, key, quarter=1))
        body = json.loads(outer["body"])
        figures = change.pop("figures", {})
        body.update(change, made=made)
        body["figures"].update(figures)
        text = json.dumps(body, sort_keys=True)
        import hashlib
        import hmac

        mac = hmac.new(bytes.fromhex(signer.secret), text.encode(), hashlib.sha256).hexdigest()
        return json.dumps({"body": text, "signature": mac})

    outcomes = []
    for n, number in enumerate(("A1", "A2", "A3")):
        with federation.sessions.begin() as session:
            outcomes.append(import_return(
                session, office, signed({"registration_number": number}, f"2026-0{n + 1}-01"), key
            ).outcome)  # fmt: skip
    assert outcomes == ["added", "unchanged", "unchanged"]  # one centre, one return
    with federation.sessions() as session:
        found = rollup(session, office, datetime(2026, 12, 1), ReportOptions(year=2025, quarter=1))
    assert [c.name for c in found.centres].count(f"{RIVERSIDE} (return)") == 1
    older = signed({"figures": {"joined": 99}}, "2025-12-01T00:00:00")
    with federation.sessions.begin() as session, pytest.raises(UserError, match="made before"):
        import_return(session, office, older, key)
    other = signed({"figures": {"name": "Millmead Children's Centre"}}, "2026-05-01")
    with federation.sessions.begin() as session, pytest.raises(UserError, match="not all for"):
        import_return(session, office, other, key)


def test_a_centre_on_the_server_is_counted_from_its_records_not_a_return(files: Any) -> None:
    """A return in the name of a centre that works in the federation's database is refused
    (it would be counted twice), and one kept from before the centre joined is left out."""
    import hashlib
    import hmac

    from app.models import CentreReturn

    centre, federation = files
    key = make_key("South London Federation")
    millmead = "Millmead Children's Centre"
    body = json.loads(json.loads(_signed(centre, key, quarter=4))["body"])
    body["centre"] = millmead
    body["figures"]["name"] = millmead
    text = json.dumps(body, sort_keys=True)
    mac = hmac.new(bytes.fromhex(centre_key(key, millmead).secret), text.encode(), hashlib.sha256)
    signed = json.dumps({"body": text, "signature": mac.hexdigest()})
    office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
    with federation.sessions.begin() as session, pytest.raises(UserError, match="keeps its rec"):
        import_return(session, office, signed, key)
    with federation.sessions.begin() as session:  # imported while it was still on its file
        session.add(CentreReturn(
            centre_key="x" * 64, start_year=2025, quarter=4, centre=millmead,
            figures=json.dumps(body["figures"]), digest="y" * 64, imported_by="federation",
        ))  # fmt: skip
    with federation.sessions() as session:
        found = rollup(session, office, datetime(2026, 12, 1), ReportOptions(year=2025, quarter=4))
    assert [c.name for c in found.centres] == [millmead, "Northfield Tenants' Co-operative"]


def test_a_centre_that_joins_under_a_new_name_is_not_counted_twice(
    files: Any, tmp_path: Path
) -> None:
    """Riverside's return is kept; Riverside then joins the server as "Riverside Estate"
    (the same registration number): the roll-up counts it once, from its records. No
    centre may take the name its returns are kept under, nor change another's details."""
    from dataclasses import replace

    from app.services import organisation
    from app.services.demo import details

    centre, _shared = files
    federation = open_database(tmp_path / "federation.sqlite", daily_backup=False)
    try:
        with federation.sessions.begin() as session:
            create_demo(session, members=10, seed=44, board=False, centre=1)
            add_federation_user(session, 1)
        key = make_key("South London Federation")
        office = auth.sign_in(federation.sessions, "federation", DEMO_PASSWORD).actor
        with federation.sessions.begin() as session:
            import_return(session, office, _signed(centre, key), key)
        options = ReportOptions(year=2025, quarter=2)
        with federation.sessions() as session:
            before = [
                c.name for c in rollup(session, office, datetime(2026, 12, 1), options).centres
            ]
        assert before == ["Millmead Children's Centre", f"{RIVERSIDE} (return)"]
        millmead = auth.sign_in(federation.sessions, "millmead-admin", DEMO_PASSWORD).actor
        with federation.sessions.begin() as session, pytest.raises(UserError, match="sends ret"):
            organisation.update(session, millmead, 1, replace(details(1), name=RIVERSIDE))
        with federation.sessions.begin() as session:
            estate = organisation.create(
                session, SYSTEM, replace(details(), name="Riverside Estate")
            )
        with federation.sessions.begin() as session, pytest.raises(PermissionDenied):
            organisation.update(session, millmead, estate.id, details(1))
        with federation.sessions() as session:
            after = [
                c.name for c in rollup(session, office, datetime(2026, 12, 1), options).centres
            ]
        assert after == ["Millmead Children's Centre", "Riverside Estate"]
    finally:
        federation.close(backup=False)
