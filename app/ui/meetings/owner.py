"""What a meeting window's tabs may ask of the window that holds them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QDialog, QLabel

from app.services.meetings.view import MeetingView
from app.ui.context import PageContext


class MeetingOwner(Protocol):
    """The meeting window, as its tabs see it (so a tab never imports the window)."""

    ctx: PageContext
    meeting_id: int
    view: MeetingView | None
    dialog: QDialog | None

    def refresh(self) -> None:
        """Read the meeting again and show it."""

    def change(self, op: Callable[[Any], object], done: str, label: QLabel) -> None:
        """Run ``op`` as one unit of work; say ``done`` in ``label`` when it is saved."""

    def open_dialog(self, dialog: QDialog) -> None:
        """Show ``dialog`` and refresh once it saves."""

    def record_vote(self) -> None:
        """Record a vote on a motion (warning first when the meeting is not quorate)."""

    def add_action(self) -> None:
        """Add an action under the chosen item."""

    def declare_interest(self) -> None:
        """Record a declaration of interest under the chosen item."""
