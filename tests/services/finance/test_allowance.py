"""The LMA allowance matched with the receipts that paid it: on time, late, short, overdue."""

from __future__ import annotations

from datetime import date

from app.services.finance.agreements import AgreementInfo
from app.services.finance.allowance import Standing, _settle

LMA = AgreementInfo(1, "Riverside LMA", "Southwark Council", date(2025, 4, 1), None,
                    "quarterly", 5000, 3, 1, ())  # fmt: skip
QUARTERS = [(date(2026, 4, 1), 28_000_00), (date(2026, 7, 1), 28_000_00),
            (date(2026, 10, 1), 28_000_00), (date(2027, 1, 1), 28_000_00)]  # fmt: skip


def test_each_receipt_settles_the_oldest_payment_still_owed() -> None:
    """On time, late, short and overdue, as a treasurer would say them on 20/11/2026."""
    paid = [
        (10, date(2026, 4, 4), 28_000_00),  # on time
        (20, date(2026, 8, 30), 28_000_00),  # two months late
        (30, date(2026, 10, 9), 20_000_00),  # £8,000 short
    ]
    found = _settle(LMA, QUARTERS, paid, today=date(2026, 11, 20))
    assert [i.standing for i in found] == [
        Standing.PAID, Standing.PAID_LATE, Standing.SHORT, Standing.DUE,
    ]  # fmt: skip
    assert found[0].words() == "Paid 04/04/2026"
    assert found[1].words() == "Paid late, 30/08/2026"
    assert found[2].owed_pence == 8_000_00 and found[2].needs_chasing
    assert found[2].words() == "Short: part paid, the rest overdue since 15/10/2026"
    assert found[3].words() == "Not yet due" and not found[3].needs_chasing


def test_nothing_paid_is_overdue_after_the_grace_days_and_an_overpayment_carries() -> None:
    found = _settle(LMA, QUARTERS[:2], [], today=date(2026, 4, 16))
    assert [i.standing for i in found] == [Standing.OVERDUE, Standing.DUE]
    assert found[0].words() == "Overdue since 15/04/2026"
    # One receipt of two quarters' money settles both, in date order.
    found = _settle(LMA, QUARTERS[:2], [(7, date(2026, 4, 2), 56_000_00)], date(2026, 8, 1))
    assert [(i.standing, i.receipts) for i in found] == [
        (Standing.PAID, (7,)), (Standing.PAID, (7,)),
    ]  # fmt: skip
