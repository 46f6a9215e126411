"""Opening a database file, and putting a backup in its place."""

from app.storage.database import Database, OpenFile, open_database, restore_file, restore_into

__all__ = ["Database", "OpenFile", "open_database", "restore_file", "restore_into"]
