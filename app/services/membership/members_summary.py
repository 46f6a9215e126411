"""How many members the register holds, as the Members page shows above the list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RegisterSummary:
    """Counts for the register of members."""

    current: int
    former: int


def summary(session: Session, organisation_id: int) -> RegisterSummary:
    """How many current and former members the organisation has."""
    from sqlalchemy import func, select  # here: the first window shows a summary without it

    from app.models import Member

    rows = session.execute(
        select(Member.left_on.is_(None), func.count())
        .where(Member.organisation_id == organisation_id)
        .group_by(Member.left_on.is_(None))
    ).all()
    counts = {bool(current): int(n) for current, n in rows}
    return RegisterSummary(counts.get(True, 0), counts.get(False, 0))
