"""The LMA's money as a treasurer handles it: an allowance receipt matched by hand, from
the cash book, with the payment it was for (a receipt that is not the allowance's is
refused in words, and a closed year's match cannot change); and the council's pack for
the council's own monitoring period (a month, where it monitors monthly)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.models import Entry
from app.services.finance import allowance, allowance_matching, setup
from app.ui.finance.allowance_dialog import MatchAllowanceDialog
from tests.ui.conftest import click, press_ok, settle


def _select(page: Any, number: int) -> None:
    model = page.cashbook.model
    page.cashbook.year.setCurrentIndex(0)  # every year
    settle_rows = [i for i in range(model.rowCount()) if model.row_at(i).number == number]
    page.cashbook.table.selectRow(settle_rows[0])


def test_a_receipt_matched_with_a_later_payment_leaves_the_earlier_one_owed(
    qtbot: Any, books_page: Any
) -> None:
    page, db, treasurer = books_page
    runner = page.ctx.runner
    with db.sessions() as session:
        years = setup.list_years(session, 1)
        this_year = years[-1]
        before = {i.due_on: i for i in allowance.instalments(session, 1, this_year)}
        first = session.scalars(
            select(Entry)
            .where(Entry.agreement_id.is_not(None), Entry.kind == "receipt",
                   Entry.dated >= this_year.starts_on)
            .order_by(Entry.dated)
        ).first()  # fmt: skip
        assert first is not None
        dues = allowance_matching.due_dates(session, 1, first.agreement_id or 0)
    first_due = min(before)
    later = max(d for d in before if before[d].received_pence > 0)
    assert later != first_due
    page.tabs.setCurrentWidget(page.cashbook)
    settle(qtbot, runner)
    _select(page, first.number)
    click(qtbot, page.cashbook.match_button, runner)
    dialog = page.cashbook.dialog
    assert isinstance(dialog, MatchAllowanceDialog)
    assert dialog.due.currentText() == "Oldest first (automatic)"
    assert dialog.due.count() == len(dues) + 1
    dialog.due.setCurrentIndex(dialog.due.findText(later.strftime("%d/%m/%Y")))
    press_ok(qtbot, dialog, runner)
    assert not dialog.isVisible(), dialog.errors.general.text()
    assert "matched" in page.cashbook.result.text()
    with db.sessions() as session:
        after = {i.due_on: i for i in allowance.instalments(session, 1, this_year)}
        assert first.number in after[later].receipts
        assert first.number not in after[first_due].receipts
        assert sum(i.received_pence for i in after.values()) == sum(
            i.received_pence for i in before.values()
        )
    with db.sessions.begin() as session:  # back to oldest first
        allowance_matching.unmatch(session, treasurer, first.id)
        restored = {i.due_on: i.receipts for i in allowance.instalments(session, 1, this_year)}
    assert restored == {d: i.receipts for d, i in before.items()}


def test_only_an_open_years_allowance_receipt_can_be_matched(books_page: Any) -> None:
    _page, db, treasurer = books_page
    with db.sessions() as session:
        closed = setup.list_years(session, 1)[0]
        old = session.scalars(
            select(Entry).where(Entry.agreement_id.is_not(None), Entry.kind == "receipt",
                                Entry.dated <= closed.ends_on)
        ).first()  # fmt: skip
        other = session.scalars(select(Entry).where(Entry.agreement_id.is_(None),
                                                    Entry.kind == "payment")).first()  # fmt: skip
        assert old is not None and other is not None
    with pytest.raises(UserError, match="closed financial year"), db.sessions.begin() as s:
        allowance_matching.match_by_hand(s, treasurer, old.id, closed.starts_on)
    with (
        pytest.raises(UserError, match="not a receipt against an agreement"),
        db.sessions.begin() as s,
    ):
        allowance_matching.match_by_hand(s, treasurer, other.id, closed.starts_on)
    with db.sessions() as session:
        recent = session.scalars(
            select(Entry.id).where(Entry.agreement_id.is_not(None), Entry.kind == "receipt")
            .order_by(Entry.dated.desc())
        ).first()  # fmt: skip
    with (
        pytest.raises(UserError, match="expects no payment on 02/01/2026"),
        db.sessions.begin() as s,
    ):
        allowance_matching.match_by_hand(s, treasurer, recent or 0, date(2026, 1, 2))


def test_the_reports_tab_offers_the_councils_monthly_periods(
    qtbot: Any, books_page: Any, tmp_path: Any
) -> None:
    """An agreement monitored month by month: the Reports tab offers the council's months
    for its pack, and the pack covers the month chosen."""
    from openpyxl import load_workbook

    from app.services.finance import agreements
    from app.services.finance.agreements import AgreementDetails

    page, db, treasurer = books_page
    runner = page.ctx.runner
    tab = page.reports
    assert not tab.period.isVisibleTo(tab)  # quarters: the quarter box serves
    with db.sessions.begin() as session:
        lma = agreements.list_agreements(session, 1)[0]
        details = AgreementDetails(
            lma.name, lma.counterparty, lma.starts_on, lma.fund_id,
            tuple((s.name, s.annual_allowance_pence) for s in lma.services),
            lma.ends_on, lma.schedule, lma.community_share_bp, monitoring_months=1,
        )  # fmt: skip
        agreements.save_agreement(session, treasurer, details, lma.id)
    page.refresh()
    settle(qtbot, runner)
    page.tabs.setCurrentWidget(tab)
    assert tab.period.isVisibleTo(tab) and tab.period.count() == 13
    assert tab.period.itemText(2) == "Month 2 (month 2 of the year)"
    tab.year.setCurrentIndex(0)
    tab.period.setCurrentIndex(2)
    out = tmp_path / "pack.xlsx"
    tab.save("council-pack", True, target=out)
    settle(qtbot, runner)
    cover = {r[0]: r[1] for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)}
    assert str(cover["Return for"]).endswith("month 2")
