"""A throwaway PostgreSQL server for a test process (``scripts/pg_server.py``): its own
folder and port, started once, stopped when the process ends; a fresh database each
time one is asked for."""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import socket
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
_names = itertools.count(1)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pg_server", ROOT / "scripts" / "pg_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def available() -> str | None:
    """Why a server cannot be started here, or None if it can."""
    try:
        _script()._bin("initdb")
    except SystemExit as missing:
        return str(missing)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server of its own, in a folder of its own."""

    def __init__(self) -> None:
        self.script = _script()
        self.folder = Path(tempfile.mkdtemp(prefix="mutualdesk-pg-"))
        os.chmod(self.folder, 0o755)
        self.url = self.script.start(self.folder, _free_port())

    def database(self, prefix: str = "t") -> str:
        """A new empty database on the server; its address."""
        name = f"{prefix}{os.getpid()}_{next(_names)}"
        return str(self.script.create_database(self.url, name, fresh=True))

    def copy_of(self, template: str, prefix: str = "c") -> str:
        """A new database copied from the database at ``template``."""
        import psycopg

        name = f"{prefix}{os.getpid()}_{next(_names)}"
        source = template.rsplit("/", 1)[1]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        """Stop the server and remove its folder (once; later calls do nothing)."""
        if not self.folder.exists():
            return
        try:
            self.script.stop(self.folder)
        finally:  # a stop that failed or timed out still gives the space back
            shutil.rmtree(self.folder, ignore_errors=True)


BACKEND_ENV = "MUTUALDESK_TEST_BACKEND"
_shared: Server | None = None


def on_server() -> bool:
    """Whether this test run keeps its databases on PostgreSQL (``make test`` runs the
    service and command-line tests once on files and once on a server)."""
    return os.environ.get(BACKEND_ENV, "sqlite") == "postgresql"


def stop_shared() -> None:
    """Stop this process's server if it was started. Called as the test session ends:
    pytest-xdist's workers leave without running ``atexit``, which left a server's
    folder (a gigabyte or two) in the temporary folder after every run."""
    if _shared is not None:
        _shared.stop()


def shared() -> Server:
    """This test process's server, started on first use and stopped when it ends."""
    global _shared
    if _shared is None:
        import atexit

        missing = available()
        if missing:
            raise RuntimeError(missing)
        _shared = Server()
        atexit.register(_shared.stop)
    return _shared
