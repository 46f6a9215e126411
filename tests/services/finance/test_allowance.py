"""The LMA allowance matched with the receipts that paid it: on time, late, short, overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.services.finance.agreements import AgreementInfo
from app.services.finance.allowance import Standing, _settle

LMA = AgreementInfo(1, "Riverside LMA", "Southwark Council", date(2025, 4, 1), None,
                    "quarterly", 5000, 3, 1, ())  # fmt: skip
QUARTERS = [(date(2026, 4, 1), 28_000_00), (date(2026, 7, 1), 28_000_00),
            (date(2026, 10, 1), 28_000_00), (date(2027, 1, 1), 28_000_00)]  # fmt: skip


def test_each_receipt_settles_the_oldest_payment_still_owed() -> None:
    """On time, late, short and overdue, as a treasurer would say them on 20/11/2026."""
    paid = [
        (10, date(2026, 4, 4), 28_000_00, None),  # on time
        (20, date(2026, 8, 30), 28_000_00, None),  # two months late
        (30, date(2026, 10, 9), 20_000_00, None),  # £8,000 short
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
    found = _settle(LMA, QUARTERS[:2], [(7, date(2026, 4, 2), 56_000_00, None)], date(2026, 8, 1))
    assert [(i.standing, i.receipts) for i in found] == [
        (Standing.PAID, (7,)), (Standing.PAID, (7,)),
    ]  # fmt: skip


def test_a_receipt_matched_by_hand_settles_its_own_payment_first() -> None:
    """The council skipped July and paid October's on time: matched by hand with October,
    the receipt leaves July overdue (oldest first would have called October overdue); a
    hand-matched overpayment goes on, oldest first, to what is still owed."""
    paid = [
        (10, date(2026, 4, 2), 28_000_00, None),
        (20, date(2026, 10, 3), 28_000_00, date(2026, 10, 1)),
    ]
    found = _settle(LMA, QUARTERS[:3], paid, today=date(2026, 11, 1))
    assert [(i.standing, i.receipts) for i in found] == [
        (Standing.PAID, (10,)), (Standing.OVERDUE, ()), (Standing.PAID, (20,)),
    ]  # fmt: skip
    automatic = _settle(LMA, QUARTERS[:3], [(*p[:3], None) for p in paid], date(2026, 11, 1))
    assert [i.standing for i in automatic] == [
        Standing.PAID, Standing.PAID_LATE, Standing.OVERDUE,
    ]  # fmt: skip
    over = [(30, date(2026, 10, 3), 40_000_00, date(2026, 10, 1))]
    found = _settle(LMA, QUARTERS[:3], over, today=date(2026, 11, 1))
    assert [i.received_pence for i in found] == [12_000_00, 0, 28_000_00]


def test_a_receipt_matched_with_a_later_payment_settles_nothing_before_it() -> None:
    """Seen from the first two quarters (a year's page, or what was owed at a date), a
    receipt matched by hand with October's payment is not spent on April's or July's."""
    paid = [
        (10, date(2026, 4, 2), 28_000_00, None),
        (20, date(2026, 6, 20), 28_000_00, date(2026, 10, 1)),  # October's, paid early
    ]
    found = _settle(LMA, QUARTERS[:2], paid, today=date(2026, 7, 30))
    assert [(i.standing, i.receipts) for i in found] == [
        (Standing.PAID, (10,)), (Standing.OVERDUE, ()),
    ]  # fmt: skip


def test_the_demo_s_late_payment_is_in_the_council_pack_and_the_reminder_letter(
    demo_files: Callable[..., Path], tmp_path: Path
) -> None:
    """The demo council's newest overdue payment has not come: it is on the council pack's
    cover and sheet and in a reminder letter to the council. Once paid (late), there is
    nobody to remind."""
    from datetime import datetime

    import pytest
    from sqlalchemy import select

    from app.errors import UserError
    from app.models import Entry
    from app.services.accounts import auth
    from app.services.common.report_options import ReportOptions
    from app.services.demo import DEMO_PASSWORD
    from app.services.finance import allowance_reports, cashbook, reports
    from tests.conftest import open_copy

    db = open_copy(demo_files(members=30, seed=4, board=False, finance=True), tmp_path / "b.sqlite")
    try:
        treasurer = auth.sign_in(db.sessions, "treasurer", DEMO_PASSWORD).actor
        now = datetime.now()
        with db.sessions() as session:
            run = allowance_reports.reminder_letters(session, treasurer, now)
            pack = reports.council_pack(session, treasurer, now, ReportOptions())
        with db.sessions.begin() as session:
            last = session.scalars(
                select(Entry).where(Entry.agreement_id.is_not(None), Entry.kind == "receipt")
                .order_by(Entry.dated.desc())
            ).first()  # fmt: skip
            assert last is not None
            cashbook.record_entry(session, treasurer, cashbook.EntryDetails(
                "receipt", now.date(), "LMA allowance, late", last.amount_pence, last.fund_id,
                last.account_id, last.party, last.category_id, agreement_id=last.agreement_id,
            ))  # fmt: skip
        with db.sessions() as session, pytest.raises(UserError, match="nobody to remind"):
            allowance_reports.reminder_letters(session, treasurer, now)
    finally:
        db.close(backup=False)
    (letter,) = run.letters
    assert letter.text.startswith("London Borough of Southwark")
    assert "£28,000.00 outstanding (overdue since" in letter.text
    assert "In all, £28,000.00 is outstanding." in letter.text
    cover = dict(pack.cover)
    assert "£28,000.00 due" in cover["Allowance payments late"]
    assert any(words.startswith("Overdue since") for *_rest, words in pack.allowance)
