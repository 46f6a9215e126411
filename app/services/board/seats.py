"""Kinds of seat: how many, for which category, the term, and how they are filled."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import MemberCategory, SeatType
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.board.common import (
    FILLED_BY,
    SeatFilling,
    SeatTypeInfo,
    _org,
    _seat_info,
    _seat_type,
)
from app.services.common.validation import raise_if_any, required_issue


def save_seat_type(
    session: Session,
    actor: Actor,
    *,
    seat_type_id: int | None,
    name: str,
    category_id: int | None,
    seats: int,
    term_years: int,
    filled_by: str,
    body: str = "",
) -> SeatTypeInfo:
    """Add a kind of seat (``seat_type_id`` None) or change one."""
    org_id = _org(actor)
    name, body = " ".join(name.split()), " ".join(body.split())
    issues: list[Issue | None] = [required_issue("name", name, "seat's name", max_length=60)]
    if not 1 <= seats <= 100:
        issues.append(Issue("seats", "The number of seats must be 1 to 100."))
    if not 1 <= term_years <= 10:
        issues.append(Issue("term_years", "The term must be 1 to 10 years."))
    if filled_by not in FILLED_BY:
        issues.append(
            Issue("filled_by", "Choose how the seat is filled: elected, co-opted or appointed.")
        )
    if filled_by == SeatFilling.APPOINTED and not body:
        issues.append(Issue("body", "Enter the body that appoints or nominates to this seat."))
    if len(body) > 120:
        issues.append(Issue("body", "The body's name is too long (at most 120 characters)."))
    if category_id is not None:
        category = session.get(MemberCategory, category_id)
        if category is None or category.organisation_id != org_id:
            issues.append(Issue("category_id", "That category is not one of this organisation's."))
        elif filled_by == SeatFilling.ELECTED and not category.may_stand:
            issues.append(
                Issue(
                    "category_id",
                    f"{category.name} members may not stand for election, so cannot have "
                    "elected seats. Change the category or how the seat is filled.",
                )
            )
    raise_if_any(issues)
    clash = session.scalar(
        select(SeatType.id).where(
            SeatType.organisation_id == org_id, func.lower(SeatType.name) == name.lower()
        )
    )
    if clash is not None and clash != seat_type_id:
        raise UserError.from_issues([Issue("name", f"There is already a seat called '{name}'.")])
    before: dict[str, object] | None = None
    if seat_type_id is None:
        row = SeatType(organisation_id=org_id)
        session.add(row)
    else:
        row = _seat_type(session, org_id, seat_type_id)
        before = {"name": row.name, "seats": row.seats, "term_years": row.term_years}
    row.name, row.category_id, row.seats = name, category_id, seats
    row.term_years, row.filled_by, row.body = term_years, filled_by, body
    session.flush()
    after = {
        "name": name,
        "category_id": category_id,
        "seats": seats,
        "term_years": term_years,
        "filled_by": filled_by,
        "body": body,
    }
    audit.record(
        session,
        actor,
        "create" if before is None else "update",
        "seat type",
        row.id,
        before=before,
        after=after,
    )
    return _seat_info(session, row)


def list_seat_types(session: Session, organisation_id: int) -> list[SeatTypeInfo]:
    """The organisation's kinds of seat, by name."""
    rows = session.scalars(
        select(SeatType).where(SeatType.organisation_id == organisation_id).order_by(SeatType.name)
    )
    return [_seat_info(session, row) for row in rows]
