"""What every page is given through its constructor (no globals)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from app.services.accounts.auth import UserInfo
from app.services.organisation import OrganisationInfo
from app.services.upkeep.opening import OpenFile
from app.ui.ops import ChangeBus, OpRunner


@dataclass
class PageContext:
    """The signed-in person, the open file, and the seam to the services (the runner:
    pages reach the database only through it)."""

    runner: OpRunner
    bus: ChangeBus
    user: UserInfo
    organisation: OrganisationInfo
    file: OpenFile
    state: QSettings

    @property
    def read_only(self) -> bool:
        """True when the file was opened read-only."""
        return self.file.read_only
