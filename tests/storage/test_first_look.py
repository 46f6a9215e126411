"""The first look (read with the standard library before SQLAlchemy is imported) gives what
the services give, on the same file: start-up paints it as the register (issue 19)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.services import organisation
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.services.membership import member_query, members_summary
from app.services.upkeep import first_look

pytestmark = pytest.mark.file_only("the first look reads a file with SQLite itself")


def _change_behind(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in statements:
            conn.execute(statement)


@pytest.mark.tampers
def test_the_first_page_is_the_registers_first_page(demo: Any, db_path: Path) -> None:
    """Ids in name order, the first rows and the counts are the services' own, with the
    awkward rows a real register has: a title, no given name, only a landline, an address
    on several lines, a merged duplicate, an applicant and a former member."""
    with demo.sessions() as session:
        ids = member_query.member_ids(session, 1)
    first, second, third, fourth, fifth, sixth = ids[:6]
    _change_behind(
        db_path,
        f"UPDATE members SET title = 'Mrs' WHERE id = {first}",
        f"UPDATE members SET given_name = '' WHERE id = {second}",
        f"UPDATE members SET mobile = '', phone = '020 7946 0000' WHERE id = {third}",
        f"UPDATE members SET address = 'Flat 2\n10 Mill Lane' WHERE id = {fourth}",
        f"UPDATE members SET merged_into_id = {first} WHERE id = {fifth}",
        f"UPDATE members SET joined_on = NULL, left_on = NULL WHERE id = {sixth}",
        f"UPDATE members SET left_on = '2026-01-31' WHERE id = {ids[-1]}",
    )
    with demo.sessions() as session:
        ids = member_query.member_ids(session, 1)
        rows = member_query.page_rows(session, ids[:25])
        summary = members_summary.summary(session, 1)
    seen = first_look.first_page(db_path, 1, 25)
    assert seen.ids == ids and fifth not in seen.ids
    assert seen.rows == rows
    assert seen.summary == summary
    assert {row.status for row in seen.rows} >= {"current", "applicant"}
    assert any(row.name.endswith("(Mrs)") for row in seen.rows)
    assert any(", " in row.address and "\n" not in row.address for row in seen.rows)


def test_an_empty_register(database: Any, db_path: Path) -> None:
    """A new organisation's register is empty: no ids, no rows, nobody counted."""
    from app.services.accounts.roles import SYSTEM

    with database.sessions.begin() as session:
        org = organisation.create(session, SYSTEM, organisation.OrganisationDetails("Empty TMO"))
    page = first_look.first_page(db_path, org.id, 100)
    assert (page.ids, page.rows) == ([], [])
    assert (page.summary.current, page.summary.former) == (0, 0)
    assert first_look.heading(db_path) == "Empty TMO"


def test_the_heading_and_the_organisation(demo: Any, db_path: Path) -> None:
    """The sign-in window's heading is the organisation's name; the organisation's details
    are the service's, logo and dates included; a file not set up has no heading."""
    with demo.sessions() as session:
        org = organisation.get(session, 1)
    assert first_look.heading(db_path) == org.name
    assert first_look.organisation(db_path, 1) == org
    assert first_look.heading_for(["Millmead", "Riverside", "Eastfield"]) == "3 centres"


def test_no_heading_before_set_up(database: Any, db_path: Path) -> None:
    """Before the wizard has run there is nothing to head the sign-in window with."""
    assert first_look.heading(db_path) is None


def test_a_matching_password_gives_the_user_as_sign_in_does(demo: Any, db_path: Path) -> None:
    """The right password gives the account as ``auth.sign_in`` would; the name is matched
    whatever its case and spaces, as there."""
    early = first_look.check_sign_in(db_path, "  Secretary ", DEMO_PASSWORD)
    assert early is not None
    signed = auth.sign_in(demo.sessions, "secretary", DEMO_PASSWORD)
    assert replace(early, last_login_at=None) == replace(signed, last_login_at=None)


@pytest.mark.tampers
@pytest.mark.parametrize(
    ("change", "username", "password"),
    [
        ("", "secretary", "not the password"),
        ("", "nobody", DEMO_PASSWORD),
        ("UPDATE users SET active = 0 WHERE username = 'secretary'", "secretary", DEMO_PASSWORD),
        (
            "UPDATE users SET failed_attempts = 1, last_failed_at = '2026-12-04 09:00:00' "
            "WHERE username = 'secretary'",
            "secretary",
            DEMO_PASSWORD,
        ),
    ],
    ids=["wrong password", "unknown name", "switched off", "after a failed attempt"],
)
def test_anything_but_a_plain_match_is_left_to_sign_in(
    demo: Any, db_path: Path, change: str, username: str, password: str
) -> None:
    """A wrong password, an unknown name, an account switched off or one with failed
    attempts behind it is not decided here: ``auth.sign_in`` refuses it, counts it or
    makes the person wait, as it always has."""
    if change:
        _change_behind(db_path, change)
    assert first_look.check_sign_in(db_path, username, password) is None


@pytest.mark.tampers
def test_an_old_hash_is_left_to_sign_in_to_renew(demo: Any, db_path: Path) -> None:
    """A hash made at another cost matches, but only ``auth.sign_in`` renews it."""
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(DEMO_PASSWORD)
    _change_behind(db_path, f"UPDATE users SET password_hash = '{old}' WHERE username = 'admin'")
    assert first_look.check_sign_in(db_path, "admin", DEMO_PASSWORD) is None


def test_a_sign_in_checked_first_is_written_down_as_sign_in_does(demo: Any, db_path: Path) -> None:
    """``record_sign_in`` leaves the account and the audit trail as a sign-in does."""
    from app.services.accounts import audit

    early = first_look.check_sign_in(db_path, "treasurer", DEMO_PASSWORD)
    assert early is not None
    with demo.sessions.begin() as session:
        auth.record_sign_in(session, early.id, early.last_login_at)
    with demo.sessions() as session:
        entries = audit.list_entries(session, audit.AuditFilter(action="sign in"), 0, 50)
        user = auth.get_user(session, early.id)
    assert [(e.username, e.entity, e.entity_id) for e in entries] == [
        ("treasurer", "user", str(early.id))
    ]
    assert user.last_login_at == early.last_login_at


def test_the_first_window_is_built_without_sqlalchemy() -> None:
    """What start-up imports before the register paints does not import SQLAlchemy (it
    takes longer than the rest of start-up together)."""
    modules = (
        "app.ui.controller",
        "app.ui.main_window",
        "app.ui.members.page",
        "app.services.upkeep.first_look",
    )
    code = "; ".join(f"import {m}" for m in modules) + (
        "; import sys; print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
