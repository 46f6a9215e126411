"""Warnings about where a live database file is kept."""

from __future__ import annotations

import sys
from pathlib import Path

_SYNC_FOLDERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "my drive")
_NETWORK_WARNING = (
    "'{name}' is on a network share. If the network drops while MutualDesk is writing, "
    "the file can be damaged. Keep the live file on this computer, and back up to the share "
    "instead."
)
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}


def _filesystem_type(path: Path) -> str:
    """The Linux filesystem type of the mount holding ``path`` ('' if unknown)."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    target = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and target.startswith(parts[1]) and len(parts[1]) > len(best):
            best, kind = parts[1], parts[2]
    return kind


def shared_folder_warning(path: Path) -> str | None:
    """A plain warning if the live file is on a network share or in a sync folder."""
    text = str(path)
    lowered = text.lower()
    if any(part in lowered for part in _SYNC_FOLDERS):
        return (
            f"'{path.name}' is inside a cloud-sync folder (OneDrive, Dropbox, Google Drive). "
            "Syncing a database while it is open can damage it. Keep the live file in a "
            "local folder, and use Back up now to put copies in the cloud folder."
        )
    if text.startswith(("\\\\", "//")) or _filesystem_type(path) in _NETWORK_FS:
        return _NETWORK_WARNING.format(name=path.name)
    if sys.platform == "win32" and _is_network_drive(text):  # pragma: no cover - Windows
        return _NETWORK_WARNING.format(name=path.name)
    return None


def _is_network_drive(text: str) -> bool:  # pragma: no cover - Windows only
    """True for a mapped drive letter (X:) that points at a share."""
    if sys.platform != "win32" or len(text) < 2 or text[1] != ":":
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(text[:3]) == 4)  # DRIVE_REMOTE
