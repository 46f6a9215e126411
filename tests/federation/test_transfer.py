"""Joining and leaving the server: the demo file moved into a federation's database as a
new centre and taken back out to a file of its own, with every table's rows, the audit
trail and its chain the same at the end; the people of the server keep their names."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.cli.conftest import Run

ENV = {"MUTUALDESK_PASSWORD": "mutualdesk"}


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    conn.close()
    return {n: c for n, c in found.items() if n not in ("alembic_version", "audit_log") and c}


def _trail(path: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT at, username, action, entity, before, after FROM audit_log ORDER BY id"
        ).fetchall()
    conn.close()
    return rows


def test_the_demo_file_joins_the_server_and_leaves_again_unchanged(
    mutualdesk: Run, pg_server: Any, tmp_path: Path
) -> None:
    original = tmp_path / "riverside.sqlite"
    assert mutualdesk("demo", "--db", str(original), "--members", "40").returncode == 0
    federation = pg_server.database()
    made = mutualdesk("demo", "--db", federation, "--centres", "2", "--members", "6")
    assert made.returncode == 0, made.stderr
    refused = mutualdesk("transfer", "--from", str(original), "--to", federation,
                         "--user", "millmead-admin", env=ENV)  # fmt: skip
    assert refused.returncode != 0 and "federation administrator" in refused.stderr
    taken = mutualdesk("transfer", "--from", str(original), "--to", federation,
                       "--user", "federation", env=ENV)  # fmt: skip
    assert taken.returncode != 0 and "already has an organisation called" in taken.stderr
    moved_in = mutualdesk("transfer", "--from", str(original), "--to", federation,
                          "--user", "federation", "--prefix", "rivers",
                          "--name", "Riverside Estate", env=ENV)  # fmt: skip
    assert moved_in.returncode == 0, moved_in.stdout + moved_in.stderr
    assert "every table's rows and every audit entry agree" in moved_in.stdout
    assert "The user admin is now rivers-admin" in moved_in.stdout
    listed = mutualdesk("list", "organisations", "--db", federation, "--json",
                        "--user", "federation", env=ENV)  # fmt: skip
    assert [o["name"] for o in json.loads(listed.stdout)][-1] == "Riverside Estate"
    # the moved centre's own people sign in with their own passwords, and see their centre
    theirs = mutualdesk("list", "members", "--db", federation, "--json",
                        "--user", "rivers-admin", env=ENV)  # fmt: skip
    assert theirs.returncode == 0, theirs.stderr
    assert len(json.loads(theirs.stdout)) == 40
    on_server = mutualdesk("check", "--db", federation)
    assert on_server.returncode == 0, on_server.stdout + on_server.stderr

    back = tmp_path / "back.sqlite"
    out = mutualdesk("transfer", "--from", federation, "--to", str(back), "--user", "federation",
                     "--organisation", "Riverside Estate", "--name",
                     "Riverside Tenant Management Organisation", env=ENV)  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert _counts(back) == _counts(original)
    trail, before = _trail(back), _trail(original)
    renamed = {u: f"rivers-{u}" for u in ("admin", "secretary", "treasurer", "viewer")}
    assert trail[: len(before)] == [  # every entry of the file's own trail, in order,
        (at, renamed.get(who, who), *rest)
        for at, who, *rest in before  # its users renamed
    ]
    after = [t[2] for t in trail[len(before) :]]  # its arrival, its time there, its return
    assert after == ["transfer in", "sign in", "transfer in"]
    check = mutualdesk("check", "--db", str(back))
    assert check.returncode == 0, check.stdout + check.stderr
    signed_in = mutualdesk("list", "members", "--db", str(back), "--json",
                           "--user", "rivers-admin", env=ENV)  # fmt: skip
    assert signed_in.returncode == 0 and len(json.loads(signed_in.stdout)) == 40


def test_every_record_an_audit_entry_names_is_renumbered_when_it_moves() -> None:
    """Each entity the services name in the trail is a table the move renumbers (or one
    that does not travel), so a moved entry never points at another centre's record."""
    import ast

    from app.services.federation.transfer import ENTITY_TABLES, NOT_A_ROW

    root = Path(__file__).resolve().parents[2] / "app" / "services"
    named = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_record = isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "record"
            if is_record and len(node.args) >= 4 and isinstance(node.args[3], ast.Constant):
                named.add(node.args[3].value)
    assert "member" in named and "category" in named
    assert named - set(ENTITY_TABLES) - NOT_A_ROW == set()


def test_a_copy_that_does_not_match_its_source_is_undone(tmp_path: Path, monkeypatch: Any) -> None:
    """When the comparison at the end finds a difference, nothing stays at the
    destination, and the message says what differed."""
    import pytest
    from sqlalchemy import func, select

    from app.errors import UserError
    from app.models import Member, Organisation
    from app.services.accounts.roles import Actor, Role
    from app.services.demo import create_demo
    from app.services.federation import transfer
    from app.storage.database import open_database

    source = open_database(tmp_path / "centre.sqlite", daily_backup=False)
    target = open_database(tmp_path / "office.sqlite", daily_backup=False)
    try:
        with source.sessions.begin() as session:
            create_demo(session, members=12, seed=3, board=False)
        office = Actor(None, "federation", Role.FEDERATION_ADMINISTRATOR, None)
        monkeypatch.setattr(transfer, "compare", lambda *_: ["members: 1 row not as it was"])
        with pytest.raises(UserError, match="nothing was moved:\n  members: 1 row"):
            transfer.move(source, target, office, 1, "centre.sqlite")
        with target.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Organisation)) == 0
            assert session.scalar(select(func.count()).select_from(Member)) == 0
    finally:
        source.close(backup=False)
        target.close(backup=False)


def test_a_role_given_to_someone_from_another_centre_names_nobody_else_after_a_move(
    tmp_path: Path,
) -> None:
    """Riverside's treasurer is given a role at Millmead; Millmead moves out to a file of
    its own. The entry of the grant no longer points at a user (the treasurer stays
    behind, and whoever has that number in the new file is someone else) but still names
    the treasurer in what it says."""
    from sqlalchemy import select

    from app.models import AuditEntry
    from app.services.accounts import centre_roles
    from app.services.accounts.roles import SYSTEM, Actor, Role
    from app.services.demo import create_demo
    from app.services.federation import transfer
    from app.storage.database import open_database

    office = open_database(tmp_path / "office.sqlite", daily_backup=False)
    alone = open_database(tmp_path / "millmead.sqlite", daily_backup=False)
    try:
        for centre in range(2):
            with office.sessions.begin() as session:
                create_demo(session, members=8, seed=5, board=False, centre=centre)
        with office.sessions.begin() as session:
            centre_roles.grant(session, SYSTEM, "treasurer", 2, Role.ADMINISTRATOR)
        mover = Actor(None, "federation", Role.FEDERATION_ADMINISTRATOR, None)
        transfer.move(office, alone, mover, 2, "office")
        with alone.sessions() as session:
            grant = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "grant role")
            ).one()
        assert grant.entity_id == ""
        assert json.loads(grant.after or "{}")["user"] == "treasurer"
    finally:
        office.close(backup=False)
        alone.close(backup=False)
