"""A rotating log file in the data folder."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler

from app import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO) -> None:
    """Log to ``paths.log_file()`` (1 MB a file, 5 kept), once per process."""
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    path = paths.log_file()
    try:
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        os.chmod(path, 0o600)
    except OSError:
        return  # a log we cannot write must not stop the program
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
