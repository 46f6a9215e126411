"""Backups through SQLite's backup API: made, verified, described, rotated, restored.

Every copy is checked with ``quick_check`` and described by a manifest
(``<copy>.json``): app version, schema revision, row counts, SHA-256 and the
audit head. Only the standard library and ``crypto`` are used, so backing up
needs no SQLAlchemy.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from app import __version__
from app.errors import EnvironmentProblem, NewerDatabase, UserError
from app.storage import attachment_backup, crypto, sqlite_file
from app.storage.revisions import KNOWN_REVISIONS

AUTOMATIC_REASONS = ("daily", "close")
SAFETY_REASONS = ("before-upgrade", "before-restore")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_SAFETY = 7, 5, 12, 5
ENCRYPTED_SUFFIX = ".mdbackup"


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written beside it as JSON."""

    app_version: str
    schema_revision: str
    created_at: str
    reason: str
    source: str
    sha256: str
    audit_head: str
    encrypted: bool = False
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def created(self) -> datetime:
        """When the backup was made (local time)."""
        return datetime.fromisoformat(self.created_at)

    @property
    def members(self) -> int:
        """Rows in the register of members."""
        return self.row_counts.get("members", 0)


@dataclass(frozen=True)
class Backup:
    """A backup file and its manifest."""

    path: Path
    manifest: Manifest


