"""A year's performance: each indicator switched on, its figures for each quarter (or
the year), met / close / missed in words, the year's result worked out from the
quarters' figures added up (never an average of percentages), and its trend over the
eight quarters to the end of the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Indicator, IndicatorFigure
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.organisation.financial_year import financial_year
from app.services.performance.indicators import (
    CLOSE,
    MET,
    MISSED,
    NO_FIGURES,
    judge,
    period_label,
    shown,
    value_of,
    working,
)
from app.services.performance.library import COUNT, LATEST, LIBRARY, RATE, YEARLY

GROUP_ORDER = {group: n for n, group in enumerate(dict.fromkeys(i.group for i in LIBRARY))}


@dataclass(frozen=True)
class PeriodResult:
    """One period of one indicator."""

    label: str
    first: int | None
    second: int | None
    value: Decimal | None
    verdict: str
    note: str
    working: str
    shown: str  # the figure as the report shows it: '96.0%', '23.0 days', '–'


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's year."""

    code: str
    name: str
    group: str
    unit: str
    method: str
    first_label: str
    second_label: str
    money: bool
    target: Decimal | None
    higher_is_better: bool
    close_within: Decimal
    year_rule: str
    periods: tuple[PeriodResult, ...]  # the quarters, or the year alone
    year: PeriodResult
    trend: tuple[tuple[str, Decimal | None], ...]  # eight quarters, oldest first

    @property
    def target_shown(self) -> str:
        """'97.0%', or 'none'."""
        if self.target is None:
            return "none"
        return shown(self.target, self.unit)


@dataclass(frozen=True)
class Performance:
    """The performance report's data."""

    letterhead: Letterhead
    generated: datetime
    start_year: int
    quarter: int | None
    indicators: tuple[IndicatorResult, ...]

    @property
    def title(self) -> str:
        """'Performance 2025/26' (or a quarter of it)."""
        return f"Performance {period_label(self.start_year, self.quarter or 0)}"

    def count(self, verdict: str) -> int:
        """How many indicators' year (or quarter) came out ``verdict``."""
        return sum(1 for i in self.indicators if self.headline(i).verdict == verdict)

    def headline(self, indicator: IndicatorResult) -> PeriodResult:
        """The result the report leads with: the quarter asked for, or the year."""
        if self.quarter:
            return next((p for p in indicator.periods if p.label.endswith(f"Q{self.quarter}")),
                        indicator.year)  # fmt: skip
        return indicator.year


def _period(row: Indicator, label: str, first: int | None, second: int | None,
            note: str = "") -> PeriodResult:  # fmt: skip
    if first is None:
        return PeriodResult(label, None, None, None, NO_FIGURES, "", "", "–")
    value = value_of(row.method, first, second)
    target = None if row.target_hundredths is None else Decimal(row.target_hundredths) / 100
    verdict = judge(value, target, row.higher_is_better, Decimal(row.close_hundredths) / 100)
    text = f"{first:,} {row.unit}".strip() if row.method == COUNT else shown(value, row.unit)
    return PeriodResult(label, first, second, value, verdict, note, working(row, first, second),
                        text)  # fmt: skip


def year_figures(figures: list[IndicatorFigure], method: str, rule: str
                 ) -> tuple[int | None, int | None]:  # fmt: skip
    """The year's two figures from its quarters' (in order): both added up; the first
    added up over the last quarter's second (a rate per homes counts the homes once); or
    the last quarter's as they stand (a position at the year's end)."""
    if not figures:
        return None, None
    last = max(figures, key=lambda f: f.quarter)
    if rule == LATEST:
        return last.first, None if method == COUNT else last.second
    first = sum(f.first for f in figures)
    if method == COUNT:
        return first, None
    if rule == RATE:
        return first, last.second
    return first, sum(f.second or 0 for f in figures)


def _kept(row: Indicator, label: str, figure: IndicatorFigure | None) -> PeriodResult:
    if figure is None:
        return _period(row, label, None, None)
    return _period(row, label, figure.first, figure.second, figure.note)


def indicator_year(
    row: Indicator, figures: list[IndicatorFigure], start_year: int
) -> IndicatorResult:
    """One indicator's year from its figures (any years: the trend reads back two)."""
    by_period = {(f.start_year, f.quarter): f for f in figures}
    if row.frequency == YEARLY:
        year = _kept(row, period_label(start_year, 0), by_period.get((start_year, 0)))
        periods: tuple[PeriodResult, ...] = (year,)
        shown_periods = [(y, 0) for y in range(start_year - 7, start_year + 1)]
    else:
        periods = tuple(
            _kept(row, period_label(start_year, q), by_period.get((start_year, q)))
            for q in range(1, 5)
        )
        in_year = [f for (y, q), f in by_period.items() if y == start_year and q]
        year = _period(row, period_label(start_year, 0),
                       *year_figures(in_year, row.method, row.year_rule))  # fmt: skip
        shown_periods = [(y, q) for y in (start_year - 1, start_year) for q in range(1, 5)]
    trend = tuple(
        (period_label(y, q), _kept(row, "", by_period.get((y, q))).value) for y, q in shown_periods
    )
    target = None if row.target_hundredths is None else Decimal(row.target_hundredths) / 100
    return IndicatorResult(
        row.code, row.name, row.group_name, row.unit, row.method, row.first_label,
        row.second_label, row.money, target, row.higher_is_better,
        Decimal(row.close_hundredths) / 100, row.year_rule, periods, year, trend,
    )  # fmt: skip


def performance(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Performance:
    """Every indicator switched on, for the year starting in ``options.year`` (the last
    complete year when not given)."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org_id = actor.organisation_id
    today = now.date()
    start_year = financial_year(session, org_id, options.year, today).start.year
    rows = session.scalars(
        select(Indicator)
        .where(Indicator.organisation_id == org_id, Indicator.active.is_(True))
        .order_by(Indicator.code)
    ).all()
    rows = sorted(rows, key=lambda r: (GROUP_ORDER.get(r.group_name, len(GROUP_ORDER)),
                                       r.group_name, r.code))  # fmt: skip
    figures: dict[int, list[IndicatorFigure]] = {row.id: [] for row in rows}
    for figure in session.scalars(
        select(IndicatorFigure).where(
            IndicatorFigure.indicator_id.in_(list(figures)),
            IndicatorFigure.start_year.between(start_year - 7, start_year),
        )
    ):
        figures[figure.indicator_id].append(figure)
    found = tuple(indicator_year(row, figures[row.id], start_year) for row in rows)
    return Performance(letterhead(session, org_id), now, start_year, options.quarter, found)


VERDICT_WORDS = {MET: "Met", CLOSE: "Close", MISSED: "Missed", NO_FIGURES: "No figures",
                 "no target": "No target"}  # fmt: skip
