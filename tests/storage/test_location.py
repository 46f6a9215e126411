"""Plain warnings about where the live database file is kept."""

from __future__ import annotations

from pathlib import Path

from app.storage.location import shared_folder_warning


def test_cloud_sync_folder_is_warned_about() -> None:
    """A file inside OneDrive or Dropbox gets a warning that says what to do instead."""
    warning = shared_folder_warning(Path("/home/pat/OneDrive/TMO/mutualdesk.sqlite"))
    assert warning is not None
    assert "cloud-sync folder" in warning and "Back up now" in warning


def test_windows_share_is_warned_about() -> None:
    """A file on a network share (\\\\server\\share) gets a warning."""
    warning = shared_folder_warning(Path("//office-server/shared/mutualdesk.sqlite"))
    assert warning is not None and "network share" in warning


def test_local_file_gets_no_warning(tmp_path: Path) -> None:
    """A file in an ordinary local folder raises no warning."""
    assert shared_folder_warning(tmp_path / "mutualdesk.sqlite") is None
