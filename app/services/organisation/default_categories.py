"""The member categories a new organisation starts with, by its kind."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import MemberCategory

# (name, may vote, may stand, probation months) for a new organisation of each kind
DEFAULTS: dict[str, tuple[tuple[str, bool, bool, int], ...]] = {
    "tmo": (
        ("Tenant", True, True, 0),
        ("Leaseholder", True, True, 0),
        ("Community", True, False, 0),
    ),
    "tenants": (("Tenant", True, True, 0), ("Leaseholder", True, True, 0)),
    "childrens_centre": (
        ("Parent/carer", True, True, 0),
        ("Staff", True, True, 6),
        ("Community", True, True, 0),
        ("Statutory nominee", False, False, 0),
    ),
    "federation": (("Member organisation", True, True, 0), ("Individual", True, False, 0)),
}
FALLBACK = (("Member", True, True, 0),)


def add_defaults(session: Session, organisation_id: int, kind: str) -> None:
    """The usual categories for a new organisation of ``kind``; the first is the default."""
    for position, (name, vote, stand, months) in enumerate(DEFAULTS.get(kind, FALLBACK)):
        session.add(
            MemberCategory(
                organisation_id=organisation_id,
                name=name,
                may_vote=vote,
                may_stand=stand,
                probation_months=months,
                is_default=position == 0,
            )
        )
    session.flush()
