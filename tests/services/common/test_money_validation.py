"""Money in pence and UK postcodes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.services.common.money import format_pence, parse_money, to_decimal, to_pence
from app.services.common.validation import normalise_postcode, postcode_issue


def test_formats_and_parses_money() -> None:
    """Amounts show with a pound sign and commas, and typed amounts become exact pence."""
    assert format_pence(123456) == "£1,234.56"
    assert format_pence(-5) == "-£0.05"
    assert parse_money("f", "£1,234.50") == (123450, None)
    pence, issue = parse_money("f", "1.234")
    assert pence is None and issue is not None and "not an amount of money" in issue.message


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_pence_round_trip(pence: int) -> None:
    """Pence survive a trip through Decimal without losing a penny."""
    assert to_pence(to_decimal(pence)) == pence
    assert isinstance(to_decimal(pence), Decimal)


def test_postcodes() -> None:
    """Real postcodes pass in any spacing or case; near-misses get a clear message."""
    for good in ("SW1A 2AA", "sw1a2aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA"):
        assert postcode_issue("p", good) is None, good
    assert normalise_postcode("sw1a2aa") == "SW1A 2AA"
    issue = postcode_issue("p", "SW1A 2A")
    assert issue is not None and issue.message == "Postcode 'SW1A 2A' is not a valid UK postcode."
