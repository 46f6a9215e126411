"""Killed mid-write, out of disk, read-only folders: the file stays sound and nothing is lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.demo import create_demo
from app.storage import sqlite_file
from app.storage.database import open_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    """A small demo database, closed."""
    database = open_database(db_path, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=20, seed=2)
    database.close(backup=False)
    return db_path


def _writer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.writer", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )


def _first_line(child: subprocess.Popen[str], timeout: float) -> str:
    """The writer's first line of output (its first commit), waiting at most ``timeout``."""
    import select

    assert child.stdout is not None
    ready, _w, _x = select.select([child.stdout], [], [], timeout)
    return child.stdout.readline() if ready else ""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_commit(demo_file: Path) -> None:
    """20 times: kill a writer at a random moment once it is writing; the file is sound,
    every commit is there. (The moment is counted from the writer's first commit, so a
    busy machine, slow to start the writer, still has it killed mid-write.)"""
    rng = random.Random(20261124)
    reported: set[int] = set()
    for _ in range(20):
        child = _writer("crash", str(demo_file))
        assert child.stdout is not None
        first = _first_line(child, 60)
        time.sleep(rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        numbers = {
            int(line.split()[1])
            for line in (first + out).splitlines()
            if line.startswith("committed ")
        }
        assert numbers or "Traceback" not in err, err
        reported |= numbers
        with sqlite3.connect(demo_file) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {row[0] for row in conn.execute("SELECT membership_number FROM members")}
        assert reported <= stored, f"lost commits: {sorted(reported - stored)[:5]}"
    assert len(reported) >= 20  # the writer really wrote between kills
    from app.services.upkeep.health import check_database

    assert check_database(demo_file).ok  # the audit chain survived every kill


def test_full_disk_saves_nothing_and_says_so(demo_file: Path) -> None:
    """A write that fills the disk fails whole, with a plain message, and the file is sound."""
    before = sqlite_file.row_counts(demo_file)
    limit = demo_file.stat().st_size + 200_000
    child = _writer("fill", str(demo_file), str(limit))
    out, err = child.communicate(timeout=120)
    assert child.returncode == 3, out + err
    assert "not saved" in out and "your data is as it was before" in out.lower()
    assert "disk" in out
    assert sqlite_file.quick_check(demo_file, full=True) == []
    assert sqlite_file.row_counts(demo_file) == before


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to (for root: the immutable attribute)."""
    folder = tmp_path / "cd-rom"
    folder.mkdir()
    yield folder


def _freeze(folder: Path) -> None:
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(
                "running as root and chattr +i is not available: cannot make a "
                "folder read-only for root"
            )
    else:
        folder.chmod(0o555)


def _thaw(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_read_only_folder(read_only_folder: Path, demo_file: Path) -> None:
    """In a read-only folder: a new file is refused plainly; an existing one opens read-only."""
    from app.errors import EnvironmentProblem

    existing = read_only_folder / "riverside.sqlite"
    existing.write_bytes(demo_file.read_bytes())
    before = existing.read_bytes()
    _freeze(read_only_folder)
    try:
        with pytest.raises(EnvironmentProblem, match="cannot write in the folder"):
            open_database(read_only_folder / "new.sqlite")
        assert not (read_only_folder / "new.sqlite").exists()
        with pytest.raises(EnvironmentProblem, match="open it read-only"):
            open_database(existing)
        reader = open_database(existing, read_only=True)
        try:
            with reader.sessions() as session:
                from app.services.accounts import auth

                assert len(auth.list_users(session)) == 4
        finally:
            reader.close()
        assert existing.read_bytes() == before
    finally:
        _thaw(read_only_folder)
