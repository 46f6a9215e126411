"""Passphrase encryption for backups taken away on a USB stick.

AES-256-GCM with a key from scrypt; the file starts with a short magic so
an encrypted backup is recognised. A wrong passphrase and a damaged file
both fail the authentication tag, and nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import UserError

MAGIC = b"MUTUALDESK-ENCRYPTED-BACKUP-1\n"
_SALT = 16
_NONCE = 12


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def is_encrypted(data_start: bytes) -> bool:
    """True if bytes read from the start of a file mark an encrypted backup."""
    return data_start.startswith(MAGIC)


def is_encrypted_file(path: Path) -> bool:
    """True if the file at ``path`` is an encrypted backup."""
    with path.open("rb") as handle:
        return is_encrypted(handle.read(len(MAGIC)))


def encrypt(plain: bytes, passphrase: str) -> bytes:
    """The encrypted form of ``plain``."""
    if len(passphrase) < 8:
        raise UserError("Choose a passphrase of at least 8 characters.")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    return MAGIC + salt + nonce + AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, MAGIC)


def decrypt(blob: bytes, passphrase: str) -> bytes:
    """The plain bytes, or a UserError if the passphrase is wrong or the file damaged."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted(blob):
        raise UserError("This file is not an encrypted MutualDesk backup.")
    body = blob[len(MAGIC) :]
    if len(body) < _SALT + _NONCE + 16:
        raise UserError("This encrypted backup is incomplete: it may not have finished copying.")
    salt, nonce, cipher = body[:_SALT], body[_SALT : _SALT + _NONCE], body[_SALT + _NONCE :]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, cipher, MAGIC)
    except InvalidTag:
        raise UserError(
            "The passphrase is wrong, or the backup file is damaged. Nothing has been changed. "
            "Check the passphrase (it is case-sensitive) and try again."
        ) from None
