"""The council's monitoring pack with its performance sheet: the finance pack, and the
year's indicators beside it (the quarter the pack is for, where it is a quarter)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from app.services.accounts.roles import Actor
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.finance import reports as finance_reports
from app.services.finance.report_types import CouncilPack
from app.services.finance.setup import report_year
from app.services.performance.results import performance


def council_pack(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> CouncilPack:
    """The monitoring pack, with the indicators of its year."""
    pack = finance_reports.council_pack(session, actor, now, options)
    year = report_year(session, actor, options).starts_on.year
    found = performance(session, actor, now, ReportOptions(year=year, quarter=options.quarter))
    return replace(pack, performance=found if found.indicators else None)
