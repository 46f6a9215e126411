"""Check the built program as a fresh office PC would run it: no virtual environment
on PATH, a new home folder, the offscreen platform.

1. ``self-test`` on a fresh database (every page opened, a report rendered);
2. ``demo`` makes a database, which ``check`` finds current (nothing to upgrade);
3. one PDF (the member list) and one workbook (the council's pack) written by the
   frozen command line, and read back;
4. a database made by this code at the previous schema revision is backed up and
   upgraded when the frozen program opens it to write;
5. ``count`` gives the source tree's result for a ballot file by ERS97 and Scottish
   STV, and the C piles are in the bundle whenever they are built here.

Usage: python installer/smoke_test.py [build/dist/mutualdesk]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fail(message: str) -> None:
    print(f"bundle-test: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def _run(program: Path, home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    clean = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "MUTUALDESK_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        **(env or {}),
    }
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=clean, timeout=300
    )
    if done.returncode != 0:
        _fail(
            f"`mutualdesk {' '.join(args)}` exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


def _old_database(path: Path) -> None:
    """A database at the revision before this one, with the demo's members and meetings."""
    from app.services.demo import create_demo
    from app.storage.database import open_database
    from tests.storage.old_files import as_the_last_version_left_it

    os.environ["MUTUALDESK_HOME"] = str(path.parent / "maker")  # not the real user's folder
    database = open_database(path, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=30, seed=3)
    database.close(backup=False)
    as_the_last_version_left_it(path)


BALLOTS = """5 2
7 1 2 3 0
4 2 1 0
3 3 4 5 0
2 4 3 0
1 5 4 0
2 5 0
0
"Ann" "Bob" "Cat" "Dev" "Eve" "Surplus and exclusions"
"""


def _count(program: Path, home: Path) -> None:
    from app.services.counting import count, fast, parse_blt

    blt = home / "ballots.blt"
    blt.write_text(BALLOTS, encoding="utf-8")
    for method in ("ers97", "scottish"):
        got = json.loads(_run(program, home, "count", str(blt), "--method", method, "--json"))
        expected = count(parse_blt(BALLOTS), method, seed=1)
        if got["elected"] != expected.elected or len(got["stages"]) != len(expected.stages):
            _fail(f"{method}: the frozen count elected {got['elected']}, not {expected.elected}")
    if fast.BUILD is not None and not list(program.parent.rglob("_cpiles*")):
        _fail("the C piles are built here but are not in the bundle")


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "dist" / "mutualdesk"
    program = folder / "mutualdesk-cli"
    if not program.exists():
        _fail(f"there is no built program at {program}: run `make bundle` first")
    home = Path(tempfile.mkdtemp(prefix="mutualdesk-bundle-"))
    try:
        print(_run(program, home, "--version").strip())
        out = _run(program, home, "self-test")
        print(f"self-test: {len(out.splitlines())} steps")
        demo = home / "demo.sqlite"
        _run(program, home, "demo", "--db", str(demo), "--members", "120")
        checked = _run(program, home, "check", "--db", str(demo))
        if "upgrade" in checked.lower() and "no upgrade" not in checked.lower():
            _fail(f"a new demo database should need no upgrade:\n{checked}")
        pdf = home / "members.pdf"
        _run(program, home, "report", "member-list", "--db", str(demo), "--out", str(pdf))
        if not pdf.read_bytes().startswith(b"%PDF") or pdf.stat().st_size < 2000:
            _fail("the member list is not a PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            if "Member list" not in text:
                _fail("the member list PDF does not say what it is")
        start = date.today().year if date.today().month >= 4 else date.today().year - 1
        pack = home / "pack.xlsx"
        _run(
            program,
            home,
            "export",
            "council-pack",
            "--db",
            str(demo),
            "--year",
            str(start),
            "--out",
            str(pack),
        )
        with zipfile.ZipFile(pack) as book:
            sheets = book.read("xl/workbook.xml").decode("utf-8")
        for name in ("Cover", "Budget v actual", "Transactions", "Bank reconciliation"):
            if name not in sheets:
                _fail(f"the council pack has no sheet '{name}'")
        _count(program, home)
        old = home / "old.sqlite"
        _old_database(old)
        _run(
            program,
            home,
            "user",
            "add",
            "clerk",
            "--full-name",
            "New Clerk",
            "--role",
            "viewer",
            "--db",
            str(old),
            "--user",
            "admin",
            env={
                "MUTUALDESK_PASSWORD": "mutualdesk",
                "MUTUALDESK_NEW_PASSWORD": "a long new password 1",
            },
        )
        from app.storage.backups import list_backups

        made = [
            b
            for folder in (home / "data" / "backups").glob("*")
            for b in list_backups(folder)
            if b.manifest.reason == "before-upgrade" and b.manifest.members == 30
        ]
        if not made:
            _fail("no checked backup of the old database was made before the upgrade")
        first = made[0]
        print(f"backed up first: {first.path.name} (revision {first.manifest.schema_revision})")
        after = _run(program, home, "check", "--db", str(old))
        print("upgraded database: " + " ".join(after.split())[:200])
        print("bundle-test: passed")
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
