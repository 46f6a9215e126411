"""Performance indicators: switched on from the library or added, their figures typed
per period (two figures, never a percentage), and each period's result against target
in words: met, close or missed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Indicator, IndicatorFigure
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.validation import raise_if_any
from app.services.organisation.financial_year import quarter_of, starting_in
from app.services.performance.access import recorder_org
from app.services.performance.library import (
    AVERAGE,
    COUNT,
    LIBRARY,
    METHODS,
    PER_THOUSAND,
    PERCENT,
    UNITS,
    YEARLY,
    LibraryIndicator,
    find,
    year_rule,
)

MET, CLOSE, MISSED, NO_TARGET, NO_FIGURES = "met", "close", "missed", "no target", "no figures"
HUNDRED = Decimal(100)
BIGGEST = 10**12  # a figure beyond this (ten thousand million pounds, in pence) is a slip


def hundredths(text: str) -> int:
    """'97' -> 9700; '0.5' -> 50."""
    return int((Decimal(text) * HUNDRED).to_integral_value(ROUND_HALF_UP))


def switch_on(session: Session, actor: Actor, codes: list[str]) -> list[str]:
    """Switch on the library's indicators ``codes`` (again, if switched off); the names."""
    org_id = recorder_org(actor)
    unknown = [code for code in codes if find(code) is None]
    if unknown:
        raise UserError(
            f"The library has no indicator {', '.join(unknown)}: see `mutualdesk list "
            "indicators --library` for the codes."
        )
    have = {
        row.code: row
        for row in session.scalars(select(Indicator).where(Indicator.organisation_id == org_id))
    }
    done = []
    for code in codes:
        entry = find(code)
        assert entry is not None
        row = have.get(code)
        if row is not None and row.active:
            done.append(entry.name)
            continue
        if row is None:
            row = _from_library(org_id, entry)
            session.add(row)
        row.active = True
        session.flush()
        audit.record(session, actor, "switch on", "indicator", row.id, after={"code": code})
        done.append(entry.name)
    return done


def _from_library(org_id: int, entry: LibraryIndicator) -> Indicator:
    return Indicator(
        organisation_id=org_id, code=entry.code, name=entry.name, method=entry.method,
        first_label=entry.first, second_label=entry.second,
        unit=entry.unit or UNITS[entry.method],
        target_hundredths=hundredths(entry.target) if entry.target else None,
        close_hundredths=hundredths(entry.close_within), higher_is_better=entry.higher_is_better,
        frequency=entry.frequency, group_name=entry.group, money=entry.money, from_library=True,
        year_rule=year_rule(entry.method, entry.year_rule),
    )  # fmt: skip


def library() -> tuple[LibraryIndicator, ...]:
    """What the library offers."""
    return LIBRARY


@dataclass(frozen=True)
class OwnIndicator:
    """An indicator of the organisation's own, as typed."""

    code: str
    name: str
    method: str
    first_label: str
    second_label: str
    target: str  # in the unit, e.g. '97' or '28'; '' for none
    higher_is_better: bool
    frequency: str = "quarterly"
    unit: str = ""
    close_within: str = "1"
    money: bool = False


def _decimal_issue(field: str, text: str, label: str) -> Issue | None:
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", ""))
    except ArithmeticError:
        return Issue(field, f"{label} must be a number, such as 97 or 2.5.")
    if not value.is_finite() or value < 0 or value > 10**9:
        return Issue(field, f"{label} must be a number, such as 97 or 2.5.")
    return None


def add_own(session: Session, actor: Actor, own: OwnIndicator) -> int:
    """Add an indicator of the organisation's own; its id."""
    org_id = recorder_org(actor)
    issues = []
    code, name = own.code.strip().upper(), " ".join(own.name.split())
    if not code or len(code) > 20:
        issues.append(Issue("code", "Give the indicator a short code (at most 20 characters)."))
    if not name or len(name) > 200:
        issues.append(Issue("name", "Give the indicator a name (at most 200 characters)."))
    if own.method not in METHODS:
        issues.append(Issue("method", "Choose how it is worked out."))
    if not own.first_label.strip():
        issues.append(Issue("first_label", "Say what the first figure is."))
    if own.method != COUNT and not own.second_label.strip():
        issues.append(Issue("second_label", "Say what the first figure is divided by."))
    for field, text, label in (("target", own.target, "The target"),
                               ("close_within", own.close_within, "How close counts")):  # fmt: skip
        if text.strip() and (issue := _decimal_issue(field, text, label)):
            issues.append(issue)
    taken = session.scalar(
        select(Indicator.id).where(Indicator.organisation_id == org_id, Indicator.code == code)
    )
    if taken is not None:
        issues.append(Issue("code", f"An indicator with the code {code} is already here."))
    raise_if_any(list(issues))
    row = Indicator(
        organisation_id=org_id, code=code, name=name, method=own.method,
        first_label=own.first_label.strip(), second_label=own.second_label.strip(),
        unit=own.unit.strip() or UNITS[own.method],
        target_hundredths=hundredths(own.target.strip().rstrip("%")) if own.target.strip()
        else None,
        close_hundredths=hundredths(own.close_within.strip() or "0"),
        higher_is_better=own.higher_is_better, frequency=own.frequency, money=own.money,
        year_rule=year_rule(own.method),
        group_name="Our own indicators",
    )  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "indicator", row.id, after={"code": code, "name": name})
    return row.id


