"""Backups as people see them: made, listed, described, due, and whether one is encrypted."""

from app.storage.backups import (
    ENCRYPTED_SUFFIX,
    Backup,
    automatic_backup,
    backup_due,
    backup_to,
    list_backups,
    newest_good,
    read_manifest,
)
from app.storage.crypto import is_encrypted_file

__all__ = [
    "ENCRYPTED_SUFFIX",
    "Backup",
    "automatic_backup",
    "backup_due",
    "backup_to",
    "is_encrypted_file",
    "list_backups",
    "newest_good",
    "read_manifest",
]
