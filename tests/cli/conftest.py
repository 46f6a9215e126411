"""Run the command line as a person or a script would.

``mutualdesk`` calls the program's entry point in this process (quick: no new
interpreter, no imports again); ``mutualdesk_process`` starts a real child process,
for the few tests that need one (the exit code a shell sees, a pipe, a lock held by
another process, the GUI's self-test). Both give back what a finished process does:
``returncode``, ``stdout`` and ``stderr``.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import copy_database

Run = Callable[..., subprocess.CompletedProcess[str]]
READERS = ("report", "export", "list")


def as_a_centres_reader(
    args: tuple[str, ...], env: dict[str, str]
) -> tuple[tuple[str, ...], dict[str, str]]:
    """On a server a report, export or list is read by someone signed in (``--user``): a
    test written for a file reads as the demo centre's administrator there."""
    on_server = any(a.startswith("postgresql://") for a in args)
    if not (on_server and args and args[0] in READERS and "--user" not in args):
        return args, env
    return (*args, "--user", "admin"), {"MUTUALDESK_PASSWORD": "mutualdesk", **env}


def run_in_process(args: tuple[str, ...], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``mutualdesk *args`` through ``app.main.main``, with ``env`` set and no input."""
    from app.main import main

    args, env = as_a_centres_reader(args, env)
    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with pytest.MonkeyPatch.context() as mp, redirect_stdout(out), redirect_stderr(err):
            for key, value in env.items():
                mp.setenv(key, value)
            mp.setattr(sys, "stdin", io.StringIO(""))  # as stdin=DEVNULL: no terminal
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --version, --help, a bad option
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
                code = 1 if isinstance(exc.code, str) else int(exc.code or 0)
    finally:
        for handler in root.handlers[:]:  # the log file of this run's home, not the next's
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    return subprocess.CompletedProcess(["mutualdesk", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture
def mutualdesk(home: Path) -> Run:
    """``mutualdesk(*args, env={...})`` -> the finished command (text output)."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return run_in_process(
            args, {"MUTUALDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
        )

    return run


@pytest.fixture
def mutualdesk_process(home: Path) -> Run:
    """``mutualdesk_process(*args, env={...})`` -> a finished child process (text output)."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        args, extra = as_a_centres_reader(args, env or {})
        full_env = {
            **os.environ,
            "MUTUALDESK_HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            **extra,
        }
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    return run


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mutualdesk demo --members 60 --seed 5`, made once per test process."""
    folder = tmp_path_factory.mktemp("cli-demo")
    path = folder / "demo.sqlite"
    target = pg.shared().database("tpl") if pg.on_server() else str(path)
    done = run_in_process(
        ("demo", "--db", target, "--members", "60", "--seed", "5"),
        {"MUTUALDESK_HOME": str(folder / "home"), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return target if pg.on_server() else path  # type: ignore[return-value]


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A demo database made by `mutualdesk demo`: this test's own copy (on a server, the
    address of a database copied from the template)."""
    if pg.on_server():
        return pg.shared().copy_of(str(demo_template))  # type: ignore[return-value]
    path = tmp_path / "demo.sqlite"
    copy_database(demo_template, path)
    return path
