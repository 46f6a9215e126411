"""What every page is given through its constructor (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from app.services.accounts.user_info import UserInfo
from app.services.organisation import OrganisationInfo
from app.services.upkeep.opening import OpenFile
from app.ui.ops import ChangeBus, OpRunner

if TYPE_CHECKING:
    from app.services.upkeep.first_look import FirstPage


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
    # The register's first page, read at start-up without SQLAlchemy: the Members page
    # shows it (once) instead of asking the runner, so the window paints before SQLAlchemy
    # is imported.
    first_page: FirstPage | None = None

    @property
    def read_only(self) -> bool:
        """True when the file was opened read-only."""
        return self.file.read_only