def manifest_path(backup: Path) -> Path:
    """The manifest beside a backup file."""
    return backup.with_name(backup.name + ".json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".partial")
    _private_file(tmp)
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of ``source`` through the SQLite backup API.

    The copy is made beside ``dest`` and moved into place only when complete.
    """
    live = source.resolve()
    if dest.resolve() in {
        live,
        *(live.with_name(live.name + s) for s in ("-wal", "-shm", ".lock")),
    }:
        raise UserError(
            f"'{dest.name}' is the database itself. Choose another name or folder for the backup."
        )
    partial = dest.with_name(dest.name + ".partial")
    _private_file(partial)
    try:
        with sqlite_file.connect(source) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, dest)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise sqlite_file.environment_problem(exc, dest) from exc


def _describe(copy: Path, source: Path, reason: str, now: datetime) -> Manifest:
    return Manifest(
        app_version=__version__,
        schema_revision=sqlite_file.schema_revision(copy) or "",
        created_at=now.isoformat(timespec="seconds"),
        reason=reason,
        source=str(source),
        sha256=_sha256(copy),
        audit_head=sqlite_file.audit_head(copy),
        row_counts=sqlite_file.row_counts(copy),
    )


def _write_manifest(backup: Path, manifest: Manifest) -> None:
    _write_private(manifest_path(backup), json.dumps(asdict(manifest), indent=2).encode())


def backup_to(
    database: Path,
    dest: Path,
    *,
    reason: str = "manual",
    passphrase: str | None = None,
    now: datetime | None = None,
) -> Backup:
    """Copy ``database`` to ``dest``, verify the copy and write its manifest.

    With a passphrase the copy is encrypted; the manifest then records the
    SHA-256 of the encrypted file.
    """
    now = now or datetime.now()
    dest.parent.mkdir(parents=True, exist_ok=True)
    plain = dest.with_name(dest.name + ".copying") if passphrase else dest
    _copy_database(database, plain)
    problems = sqlite_file.quick_check(plain)
    if problems:
        plain.unlink(missing_ok=True)
        raise EnvironmentProblem(
            f"The backup copy failed its check ({problems[0]}), so it was not kept. "
            "The database itself is unchanged. Check the disk, then try again."
        )
    try:
        manifest = _describe(plain, database, reason, now)
        if passphrase is not None:
            _write_private(dest, crypto.encrypt(plain.read_bytes(), passphrase))
            manifest = Manifest(**{**asdict(manifest), "encrypted": True, "sha256": _sha256(dest)})
        _write_manifest(dest, manifest)
        attachment_backup.back_up(database, dest, passphrase)
    except BaseException as exc:
        for leftover in (plain, dest, dest.with_name(dest.name + ".partial"), manifest_path(dest)):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error | OSError):
            raise sqlite_file.environment_problem(exc, dest) from exc
        raise
    finally:
        if passphrase is not None:
            plain.unlink(missing_ok=True)
    return Backup(dest, manifest)


def automatic_backup(
    database: Path,
    folder: Path,
    reason: str,
    now: datetime | None = None,
    *,
    rotate_after: bool = True,
) -> Backup:
    """A backup into the automatic folder, then (unless told not to) rotation."""
    now = now or datetime.now()
    name = f"{database.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    made = backup_to(database, folder / name, reason=reason, now=now)
    if rotate_after:
        rotate(folder)
    return made


def read_manifest(backup: Path) -> Manifest | None:
    """The manifest beside ``backup``, or None if it is missing or unreadable."""
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def list_backups(folder: Path) -> list[Backup]:
    """Backups in ``folder`` that have a manifest, newest first."""
    found = []
    for path in folder.glob("*"):
        if path.suffix not in (".sqlite", ENCRYPTED_SUFFIX) or not path.is_file():
            continue
        manifest = read_manifest(path)
        if manifest is not None:
            found.append(Backup(path, manifest))
    return sorted(found, key=lambda b: (b.manifest.created_at, b.path.name), reverse=True)


def backup_due(folder: Path, now: datetime | None = None) -> bool:
    """True if no automatic backup has been made today."""
    today = (now or datetime.now()).date()
    return not any(
        b.manifest.created.date() == today and b.manifest.reason in AUTOMATIC_REASONS
        for b in list_backups(folder)
    )


def rotate(folder: Path) -> list[Path]:
    """Delete automatic backups beyond 7 daily, 5 weekly and 12 monthly.

    The newest copy of each of the 7 latest days, 5 latest weeks and 12
    latest months is kept, with the 5 newest safety copies (made before an
    upgrade or a restore). Returns the files deleted.
    """
    backups = list_backups(folder)
    keep: set[Path] = set()
    automatic = [b for b in backups if b.manifest.reason in AUTOMATIC_REASONS]
    for period, count in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in automatic:  # newest first
            key = period(backup.manifest.created)
            if key not in seen:
                seen.append(key)
                if len(seen) <= count:
                    keep.add(backup.path)
    safety = [b for b in backups if b.manifest.reason in SAFETY_REASONS]
    keep.update(b.path for b in safety[:KEEP_SAFETY])
    removed = []
    for backup in automatic + safety:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            manifest_path(backup.path).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _damaged_backup(path: Path, detail: str) -> UserError:
    return UserError(
        f"The backup '{path.name}' is incomplete or damaged ({detail}). It may not have "
        "finished copying. Nothing has been changed. Choose another backup."
    )


def verify_backup(path: Path) -> Manifest:
    """Check a plain backup: the SHA-256 in its manifest, the header, ``quick_check``.

    Returns its manifest (described afresh if the manifest is missing).
    """
    manifest = read_manifest(path)
    if manifest is not None and not manifest.encrypted and manifest.sha256 != _sha256(path):
        raise _damaged_backup(path, "its contents do not match the checksum in its manifest")
    if not sqlite_file.has_sqlite_header(path):
        raise _damaged_backup(path, "it is not a database file")
    problems = sqlite_file.quick_check(path)
    if problems:
        raise _damaged_backup(path, problems[0])
    revision = sqlite_file.schema_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabase(
            f"The backup '{path.name}' was made by a newer version of MutualDesk. "
            "Install the newer version to restore it. Nothing has been changed."
        )
    return manifest or _describe(path, path, "unknown", datetime.fromtimestamp(0))


def _plain_copy(backup: Path, scratch: Path, passphrase: str | None) -> Path:
    """The backup as a plain database file (decrypted into ``scratch`` if need be)."""
    if not crypto.is_encrypted_file(backup):
        return backup
    if passphrase is None:
        raise UserError("This backup is encrypted. Enter the passphrase it was made with.")
    _write_private(scratch, crypto.decrypt(backup.read_bytes(), passphrase))
    return scratch


def _keep_current(database: Path, folder: Path) -> Backup | None:
    """Back up the file about to be replaced; a damaged one is kept as a raw copy."""
    try:
        # No rotation yet: it could delete the very backup about to be restored.
        return automatic_backup(database, folder, "before-restore", rotate_after=False)
    except (EnvironmentProblem, sqlite3.Error):
        import shutil

        raw = folder / f"{database.stem}-{datetime.now():%Y%m%d-%H%M%S}-damaged.sqlite.broken"
        try:
            for suffix in ("", "-wal"):
                source = database.with_name(database.name + suffix)
                if source.exists():
                    shutil.copyfile(source, raw.with_name(raw.name + suffix))
                    os.chmod(raw.with_name(raw.name + suffix), 0o600)
        except OSError as exc:
            raise sqlite_file.environment_problem(exc, raw) from exc
        return None


def newest_good(folder: Path) -> Backup | None:
    """The newest backup in ``folder`` that passes its checks."""
    for backup in list_backups(folder):
        if backup.manifest.encrypted:
            continue
        try:
            verify_backup(backup.path)
        except (UserError, EnvironmentProblem):
            continue
        return backup
    return None


def restore(
    backup: Path, database: Path, folder: Path, *, passphrase: str | None = None
) -> Backup | None:
    """Replace ``database`` with the contents of ``backup``.

    The backup is checked first and the current file is backed up into
    ``folder``; the caller must hold the database lock. Returns the safety
    backup (None when there was no current file to keep).
    """
    if not backup.is_file():
        raise UserError(f"There is no backup file at '{backup}'.")
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f"restore-{os.getpid()}.sqlite"
    try:
        plain = _plain_copy(backup, scratch, passphrase)
        verify_backup(plain)
        safety = None
        if database.exists() and database.stat().st_size > 0:
            safety = _keep_current(database, folder)
        try:
            with sqlite_file.connect(plain) as src, closing(sqlite3.connect(database)) as dst:
                src.backup(dst)
        except sqlite3.Error as exc:
            raise sqlite_file.environment_problem(exc, database) from exc
        attachment_backup.restore(database, backup, passphrase)
        rotate(folder)
        return safety
    finally:
        scratch.unlink(missing_ok=True)
