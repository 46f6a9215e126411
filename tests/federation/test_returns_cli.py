"""The offline centre's return from the command line, as the federation and a centre do
it: the federation's key, the centre's own key, the signed return, the import (twice),
and an edited file refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import Run

ENV = {"MUTUALDESK_PASSWORD": "mutualdesk"}
EASTWAY = "Eastway Community Centre"


def _own_file(path: str) -> None:
    """The demo file renamed: a centre that is not among the server's demo centres."""
    from dataclasses import replace

    from app.services import organisation
    from app.services.accounts.roles import SYSTEM
    from app.services.demo import details
    from app.storage.database import open_database

    db = open_database(Path(path), daily_backup=False)
    try:
        with db.sessions.begin() as session:
            organisation.update(session, SYSTEM, 1, replace(
                details(), name=EASTWAY, registration_number="30099R"
            ))  # fmt: skip
    finally:
        db.close(backup=False)


def test_a_centres_return_travels_from_its_file_to_the_federation(
    mutualdesk: Run, pg_server: Any, tmp_path: Path
) -> None:
    centre = str(tmp_path / "eastway.sqlite")
    assert mutualdesk("demo", "--db", centre, "--members", "20").returncode == 0
    _own_file(centre)
    federation = pg_server.database()
    made = mutualdesk("demo", "--db", federation, "--centres", "2", "--members", "8")
    assert made.returncode == 0, made.stderr
    master, own = tmp_path / "federation.key", tmp_path / "eastway.key"
    done = mutualdesk("federation", "key", "--name", "South London Federation",
                      "--out", str(master))  # fmt: skip
    assert done.returncode == 0 and "--centre NAME" in done.stdout
    done = mutualdesk("federation", "key", "--centre", EASTWAY, "--key", str(master),
                      "--out", str(own))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "that centre only" in done.stdout
    sent = tmp_path / "q2.return"
    refused = mutualdesk("export", "return", "--year", "2025", "--quarter", "2", "--db", centre,
                         "--key", str(master), "--out", str(sent))  # fmt: skip
    assert refused.returncode != 0 and "federation's own key" in refused.stderr
    done = mutualdesk("export", "return", "--year", "2025", "--quarter", "2", "--db", centre,
                      "--key", str(own), "--out", str(sent))  # fmt: skip
    assert done.returncode == 0, done.stderr

    def take(path: Path, user: str = "federation") -> Any:
        return mutualdesk("import", "return", str(path), "--key", str(master), "--db",
                          federation, "--user", user, env=ENV)  # fmt: skip

    first, second = take(sent), take(sent)
    assert first.returncode == 0 and "added to the federation's figures" in first.stdout
    assert second.returncode == 0 and "already imported: nothing changed" in second.stdout
    wrapper = json.loads(sent.read_text())
    body = json.loads(wrapper["body"])
    body["figures"]["members_at_end"] += 100
    edited = tmp_path / "edited.return"
    edited.write_text(json.dumps({**wrapper, "body": json.dumps(body, sort_keys=True)}))
    bad = take(edited)
    assert bad.returncode != 0 and "changed after the centre signed it" in bad.stderr
    assert take(sent, user="millmead-admin").returncode != 0
    listed = mutualdesk("export", "federation", "--year", "2025", "--quarter", "2", "--db",
                        federation, "--user", "federation", "--out",
                        str(tmp_path / "f.xlsx"), env=ENV)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    from openpyxl import load_workbook

    names = load_workbook(tmp_path / "f.xlsx").sheetnames
    assert sum("Eastway" in n and "return" in n.lower() for n in names) == 1, names
    # Riverside works on the server: a return in its name would count it twice.
    riverside = tmp_path / "riverside.sqlite"
    assert mutualdesk("demo", "--db", str(riverside), "--members", "5").returncode == 0
    its_key = tmp_path / "riverside.key"
    assert (
        mutualdesk(
            "federation",
            "key",
            "--centre",
            "Riverside Tenant Management Organisation",
            "--key",
            str(master),
            "--out",
            str(its_key),
        ).returncode
        == 0
    )
    twice = tmp_path / "riverside.return"
    assert (
        mutualdesk(
            "export",
            "return",
            "--year",
            "2025",
            "--quarter",
            "2",
            "--db",
            str(riverside),
            "--key",
            str(its_key),
            "--out",
            str(twice),
        ).returncode
        == 0
    )
    refused = take(twice)
    assert refused.returncode != 0 and "keeps its records in this database" in refused.stderr
