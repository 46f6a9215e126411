"""Start-up: the command line or the desktop app, importing as little as possible first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import APP_NAME, __version__

COMMANDS = (
    "self-test",
    "ballots",
    "demo",
    "check",
    "backup",
    "restore",
    "list",
    "user",
    "report",
    "export",
    "import",
    "shares",
    "subject-access",
    "retention",
    "federation",
    "transfer",
    "count",
)


def gui_arguments(argv: list[str]) -> argparse.Namespace:
    """Options for the desktop app."""
    parser = argparse.ArgumentParser(
        prog="mutualdesk",
        description=f"{APP_NAME}: membership, elections, meetings and accounts. "
        f"Commands: {', '.join(COMMANDS)} (mutualdesk COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", metavar="FILE", help="open this database file")
    parser.add_argument("--read-only", action="store_true", help="open without making changes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the command named in ``argv``, or the desktop app."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        from app import cli

        return cli.run(argv, gui_self_test=_gui_self_test)
    options = gui_arguments(argv)
    from app.ui.startup import run_app

    code: int = run_app(options.db, read_only=options.read_only)
    return code


def _gui_self_test(db: Path | None) -> int:
    """The desktop program's self-test, for ``mutualdesk self-test``."""
    from app.ui.selftest import run_self_test

    return run_self_test(db)