def set_target(session: Session, actor: Actor, indicator_id: int, target: str) -> None:
    """Change an indicator's target (in its unit; '' for none)."""
    org_id = recorder_org(actor)
    row = _indicator(session, org_id, indicator_id)
    if target.strip() and (issue := _decimal_issue("target", target, "The target")):
        raise_if_any([issue])
    before = row.target_hundredths
    row.target_hundredths = hundredths(target.strip().rstrip("%")) if target.strip() else None
    audit.record(session, actor, "set target", "indicator", row.id,
                 before={"target": before}, after={"target": row.target_hundredths})  # fmt: skip


def _indicator(session: Session, org_id: int, indicator_id: int) -> Indicator:
    row = session.get(Indicator, indicator_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That indicator is not one of this organisation's.")
    return row


def find_indicator(session: Session, org_id: int, code: str) -> Indicator:
    """The organisation's indicator with ``code``, or a plain message."""
    row = session.scalars(
        select(Indicator).where(
            Indicator.organisation_id == org_id, Indicator.code == code.strip().upper()
        )
    ).first()
    if row is None:
        raise UserError(
            f"There is no indicator {code.strip().upper()} here: switch it on from the "
            "library or add it first."
        )
    return row


def record(
    session: Session, actor: Actor, indicator_id: int, start_year: int, quarter: int,
    first: int, second: int | None, note: str = "", source: str = "typed",
) -> IndicatorFigure:  # fmt: skip
    """Keep the indicator's two figures for a period (replacing what was there)."""
    org_id = recorder_org(actor)
    row = _indicator(session, org_id, indicator_id)
    issues = []
    if quarter not in (0, 1, 2, 3, 4):
        issues.append(Issue("quarter", "The quarter is 1, 2, 3 or 4 (or none, for the year)."))
    if row.frequency == YEARLY and quarter:
        issues.append(Issue("quarter", f"{row.code} is measured once a year: record it for the "
                                       "whole year, not a quarter."))  # fmt: skip
    elif row.frequency != YEARLY and not quarter:
        issues.append(Issue("quarter", f"{row.code} is measured each quarter: record it for a "
                                       "quarter (the year is worked out from them)."))  # fmt: skip
    if first < 0:
        issues.append(Issue("first", f"The {row.first_label} cannot be less than nothing."))
    if first > BIGGEST or (second or 0) > BIGGEST:
        issues.append(Issue("first", "That figure is too big to be right: check it."))
    if row.method != COUNT and (second is None or second <= 0):
        issues.append(Issue("second", f"Give the {row.second_label}: more than nothing."))
    if len(note) > 2000:
        issues.append(Issue("note", "The note is too long (at most 2,000 characters)."))
    raise_if_any(list(issues))
    figure = session.scalars(
        select(IndicatorFigure).where(
            IndicatorFigure.indicator_id == row.id,
            IndicatorFigure.start_year == start_year,
            IndicatorFigure.quarter == quarter,
        )
    ).first()
    before = None if figure is None else {"first": figure.first, "second": figure.second}
    if figure is None:
        figure = IndicatorFigure(indicator_id=row.id, start_year=start_year, quarter=quarter)
        session.add(figure)
    figure.first, figure.second = first, None if row.method == COUNT else second
    figure.note, figure.source = note.strip(), source
    session.flush()
    audit.record(
        session, actor, "record figures", "indicator", row.id, before=before,
        after={"period": period_label(start_year, quarter), "first": first, "second": second},
    )  # fmt: skip
    return figure


def period_label(start_year: int, quarter: int) -> str:
    """'2025/26 Q2', or '2025/26' for the year."""
    year = f"{start_year}/{(start_year + 1) % 100:02d}"
    return f"{year} Q{quarter}" if quarter else year


def quarter_dates(year_start: date, quarter: int) -> tuple[date, date]:
    """The first and last day of a quarter of the financial year starting on ``year_start``."""
    part = quarter_of(starting_in(year_start.year, year_start.month, year_start.day), quarter)
    return part.start, part.end


def value_of(method: str, first: int, second: int | None) -> Decimal | None:
    """The indicator's figure, worked out exactly (rounded only when shown)."""
    if method == COUNT:
        return Decimal(first)
    if not second:
        return None
    ratio = Decimal(first) / Decimal(second)
    if method == PERCENT:
        return ratio * HUNDRED
    if method == PER_THOUSAND:
        return ratio * 1000
    assert method == AVERAGE
    return ratio


def shown(value: Decimal | None, unit: str = "") -> str:
    """'96.0%', '12.5 days', '3' (one decimal place, halves up)."""
    if value is None:
        return "–"
    text = f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP):,}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def judge(value: Decimal | None, target: Decimal | None, higher_is_better: bool,
          close: Decimal) -> str:  # fmt: skip
    """Met, close or missed, against the target (the figure as shown, to one place)."""
    if value is None:
        return NO_FIGURES
    if target is None:
        return NO_TARGET
    rounded = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    short = target - rounded if higher_is_better else rounded - target
    if short <= 0:
        return MET
    return CLOSE if short <= close else MISSED


def working(indicator: Indicator, first: int, second: int | None) -> str:
    """How the figure was worked out, in words: '£48,000.00 rent collected ÷ £50,000.00
    rent due × 100 = 96.0%'."""

    def figure(amount: int) -> str:
        return format_pence(amount) if indicator.money else f"{amount:,}"

    value = value_of(indicator.method, first, second)
    if indicator.method == COUNT:
        return f"{figure(first)} {indicator.first_label}"
    operation = METHODS[indicator.method].format(
        second=f"{figure(second or 0)} {indicator.second_label}"
    )
    return f"{figure(first)} {indicator.first_label} {operation} = {shown(value, indicator.unit)}"
