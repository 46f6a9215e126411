"""The command line: the same services and reports as the desktop, no Qt.

``run(argv)`` parses and runs one command; ``app.main`` calls it.
"""

from app.cli.commands import run

__all__ = ["run"]
