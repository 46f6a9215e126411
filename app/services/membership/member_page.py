"""The Members page's list: what it can be asked for and what a line holds.

No SQLAlchemy here: the register's first page is shown from these before it is imported
(``services.upkeep.first_look``); ``member_query`` answers them in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from app.services.membership.member_status import status_of

STATUSES: dict[str, str] = {
    "current": "Current members",
    "applicant": "Applicants",
    "former": "Former members",
}


class SortKey(Enum):
    """What the list can be sorted by (the page's columns)."""

    NAME = "name"
    NUMBER = "number"
    POSTCODE = "postcode"
    CATEGORY = "category"
    JOINED = "joined"
    LEFT = "left"
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True)
class PageFilter:
    """What the person typed and chose above the list."""

    search: str = ""
    category_id: int | None = None
    status: str | None = None  # a key of STATUSES
    eligible_on: date | None = None


@dataclass(frozen=True)
class PageRow:
    """One line of the list."""

    id: int
    number: int
    name: str
    postcode: str
    category: str
    status: str
    joined_on: date | None
    left_on: date | None
    email: str
    phone: str
    address: str
    shares: int


def page_row(values: tuple[Any, ...]) -> PageRow:
    """A line of the list from the columns ``member_query.page_rows`` reads, in its order:
    id, number, title, given and family names, postcode, category, joined, left, email,
    mobile, phone, address and shares held."""
    (
        member_id,
        number,
        title,
        given,
        family,
        postcode,
        category,
        joined,
        left,
        email,
        mobile,
        phone,
        address,
        shares,
    ) = values
    name = (f"{family}, {given}" if given else family) + (f" ({title})" if title else "")
    return PageRow(
        id=member_id,
        number=number,
        name=name,
        postcode=postcode,
        category=category,
        status=status_of(joined, left),
        joined_on=joined,
        left_on=left,
        email=email,
        phone=mobile or phone,
        address=address.replace("\n", ", "),
        shares=int(shares or 0),
    )
