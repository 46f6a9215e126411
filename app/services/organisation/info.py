"""An organisation's details as the screens show them (no SQLAlchemy: the main window
is built with them before it is imported)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

KINDS: dict[str, str] = {
    "tmo": "Tenant Management Organisation (TMO)",
    "tenants": "Tenants' or residents' association",
    "childrens_centre": "Children's Centre",
    "user_led": "User-led organisation",
    "cooperative": "Co-operative",
    "federation": "Federation of mutuals (its members are organisations)",
    "other": "Other",
}
LEGAL_FORMS: tuple[str, ...] = (
    "Co-operative or community benefit society",
    "Company limited by guarantee",
    "Charitable incorporated organisation (CIO)",
    "Unincorporated association",
    "Other",
)
MAX_LOGO_BYTES = 1_000_000
MAX_IDLE_LOCK_MINUTES = 240


@dataclass(frozen=True)
class OrganisationDetails:
    """Everything the set-up wizard and the settings page ask for."""

    name: str
    kind: str = "tmo"
    legal_form: str = LEGAL_FORMS[0]
    registration_number: str = ""
    address: str = ""
    postcode: str = ""
    fy_start_day: int = 1
    fy_start_month: int = 4
    share_value_pence: int = 100
    logo_png: bytes | None = None
    idle_lock_minutes: int = 10
    minimum_voting_age: int = 16
    voting_needs_paid_share: bool = True
    cancelled_shares_repaid: bool = False  # the rules: a cancelled share repaid, or forfeited
    retention_years: int = 6
    founded_on: date | None = None  # meetings cannot be dated before it


@dataclass(frozen=True)
class OrganisationInfo(OrganisationDetails):
    """An organisation that exists."""

    id: int = 0

    @property
    def kind_label(self) -> str:
        """'Children's Centre'."""
        return KINDS.get(self.kind, self.kind)


def info_from(values: Mapping[str, Any]) -> OrganisationInfo:
    """An organisation from its row's values by column name (the ORM's, or SQLite's own)."""
    found = {field.name: values[field.name] for field in fields(OrganisationInfo)}
    for name in ("voting_needs_paid_share", "cancelled_shares_repaid"):
        found[name] = bool(found[name])
    return OrganisationInfo(**found)
