"""Storage: the database file and everything that touches it as a file or an engine.

Opening (engine, sessions, the lock file, checks), the unit of work, migrations,
backups and their encryption, and where the data lives. Nothing above it creates an
engine or a session except through ``database.open_database``; every SQLite-only
statement is here, so a PostgreSQL back end plugs in at this one seam.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "attachment_backup",
    "backups",
    "crypto",
    "database",
    "engine",
    "location",
    "lockfile",
    "migration",
    "sqlite_file",
    "unit_of_work",
]
