"""Small pure checks that give (field, message) issues, as in beancount's validation."""

from __future__ import annotations

import re

from app.errors import Issue, UserError

_POSTCODE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUW]? [0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(text: str) -> str:
    """'sw1a2aa' -> 'SW1A 2AA' (unchanged if too short to split)."""
    compact = re.sub(r"\s+", "", text).upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_issue(field: str, text: str, *, required: bool = False) -> Issue | None:
    """An issue if ``text`` is not a UK postcode (blank is allowed unless required)."""
    if not text.strip():
        return Issue(field, "Enter a postcode.") if required else None
    if not _POSTCODE.match(normalise_postcode(text)):
        return Issue(field, f"Postcode '{text.strip()}' is not a valid UK postcode.")
    return None


def required_issue(field: str, text: str, label: str, *, max_length: int = 200) -> Issue | None:
    """An issue if ``text`` is blank or longer than ``max_length``."""
    if not text.strip():
        return Issue(field, f"Enter the {label}.")
    if len(text.strip()) > max_length:
        return Issue(field, f"The {label} is too long (at most {max_length} characters).")
    return None


def raise_if_any(issues: list[Issue | None]) -> None:
    """Raise one UserError carrying every issue found."""
    found = [issue for issue in issues if issue is not None]
    if found:
        raise UserError.from_issues(found)
