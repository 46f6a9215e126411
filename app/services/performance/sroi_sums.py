"""The arithmetic of a social return on investment, as the published SROI guide sets it
out (stage 4, establishing impact; stage 5, calculating the SROI), with every figure
kept with how it was worked out.

For each outcome: quantity × financial proxy, less deadweight, displacement and
attribution in turn (each a share of what is left), is the impact of year 1; each later
year keeps (1 − drop-off) of the year before, for as long as the outcome lasts; each
year is discounted to today at the Treasury's rate (3.5%: year n divided by 1.035ⁿ).
The present value is the sum over every outcome; the ratio is that over the investment.
Money is exact Decimal pence until the end, then rounded to the penny, halves up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.services.common.money import format_pence

TEN_THOUSAND = Decimal(10_000)
PENNY = Decimal(1)
TREASURY_RATE_BP = 350  # HM Treasury Green Book discount rate, 3.5%


@dataclass(frozen=True)
class Outcome:
    """One outcome for one group of stakeholders; reductions in basis points."""

    stakeholder: str
    outcome: str
    indicator: str
    quantity: int
    proxy_pence: int
    proxy_source: str
    duration_years: int
    deadweight_bp: int = 0
    attribution_bp: int = 0
    displacement_bp: int = 0
    drop_off_bp: int = 0


@dataclass(frozen=True)
class OutcomeValue:
    """An outcome valued: each step's figure (pence, exact) and the working in words."""

    outcome: Outcome
    gross: Decimal
    impact: Decimal  # year 1, after deadweight, displacement and attribution
    years: tuple[Decimal, ...]  # each year's value before discounting
    discounted: tuple[Decimal, ...]
    present_value: Decimal
    working: tuple[str, ...]


@dataclass(frozen=True)
class SensitivityLine:
    """One assumption changed, and what the ratio becomes."""

    change: str
    present_value_pence: int
    ratio: Decimal


@dataclass(frozen=True)
class Sroi:
    """A worksheet worked out."""

    outcomes: tuple[OutcomeValue, ...]
    investment_pence: int
    discount_bp: int
    present_value_pence: int
    net_present_value_pence: int
    ratio: Decimal  # £ of social value for each £1 invested, to 2 places
    sensitivity: tuple[SensitivityLine, ...]


def percent(bp: int) -> str:
    """2500 -> '25%'; 350 -> '3.5%'."""
    return f"{(Decimal(bp) / 100).normalize():f}%"


def pounds(pence: Decimal) -> str:
    """Exact pence shown to the penny: '£6,956.52'."""
    return format_pence(int(pence.quantize(PENNY, ROUND_HALF_UP)))


def value_outcome(outcome: Outcome, discount_bp: int) -> OutcomeValue:
    """Value one outcome over the years it lasts, discounted to today."""
    gross = Decimal(outcome.quantity) * Decimal(outcome.proxy_pence)
    source = outcome.proxy_source or "financial proxy"
    working = [f"{outcome.quantity:,} × {format_pence(outcome.proxy_pence)} ({source}) = "
               f"{pounds(gross)}"]  # fmt: skip
    impact = gross
    for label, bp in (
        ("deadweight", outcome.deadweight_bp),
        ("displacement", outcome.displacement_bp),
        ("attribution", outcome.attribution_bp),
    ):
        if bp:
            kept = impact * (TEN_THOUSAND - bp) / TEN_THOUSAND
            working.append(f"less {label} {percent(bp)}: {pounds(impact)} × "
                           f"{percent(10_000 - bp)} = {pounds(kept)}")  # fmt: skip
            impact = kept
    rate = 1 + Decimal(discount_bp) / TEN_THOUSAND
    years, discounted = [], []
    value = impact
    for year in range(1, max(outcome.duration_years, 0) + 1):
        if year > 1:
            value = value * (TEN_THOUSAND - outcome.drop_off_bp) / TEN_THOUSAND
        years.append(value)
        today = value / rate**year
        discounted.append(today)
        drop = f" (after drop-off of {percent(outcome.drop_off_bp)})" if year > 1 else ""
        working.append(f"year {year}: {pounds(value)}{drop} ÷ {rate}^{year} = {pounds(today)}")
    present = sum(discounted, Decimal(0))
    working.append(f"present value: {pounds(present)}")
    return OutcomeValue(
        outcome, gross, impact, tuple(years), tuple(discounted), present, tuple(working)
    )


def _ratio(present: Decimal, investment_pence: int) -> Decimal:
    if investment_pence <= 0:
        return Decimal(0)
    return (present / Decimal(investment_pence)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _total(outcomes: list[Outcome], discount_bp: int) -> Decimal:
    return sum((value_outcome(o, discount_bp).present_value for o in outcomes), Decimal(0))


def _capped(bp: int) -> int:
    return max(0, min(10_000, bp))


def _more(field: str) -> Callable[[Outcome], Outcome]:
    def changed(o: Outcome) -> Outcome:
        more: dict[str, Any] = {field: _capped(getattr(o, field) + 1000)}
        return replace(o, **more)

    return changed


SENSITIVITY: tuple[tuple[str, Callable[[Outcome], Outcome]], ...] = (
    ("Deadweight 10 points higher", _more("deadweight_bp")),
    ("Attribution 10 points higher", _more("attribution_bp")),
    ("Displacement 10 points higher", _more("displacement_bp")),
    ("Drop-off 10 points higher", _more("drop_off_bp")),
    ("Financial proxies a quarter lower", lambda o: replace(o, proxy_pence=o.proxy_pence * 3 // 4)),
    ("Quantities a quarter lower", lambda o: replace(o, quantity=o.quantity * 3 // 4)),
    (
        "Outcomes last a year less",
        lambda o: replace(o, duration_years=max(1, o.duration_years - 1)),
    ),
)


def evaluate(outcomes: list[Outcome], investment_pence: int, discount_bp: int) -> Sroi:
    """The worksheet's present value, ratio and sensitivity table."""
    valued = tuple(value_outcome(o, discount_bp) for o in outcomes)
    present = sum((v.present_value for v in valued), Decimal(0))
    lines = []
    for change, alter in SENSITIVITY:
        changed = _total([alter(o) for o in outcomes], discount_bp)
        lines.append(SensitivityLine(
            change, int(changed.quantize(PENNY, ROUND_HALF_UP)), _ratio(changed, investment_pence)
        ))  # fmt: skip
    for rate in (0, 600):
        if rate != discount_bp:
            changed = _total(outcomes, rate)
            lines.append(SensitivityLine(
                f"Discounted at {percent(rate)} instead",
                int(changed.quantize(PENNY, ROUND_HALF_UP)), _ratio(changed, investment_pence),
            ))  # fmt: skip
    rounded = int(present.quantize(PENNY, ROUND_HALF_UP))
    return Sroi(
        valued, investment_pence, discount_bp, rounded, rounded - investment_pence,
        _ratio(present, investment_pence), tuple(lines),
    )  # fmt: skip
