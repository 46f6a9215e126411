"""The journeys run the command line in this process, as the command-line tests do."""

from __future__ import annotations

from tests.cli.conftest import mutualdesk

__all__ = ["mutualdesk"]
