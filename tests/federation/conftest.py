"""The command line's fixtures, for the federation's tests too; and a small demo opened
on a file and on a server in turn."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import mutualdesk, mutualdesk_process

__all__ = ["mutualdesk", "mutualdesk_process"]


@pytest.fixture(params=["file", "server"])
def either(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A small demo (12 members, no board), opened on a file, then on a server."""
    from app.services.demo import create_demo
    from app.storage.database import open_database, open_server

    if request.param == "server":
        opened = open_server(request.getfixturevalue("pg_server").database())
    else:
        opened = open_database(tmp_path / "shared.sqlite", daily_backup=False)
    with opened.sessions.begin() as session:
        create_demo(session, members=12, seed=2, board=False)
    yield opened
    opened.close(backup=False)
