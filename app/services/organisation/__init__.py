"""The organisation: its details and settings and the first-run set-up.

Other packages use what is exported here.
"""

from app.services.organisation.details import (
    KINDS,
    LEGAL_FORMS,
    MAX_IDLE_LOCK_MINUTES,
    MAX_LOGO_BYTES,
    OrganisationDetails,
    OrganisationInfo,
    create,
    first_run,
    found,
    get,
    is_set_up,
    list_all,
    update,
    validate,
)

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
