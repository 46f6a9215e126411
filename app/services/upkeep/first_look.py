"""The first look at an opened file, without SQLAlchemy: the sign-in window's heading,
the session's first sign-in and the register's first page.

Importing SQLAlchemy takes longer than the rest of start-up together, so the desktop
app paints the main window from these and imports it afterwards (issue 19). Each
answer is the one the services give (a test compares them on the same files); where
a service would do more than read, the first look says "ask the service" instead:
a sign-in that does not match, follows failed ones, or needs its hash renewed goes
to ``auth.sign_in``. A sign-in checked here is written down afterwards with
``auth.record_sign_in``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.models.clock import utc_now
from app.services.accounts.passwords import dummy_hash, needs_rehash, password_matches
from app.services.accounts.roles import Role
from app.services.accounts.user_info import UserInfo
from app.services.membership.member_page import PageRow, page_row
from app.services.membership.members_summary import RegisterSummary
from app.services.organisation.info import OrganisationInfo, info_from
from app.storage import first_look


def heading_for(names: list[str]) -> str | None:
    """What the sign-in window is headed with: the organisation, or how many centres;
    None before any is set up."""
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{len(names)} centres"


def heading(path: Path) -> str | None:
    """The sign-in window's heading for the file, read without SQLAlchemy."""
    return heading_for(first_look.organisation_names(path))


def check_sign_in(path: Path, username: str, password: str) -> UserInfo | None:
    """The user, if the password matches an account in use with no failed attempts
    behind it and a hash at today's cost; otherwise None: ask ``auth.sign_in``.

    An unknown name is checked against a hash too, so it takes as long as a known one.
    """
    found = first_look.user(path, username)
    stored = dummy_hash() if found is None else str(found["password_hash"])
    matches = password_matches(stored, password)
    if found is None or not matches or needs_rehash(stored):
        return None
    if not found["active"] or found["failed_attempts"] or found["last_failed_at"] is not None:
        return None
    return UserInfo(
        found["id"],
        found["organisation_id"],
        found["username"],
        found["full_name"],
        Role(found["role"]),
        bool(found["active"]),
        bool(found["must_change_password"]),
        utc_now(),  # this sign-in, written down next
    )


def organisation(path: Path, organisation_id: int) -> OrganisationInfo:
    """The organisation, as ``organisation.get`` gives it."""
    return info_from(first_look.organisation(path, organisation_id))


@dataclass(frozen=True)
class FirstPage:
    """The register as the Members page first shows it: everyone in name order."""

    ids: list[int]
    rows: list[PageRow]
    summary: RegisterSummary


def first_page(path: Path, organisation_id: int, page_size: int) -> FirstPage:
    """The ids of the whole list, the rows of its first page and the counts above it."""
    ids, rows, current, former = first_look.register(path, organisation_id, page_size)
    return FirstPage(ids, [page_row(values) for values in rows], RegisterSummary(current, former))
