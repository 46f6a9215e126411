"""What an election window's tabs may ask of the window that holds them."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLabel

from app.ui.context import PageContext


class ElectionOwner(Protocol):
    """The election window, as its tabs see it (so a tab never imports the window)."""

    ctx: PageContext
    election_id: int

    def advance(self, target: str, result: QLabel) -> None:
        """Move the election on to ``target``, saying how it went in ``result``."""
