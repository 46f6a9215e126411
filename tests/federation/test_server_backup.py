"""A server's database backed up and restored whole by the federation's administrator:
with pg_dump where it is installed, and with the program's own export where it is not.
After a restore the centres' rows are as they were when backed up, numbering follows
on, and the audit trail is intact; a centre's administrator may do neither."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run

ENV = {"MUTUALDESK_PASSWORD": "mutualdesk"}


def _members(mutualdesk: Run, address: str) -> int:
    listed = mutualdesk("list", "members", "--db", address, "--json", "--user", "millmead-admin",
                        env=ENV)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    return len(json.loads(listed.stdout))


@pytest.mark.parametrize("how", ["pg_dump", "export"])
def test_a_server_is_backed_up_and_restored_whole(
    mutualdesk: Run, pg_server: Any, tmp_path: Path, how: str
) -> None:
    env = {**ENV, **({"MUTUALDESK_NO_PG_DUMP": "1"} if how == "export" else {})}
    address = pg_server.database()
    made = mutualdesk("demo", "--db", address, "--centres", "2", "--members", "12")
    assert made.returncode == 0, made.stderr
    out = tmp_path / "federation.backup"
    refused = mutualdesk("backup", "--db", address, "--out", str(out),
                         "--user", "millmead-admin", env=env)  # fmt: skip
    assert refused.returncode != 0 and "federation administrator" in refused.stderr
    done = mutualdesk("backup", "--db", address, "--out", str(out), "--user", "federation",
                      env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ("own export" in done.stdout) is (how == "export")
    assert (
        out.read_bytes()[:5] == b"PGDMP"
        if how == "pg_dump"
        else out.read_bytes()[:2] == b"\x1f\x8b"
    )
    assert out.stat().st_mode & 0o777 == 0o600  # every centre's people: the owner's only
    before = _members(mutualdesk, address)
    added = mutualdesk("import", "members", str(_csv(tmp_path)), "--db", address,
                       "--user", "millmead-admin", env=env)  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    assert _members(mutualdesk, address) == before + 2
    restored = mutualdesk("restore", str(out), "--db", address, "--user", "federation", env=env)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "The audit trail is intact" in restored.stdout
    assert _members(mutualdesk, address) == before  # the two imported since are gone
    kept = list(tmp_path.glob("*-before-restore-*"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    again = mutualdesk("import", "members", str(_csv(tmp_path)), "--db", address,
                       "--user", "millmead-admin", env=env)  # numbering follows on  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    check = mutualdesk("check", "--db", address)
    assert check.returncode == 0, check.stdout + check.stderr


def _csv(folder: Path) -> Path:
    path = folder / "new.csv"
    path.write_text(
        "First name,Surname,Post Code,Date Joined\n"
        "Ada,Newcomer,SE1 1AA,01/05/2026\nBen,Newcomer,SE1 1AB,02/05/2026\n"
    )
    return path


def test_a_damaged_or_cut_short_export_restores_nothing(pg_server: Any, tmp_path: Path) -> None:
    """An export cut off part way (or with a line gone) is refused whole: the database is
    as it was. A logo (bytes) goes there and back."""
    import gzip

    from sqlalchemy import select, update

    from app.errors import UserError
    from app.models import Organisation
    from app.services.demo import create_demo
    from app.storage import server_backup
    from app.storage.database import open_server
    from app.storage.revisions import SCHEMA_HEAD

    db = open_server(pg_server.database())
    try:
        with db.sessions.begin() as session:
            create_demo(session, members=10, seed=3, board=False)
            session.execute(update(Organisation).values(logo_png=b"\x89PNG\r\n\x1a\nlogo"))
        out = tmp_path / "whole.export.gz"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("MUTUALDESK_NO_PG_DUMP", "1")
            server_backup.backup(db.engine, out, SCHEMA_HEAD)
        held = server_backup.counts(db.engine)
        with gzip.open(out, "rt") as stream:
            lines = stream.read().splitlines()
        for name, text in (("short", lines[: len(lines) // 2]), ("gap", lines[:5] + lines[6:])):
            broken = tmp_path / f"{name}.export.gz"
            with gzip.open(broken, "wt") as stream:
                stream.write("\n".join(text) + "\n")
            with pytest.raises(UserError, match="nothing was restored"):
                server_backup.restore(db.engine, broken, SCHEMA_HEAD)
            assert server_backup.counts(db.engine) == held
        truncated = tmp_path / "truncated.export.gz"
        truncated.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
        with pytest.raises(UserError, match="nothing was restored"):
            server_backup.restore(db.engine, truncated, SCHEMA_HEAD)
        assert server_backup.counts(db.engine) == held
        with db.sessions.begin() as session:
            session.execute(update(Organisation).values(logo_png=None))
        assert server_backup.restore(db.engine, out, SCHEMA_HEAD) == held
        with db.sessions() as session:
            assert session.scalar(select(Organisation.logo_png)) == b"\x89PNG\r\n\x1a\nlogo"
    finally:
        db.close()
