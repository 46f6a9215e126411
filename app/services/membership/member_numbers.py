"""Members looked up by the membership numbers people type (for forms that take numbers)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Member


def member_ids(
    session: Session, organisation_id: int, numbers: dict[str, int | None]
) -> dict[str, int]:
    """{field: member id} for {field: membership number}; UserError with an issue per bad one.

    A ``None`` number means the box was empty or not a number.
    """
    wanted = {n for n in numbers.values() if n is not None}
    found = {
        number: (member_id, merged)
        for member_id, number, merged in session.execute(
            select(Member.id, Member.membership_number, Member.merged_into_id).where(
                Member.organisation_id == organisation_id,
                Member.membership_number.in_(wanted),
            )
        )
    }
    issues: list[Issue] = []
    ids: dict[str, int] = {}
    for field, number in numbers.items():
        if number is None:
            issues.append(Issue(field, "Enter a membership number (digits only)."))
        elif number not in found:
            issues.append(Issue(field, f"There is no member number {number} on the register."))
        elif found[number][1] is not None:
            issues.append(Issue(field, f"Member number {number} was merged into another record."))
        else:
            ids[field] = found[number][0]
    if issues:
        raise UserError.from_issues(issues)
    return ids


def number_from_text(text: str) -> int | None:
    """'12' -> 12; '' or 'twelve' -> None."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None
