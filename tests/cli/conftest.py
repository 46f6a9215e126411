"""Run the real command line in a child process, as a person or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def mutualdesk(home: Path) -> Run:
    """``mutualdesk(*args, env={...})`` -> the finished process (text output)."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            **os.environ,
            "MUTUALDESK_HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            **(env or {}),
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


@pytest.fixture
def demo_db(mutualdesk: Run, tmp_path: Path) -> Path:
    """A demo database made by `mutualdesk demo`."""
    path = tmp_path / "demo.sqlite"
    done = mutualdesk("demo", "--db", str(path), "--members", "60", "--seed", "5")
    assert done.returncode == 0, done.stderr
    return path
