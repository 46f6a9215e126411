"""`mutualdesk list board|elections --json` and the board reports from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_list_board_and_elections_json(mutualdesk: Run, demo_db: Path, tmp_path: Path) -> None:
    """The demo's board and its declared election list as JSON; reports write."""
    done = mutualdesk("list", "board", "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stderr
    seats = json.loads(done.stdout)
    assert seats and {"Chair", "Treasurer"} <= {o for s in seats for o in s["offices"]}
    done = mutualdesk("list", "elections", "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stderr
    (election,) = json.loads(done.stdout)
    assert election["state"] == "declared" and election["candidates"] == 4
    assert election["electors"] >= election["papers_issued"] > 0
    for name in ("board", "officers"):
        out = tmp_path / f"{name}.xlsx"
        done = mutualdesk("export", name, "--db", str(demo_db), "--out", str(out))
        assert done.returncode == 0 and out.exists(), done.stderr
