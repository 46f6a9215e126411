"""The first look at a database file, before anything heavy is imported."""

from app.storage.sqlite_file import EarlyCheck

__all__ = ["EarlyCheck"]
