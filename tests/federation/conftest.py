"""The command line's fixtures, for the federation's tests too."""

from tests.cli.conftest import mutualdesk, mutualdesk_process

__all__ = ["mutualdesk", "mutualdesk_process"]
