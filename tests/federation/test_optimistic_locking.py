"""Two people editing the same member at once: the second save is refused with a plain
message naming who changed the record and when, nothing is written over the first; on a
file and on a server."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.errors import ChangedMeanwhile
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD, create_demo
from app.services.membership import members
from app.storage.database import open_server


@pytest.fixture
def db(either: Any) -> Any:
    return either


def test_the_second_save_from_an_older_copy_is_refused(db: Any) -> None:
    secretary = auth.sign_in(db.sessions, "secretary", DEMO_PASSWORD).actor
    admin = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
    with db.sessions() as session:
        seen_by_both = members.get_member(session, 1, 3)  # two forms opened on member 3
    with db.sessions.begin() as session:
        members.update_member(
            session, secretary, 3, replace(seen_by_both, phone="020 7946 0001"),
            expected_version=seen_by_both.version,
        )  # fmt: skip
    with pytest.raises(ChangedMeanwhile) as refused, db.sessions.begin() as session:
        members.update_member(
            session, admin, 3, replace(seen_by_both, email="ada@example.org"),
            expected_version=seen_by_both.version,
        )  # fmt: skip
    message = refused.value.message
    assert "changed by secretary at " in message and "Nothing you typed was saved" in message
    with db.sessions() as session:
        now = members.get_member(session, 1, 3)
    assert now.phone == "020 7946 0001" and now.email == seen_by_both.email
    assert now.version == seen_by_both.version + 1
    with db.sessions.begin() as session:  # from the reloaded copy, the change goes in
        members.update_member(
            session, admin, 3, replace(now, email="ada@example.org"), expected_version=now.version
        )


def test_a_change_of_consent_alone_is_a_new_version(db: Any) -> None:
    """Only a consent ticked by the first office: the second, from the older copy, is
    still refused and the consent stands."""
    secretary = auth.sign_in(db.sessions, "secretary", DEMO_PASSWORD).actor
    with db.sessions() as session:
        seen = members.get_member(session, 1, 4)
    from datetime import date

    from app.services.membership.members import CONSENT_KINDS
    from app.services.membership.records import Consent

    kind = next(iter(CONSENT_KINDS))
    given = not (seen.consents[kind].given if kind in seen.consents else False)
    ticked = {**seen.consents, kind: Consent(given, date(2026, 11, 30), "form")}
    with db.sessions.begin() as session:
        members.update_member(
            session, secretary, 4, replace(seen, consents=ticked), expected_version=seen.version
        )
    with pytest.raises(ChangedMeanwhile), db.sessions.begin() as session:
        members.update_member(
            session, secretary, 4, replace(seen, phone="020 7946 0002"),
            expected_version=seen.version,
        )  # fmt: skip
    with db.sessions() as session:
        now = members.get_member(session, 1, 4)
    assert now.version == seen.version + 1
    assert {k: c.given for k, c in now.consents.items()} == {k: c.given for k, c in ticked.items()}


def test_a_save_racing_another_in_the_server_is_refused_at_the_write(pg_server: Any) -> None:
    """Both have read version 1 inside their own units of work; the first commits; the
    second's update, which carries the version it read, matches no row and is refused."""
    from app.models import Member

    db = open_server(pg_server.database())
    try:
        with db.sessions.begin() as session:
            create_demo(session, members=8, seed=4, board=False)
        admin = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor
        slow = db.sessions()
        slow.begin()
        record = members.get_member(slow, 1, 5)
        loaded = slow.get(Member, 5)  # the slow office's unit of work has read the row
        with db.sessions.begin() as session:
            members.update_member(session, admin, 5, replace(record, phone="0113 496 0000"))
        with pytest.raises(ChangedMeanwhile, match="changed by someone else a moment ago"):
            members.update_member(
                slow, admin, 5, replace(record, postcode="LS1 4AP"), expected_version=1
            )
        assert loaded is not None
        slow.rollback()
        slow.close()
        with db.sessions() as session:
            assert members.get_member(session, 1, 5).phone == "0113 496 0000"
    finally:
        db.close()
