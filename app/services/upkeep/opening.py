"""Opening a database file, and putting a backup in its place."""

from app.storage.address import is_address
from app.storage.database import (
    Database,
    OpenFile,
    open_database,
    open_server,
    restore_file,
    restore_into,
)
from app.storage.server import PasswordNeeded, shown

__all__ = [
    "Database",
    "OpenFile",
    "PasswordNeeded",
    "is_address",
    "open_database",
    "open_server",
    "restore_file",
    "restore_into",
    "shown",
]
