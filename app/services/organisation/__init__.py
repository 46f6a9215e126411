"""The organisation: its details and settings and the first-run set-up.

Other packages use what is exported here. The details (``info``) load without
SQLAlchemy; the functions that read and write them load ``details`` when first asked
for (PEP 562), so the main window can be built before SQLAlchemy is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.services.organisation.info import (
    KINDS,
    LEGAL_FORMS,
    MAX_IDLE_LOCK_MINUTES,
    MAX_LOGO_BYTES,
    OrganisationDetails,
    OrganisationInfo,
)

if TYPE_CHECKING:
    from app.services.organisation.details import (
        create,
        first_run,
        found,
        get,
        is_set_up,
        list_all,
        update,
        validate,
    )

_IN_DETAILS = frozenset(
    {"create", "first_run", "found", "get", "is_set_up", "list_all", "update", "validate"}
)


def __getattr__(name: str) -> Any:
    if name not in _IN_DETAILS:
        raise AttributeError(f"module 'app.services.organisation' has no attribute '{name}'")
    return getattr(importlib.import_module("app.services.organisation.details"), name)


__all__ = [
    "KINDS",
    "LEGAL_FORMS",
    "MAX_IDLE_LOCK_MINUTES",
    "MAX_LOGO_BYTES",
    "OrganisationDetails",
    "OrganisationInfo",
    "create",
    "first_run",
    "found",
    "get",
    "is_set_up",
    "list_all",
    "update",
    "validate",
]
