"""Every folder and file the program uses, from one place.

The per-user data folder comes from platformdirs; setting the environment
variable ``MUTUALDESK_HOME`` moves everything (tests point it at a temporary
folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_NAME

HOME_ENV = "MUTUALDESK_HOME"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir() -> Path:
    """The per-user folder that holds the database, backups and logs."""
    override = os.environ.get(HOME_ENV)
    if override:
        return _private_dir(Path(override))
    import platformdirs

    return _private_dir(platformdirs.user_data_path(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The database opened when no ``--db`` is given."""
    return data_dir() / "mutualdesk.sqlite"


def backups_dir(database: Path) -> Path:
    """Automatic backups of one database file, kept apart from other files'."""
    import hashlib

    resolved = str(database.resolve())
    tag = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return _private_dir(data_dir() / "backups" / f"{database.stem}-{tag}")


def logs_dir() -> Path:
    """Where the rotating log file is written."""
    return _private_dir(data_dir() / "logs")


def log_file() -> Path:
    """The current log file."""
    return logs_dir() / "mutualdesk.log"


def window_state_file() -> Path:
    """Remembered window geometry and table layouts (not preferences)."""
    return data_dir() / "window-state.ini"


def resources_dir() -> Path:
    """Bundled fonts, icons and demo data (source tree or frozen build)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
