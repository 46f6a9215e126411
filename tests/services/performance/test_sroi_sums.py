"""The social return on investment worked out as the SROI guide does it, checked against
a worked example done by hand here, to the penny: each reduction, each year's drop-off
and discount, the present value, the ratio, and one sensitivity line."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.services.performance.sroi_sums import Outcome, evaluate

JOBS = Outcome(
    stakeholder="Young people on the estate", outcome="Into paid work",
    indicator="jobs held for six months", quantity=12, proxy_pence=85_000,
    proxy_source="a month's wage at the minimum wage (ONS)", duration_years=3,
    deadweight_bp=2500, attribution_bp=2000, displacement_bp=1000, drop_off_bp=5000,
)  # fmt: skip


def _pence(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def test_a_worked_example_to_the_penny() -> None:
    """12 jobs at £850 = £10,200; less 25% deadweight = £7,650; less 10% displacement
    = £6,885; less 20% attribution = £5,508 in year 1; halved each year after; each
    year discounted at 3.5%: £5,321.74 + £2,570.89 + £1,241.98 = £9,134.60 for £5,000
    invested, £1.83 for each £1."""
    found = evaluate([JOBS], 500_000, 350)
    valued = found.outcomes[0]
    assert valued.gross == 12 * 85_000 == 1_020_000
    assert valued.impact == Decimal(1_020_000) * 75 / 100 * 90 / 100 * 80 / 100 == 550_800
    assert valued.years == (550_800, 275_400, 137_700)
    by_hand = [
        Decimal(550_800) / Decimal("1.035"),
        Decimal(275_400) / (Decimal("1.035") * Decimal("1.035")),
        Decimal(137_700) / (Decimal("1.035") * Decimal("1.035") * Decimal("1.035")),
    ]
    assert [_pence(d) for d in valued.discounted] == [_pence(d) for d in by_hand]
    assert [_pence(d) for d in by_hand] == [532_174, 257_089, 124_198]
    assert found.present_value_pence == _pence(sum(by_hand, Decimal(0))) == 913_460
    assert found.net_present_value_pence == 913_460 - 500_000
    assert found.ratio == Decimal("1.83")  # 913,460 ÷ 500,000 = 1.8269...
    assert valued.working[1] == "less deadweight 25%: £10,200.00 × 75% = £7,650.00"
    assert valued.working[-1] == "present value: £9,134.60"


def test_one_sensitivity_line_by_hand() -> None:
    """Deadweight 10 points higher (35%): year 1 is £10,200 × 65% × 90% × 80% = £4,773.60,
    and the ratio falls to £1.58."""
    line = evaluate([JOBS], 500_000, 350).sensitivity[0]
    year1 = Decimal(1_020_000) * Decimal("0.65") * Decimal("0.90") * Decimal("0.80")
    rate = Decimal("1.035")
    by_hand = year1 / rate + year1 / 2 / rate**2 + year1 / 4 / rate**3
    assert line.change == "Deadweight 10 points higher"
    assert line.present_value_pence == _pence(by_hand) == 791_666
    assert line.ratio == Decimal("1.58")


def test_nothing_invested_or_an_outcome_of_one_year() -> None:
    """An outcome lasting one year is not dropped off nor discounted twice; a worksheet
    with no investment yet gives a ratio of nothing rather than failing."""
    found = evaluate([JOBS.__class__(**{**JOBS.__dict__, "duration_years": 1})], 0, 350)
    assert found.outcomes[0].years == (550_800,)
    assert found.ratio == 0
