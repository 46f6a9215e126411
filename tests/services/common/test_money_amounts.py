"""Amounts as a treasurer types them, and money split without losing a penny
(property-based: hypothesis tries thousands of amounts)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.common.money import format_pence, parse_amount, share_of, split_evenly, to_decimal


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("£1,234.50", 123450),
        ("1234.5", 123450),
        ("1234", 123400),
        (" 12.05 ", 1205),
        ("0.07", 7),
        ("1,000,000", 100000000),
        ("£0.5", 50),
    ],
)
def test_amounts_typed_the_usual_ways(typed: str, pence: int) -> None:
    """Pound signs, thousands commas and one figure of pence are all understood."""
    assert parse_amount("amount", typed) == (pence, None)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("(12.00)", -1200), ("-12", -1200), ("-£3.50", -350), ("(£1,000)", -100000)],
)
def test_brackets_and_minus_are_negative_where_allowed(typed: str, pence: int) -> None:
    """A bank statement's (12.00) is minus twelve pounds, where a minus makes sense."""
    assert parse_amount("amount", typed, allow_negative=True) == (pence, None)
    _none, issue = parse_amount("amount", typed)
    assert issue is not None and "without a minus sign" in issue.message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "'abc' is not an amount of money, such as 1,234.50."),
        ("1.234", "'1.234' has more than two figures after the point"),
        ("£", "'£' has no amount in it"),
        ("", "The amount is needed."),
        ("12,34.00", "'12,34.00' is not an amount of money"),
        ("1.2.3", "'1.2.3' is not an amount of money"),
        ("-(5)", "'-(5)' is not an amount of money"),
        ("0", "The amount cannot be £0.00."),
        ("£0.00", "The amount cannot be £0.00."),
    ],
)
def test_what_is_not_money_says_why(typed: str, message: str) -> None:
    """Each mistake gets its own plain message, and no amount."""
    pence, issue = parse_amount("amount", typed)
    assert pence is None and issue is not None and issue.field == "amount"
    assert message in issue.message


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_what_is_shown_reads_back_the_same(pence: int) -> None:
    """Any amount shown as £1,234.50 (or -£1.00) types back in as the same pence."""
    if pence == 0:
        return
    shown = format_pence(pence)
    assert parse_amount("a", shown, allow_negative=True) == (pence, None)
    assert to_decimal(pence) == Decimal(pence) / 100


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=1, max_value=366))
def test_splitting_evenly_loses_no_penny(pence: int, parts: int) -> None:
    """A budget phased over months adds back to the year's figure exactly; no two
    months differ by more than a penny."""
    shares = split_evenly(pence, parts)
    assert len(shares) == parts and sum(shares) == pence
    assert max(shares) - min(shares) <= 1


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(0, 10_000))
def test_community_share_and_the_rest_add_up(pence: int, basis_points: int) -> None:
    """The community's share and the council's share of a saving add up to the saving,
    and the share is the exact percentage rounded to the nearest penny."""
    share, rest = share_of(pence, basis_points)
    assert share + rest == pence
    exact = Decimal(abs(pence)) * basis_points / 10_000
    assert abs(Decimal(abs(share)) - exact) <= Decimal("0.5")
