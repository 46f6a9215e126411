"""Scans of receipts are backed up with the database: each backup folder keeps a copy
of the attachments folder beside the copies of the database file.

Attachments never change once saved (each is named by its entry number), so one
copy per backup folder serves every backup in it; an encrypted backup keeps them
encrypted with the same passphrase. A restore brings back any that are missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.storage import crypto

ENCRYPTED = ".enc"


def attachments_of(database: Path) -> Path:
    """Where the scans for ``database`` live (see ``finance.cashbook``)."""
    return database.with_name(f"{database.stem}-attachments")


def mirror_of(database: Path, backup: Path) -> Path:
    """Where a backup written to ``backup`` keeps the scans."""
    return backup.parent / f"{database.stem}-attachments"


def back_up(database: Path, backup: Path, passphrase: str | None = None) -> int:
    """Copy scans not yet in the backup's folder; how many were copied."""
    source = attachments_of(database)
    if not source.is_dir():
        return 0
    target = mirror_of(database, backup)
    copied = 0
    for scan in sorted(source.iterdir()):
        if not scan.is_file() or scan.name.endswith(".part"):
            continue
        name = scan.name + (ENCRYPTED if passphrase else "")
        if (target / name).exists():
            continue
        target.mkdir(parents=True, exist_ok=True)
        data = scan.read_bytes()
        partial = target / (name + ".part")
        partial.write_bytes(crypto.encrypt(data, passphrase) if passphrase else data)
        os.chmod(partial, 0o600)
        partial.replace(target / name)
        copied += 1
    return copied


def restore(database: Path, backup: Path, passphrase: str | None = None) -> int:
    """Bring back scans the backup's folder has and the database's folder lacks."""
    source = mirror_of(database, backup)
    if not source.is_dir():
        return 0
    target = attachments_of(database)
    restored = 0
    for kept in sorted(source.iterdir()):
        encrypted = kept.name.endswith(ENCRYPTED)
        name = kept.name[: -len(ENCRYPTED)] if encrypted else kept.name
        if not kept.is_file() or name.endswith(".part") or (target / name).exists():
            continue
        if encrypted and passphrase is None:
            continue
        data = kept.read_bytes()
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(
            crypto.decrypt(data, passphrase) if encrypted and passphrase else data
        )
        restored += 1
    return restored
