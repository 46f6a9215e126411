"""A local PostgreSQL server for trying the federation and for the tests.

    python scripts/pg_server.py start [FOLDER] [--port N]   # prints the server's URL
    python scripts/pg_server.py stop [FOLDER]

It makes a cluster in FOLDER/data with initdb (once), starts it with pg_ctl on
127.0.0.1 and a socket in FOLDER, and trusts connections from this machine only: a
server to try things on, not an office's (the README says how to set up a real one).
PostgreSQL will not run as root, so when this runs as root the cluster belongs to an
unprivileged system user, ``mutualdesk-pg``, made if it is missing.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".pgserver"
PORT = 54329
OWNER = "mutualdesk-pg"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise SystemExit(
        f"pg_server: PostgreSQL's {name} is not installed: run `make sysdeps` (or install "
        "the postgresql package) first."
    )


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", OWNER, "--", *command]


def _ensure_owner(folder: Path) -> None:
    """As root: the unprivileged user exists and owns ``folder``, which it can reach."""
    if os.geteuid() != 0:
        return
    if subprocess.run(["id", "-u", OWNER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OWNER],
            check=True,
        )
    shutil.chown(folder, OWNER, OWNER)
    for parent in folder.parents:  # each folder above must let it pass through
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, mode | 0o001)
        if parent == Path("/"):
            break


def url(folder: Path = FOLDER, port: int = PORT, database: str = "postgres") -> str:
    """The server's URL (as the superuser ``postgres``, trusted from this machine)."""
    del folder
    return f"postgresql://postgres@127.0.0.1:{port}/{database}"


def running(folder: Path = FOLDER) -> bool:
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        return False
    done = subprocess.run(
        _as_owner([_bin("pg_ctl"), "-D", str(data), "status"]), capture_output=True, text=True
    )
    return done.returncode == 0


def start(folder: Path = FOLDER, port: int = PORT) -> str:
    """Make the cluster if need be and start it; its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    _ensure_owner(folder)
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            _as_owner([_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                       "-E", "UTF8", "--no-locale"]),
            check=True, capture_output=True,
        )  # fmt: skip
    if not running(folder):
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = subprocess.run(
            _as_owner([_bin("pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                       "-o", options, "-w", "start"]),
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            log = (folder / "server.log").read_text(errors="replace")[-2000:]
            raise SystemExit(f"pg_server: the server did not start:\n{done.stderr}\n{log}")
    return url(folder, port)


def stop(folder: Path = FOLDER) -> None:
    if running(folder):
        subprocess.run(
            _as_owner([_bin("pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]),
            check=True,
            capture_output=True,
        )


def create_database(server: str, name: str, *, fresh: bool = False) -> str:
    """Make the database ``name`` on the server (dropped first if ``fresh``); its URL."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pg_server")
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("folder", nargs="?", default=str(FOLDER))
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args(argv)
    folder = Path(args.folder).resolve()
    if args.action == "start":
        print(start(folder, args.port))
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
