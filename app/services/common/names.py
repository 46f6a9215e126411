"""How a person is named everywhere: one function, so every list and paper agrees."""

from __future__ import annotations

from typing import Protocol


class Named(Protocol):
    """Anything with a member's name parts (a Member row, a record, a list row)."""

    @property
    def given_name(self) -> str: ...

    @property
    def family_name(self) -> str: ...


def display_name(given: str, family: str, title: str = "") -> str:
    """'Ms Zoë Wróbel' (or 'Zoë Wróbel' when there is no title); empty parts are left out."""
    return " ".join(p for p in (title, given, family) if p)


def name_of(person: Named, *, with_title: bool = True) -> str:
    """``display_name`` of a member (their title too unless ``with_title`` is False)."""
    title = getattr(person, "title", "") if with_title else ""
    return display_name(person.given_name, person.family_name, title or "")
