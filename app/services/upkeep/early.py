"""The first look at a database file (or a server's address), before anything heavy is
imported."""

from app.storage.address import is_address
from app.storage.sqlite_file import EarlyCheck

__all__ = ["EarlyCheck", "is_address"]
