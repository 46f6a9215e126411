"""The reach report's data: each quarter's counts by measure and group, and the
activities' sessions, for a financial year. Drawn for export, so every count under 5
is shown as "fewer than 5" (``reach.shown``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.organisation.financial_year import financial_year
from app.services.performance.indicators import period_label, quarter_dates
from app.services.performance.reach import GROUPS, MEASURES, ActivityFigures, reach


@dataclass(frozen=True)
class ReachReport:
    """A year's reach: rows of (measure, group) with a count for each quarter."""

    letterhead: Letterhead
    generated: datetime
    start_year: int
    quarters: tuple[str, ...]  # the quarters' labels
    rows: tuple[tuple[str, str, tuple[int | None, ...]], ...]  # measure, group, counts
    activities: tuple[tuple[str, tuple[ActivityFigures, ...]], ...]  # per quarter

    @property
    def title(self) -> str:
        """'Reach 2025/26'."""
        return f"Reach {period_label(self.start_year, 0)}"


def reach_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> ReachReport:
    """The year starting in ``options.year`` (the last complete year when not given)."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org = actor.organisation_id
    year = financial_year(session, org, options.year, now.date())
    start_year = year.start.year
    found = []
    for quarter in range(1, 5):
        begins, ends = quarter_dates(year.start, quarter)
        found.append(reach(session, org, start_year, quarter, begins, ends))
    keys = []
    for measure in MEASURES:
        groups = dict.fromkeys([g for g in GROUPS for q in found if (measure, g) in q.counts]
                               + sorted({k[1] for q in found for k in q.counts
                                         if k[0] == measure} - set(GROUPS)))  # fmt: skip
        keys += [(measure, group) for group in groups]
    rows = tuple(
        (measure, group, tuple(q.counts.get((measure, group)) for q in found))
        for measure, group in keys
    )
    return ReachReport(
        letterhead(session, org), now, start_year,
        tuple(period_label(start_year, q) for q in range(1, 5)), rows,
        tuple((period_label(start_year, q + 1), found[q].activities) for q in range(4)),
    )  # fmt: skip
