"""Budgets & Accounts driven as a treasurer would: set up the books, enter a quarter's
receipts and payments (a bad amount refused beside the field), reconcile the bank to
the statement, and produce the quarter's reports, read back from the files."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.models import Entry
from app.ui.context import PageContext
from app.ui.finance.dialogs import AccountDialog, EntryDialog, OpenYearDialog
from app.ui.finance.page import FinancePage
from tests.ui.conftest import click, press_ok, sessions_of, settle, shown_page

TODAY = date.today()


pytestmark = pytest.mark.usefixtures("say_yes")


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> FinancePage:
    return shown_page(qtbot, FinancePage(make_ctx("treasurer")), 1100, 760)


def _year_start() -> int:
    return TODAY.year if TODAY.month >= 4 else TODAY.year - 1


def test_enter_reconcile_and_report_a_quarter(
    qtbot: Any, page: FinancePage, tmp_path: Path
) -> None:
    """From empty books to a reconciled quarter and its council pack."""
    runner, setup = page.ctx.runner, page.setup
    page.tabs.setCurrentWidget(setup)
    click(qtbot, setup.open_button, runner)
    assert isinstance(setup.dialog, OpenYearDialog)
    setup.dialog.year.setValue(_year_start())
    press_ok(qtbot, setup.dialog, runner)
    click(qtbot, setup.account_button, runner)
    account = setup.dialog
    assert isinstance(account, AccountDialog)
    qtbot.keyClicks(account.name, "Community account")
    press_ok(qtbot, account, runner)
    click(qtbot, setup.fund_button, runner)
    qtbot.keyClicks(setup.dialog.name, "General fund")
    press_ok(qtbot, setup.dialog, runner)
    click(qtbot, setup.defaults_button, runner)
    assert setup.models["categories"].rowCount() == 19
    assert setup.models["years"].row_at(0)[1] == "Open"
    click(qtbot, setup.agreement_button, runner)
    lma = setup.dialog
    qtbot.keyClicks(lma.name, "Riverside LMA")
    qtbot.keyClicks(lma.counterparty, "Southwark Council")
    lma.services.setPlainText("Cleaning: 60,000.00\nCaretaking 15000")
    press_ok(qtbot, lma, runner)
    assert (
        lma.isVisible()
        and "Line 2: write 'Service: 1,234.00'" in lma.errors._labels["services"].text()
    )
    lma.services.setPlainText("Cleaning: 60,000.00\nCaretaking: 15000")
    press_ok(qtbot, lma, runner)
    assert not lma.isVisible()
    assert "£75,000.00 a year" in setup.models["agreements"].row_at(0)[2]
    setup.tables["agreements"].selectRow(0)
    click(qtbot, setup.change_agreement_button, runner)
    change = setup.dialog
    assert change.services.toPlainText() == "Cleaning: £60,000.00\nCaretaking: £15,000.00"
    change.services.setPlainText("Cleaning: £60,000.00\nCaretaking: £16,000.00")
    change.share.setValue(40)
    press_ok(qtbot, change, runner)
    assert not change.isVisible()
    assert "£76,000.00 a year" in setup.models["agreements"].row_at(0)[2]
    assert "community share 40%" in setup.models["agreements"].row_at(0)[2]

    # A new category under a payments heading.
    from app.ui.finance.dialogs import CategoryDialog

    click(qtbot, setup.category_button, runner)
    assert isinstance(setup.dialog, CategoryDialog)
    qtbot.keyClicks(setup.dialog.name, "Lift repairs")
    setup.dialog.heading.setCurrentIndex(
        setup.dialog.heading.findText("Payments: Charitable", Qt.MatchFlag.MatchStartsWith)
    )
    press_ok(qtbot, setup.dialog, runner)
    assert setup.models["categories"].rowCount() == 20
    row = next(i for i in range(20) if setup.models["categories"].row_at(i)[0] == "Lift repairs")
    setup.tables["categories"].selectRow(row)
    click(qtbot, setup.change_category_button, runner)
    setup.dialog.active.setChecked(False)
    press_ok(qtbot, setup.dialog, runner)
    assert setup.models["categories"].row_at(row)[0] == "Lift repairs (no longer used)"

    # A receipt and a payment; a bad amount is refused beside the field, nothing saved.
    book = page.cashbook
    page.tabs.setCurrentWidget(book)
    click(qtbot, book.receipt_button, runner)
    receipt = book.dialog
    assert isinstance(receipt, EntryDialog)
    receipt.dated.setText(f"{TODAY:%d/%m/%Y}")  # the day the test began, past midnight too
    qtbot.keyClicks(receipt.amount, "£1,200.00")
    qtbot.keyClicks(receipt.description, "Hall hire for the summer")
    receipt.category.setCurrentIndex(
        receipt.category.findText("Hall hire", Qt.MatchFlag.MatchStartsWith)
    )
    press_ok(qtbot, receipt, runner)
    assert not receipt.isVisible() and "Entry 1 saved" in book.result.text()
    click(qtbot, book.payment_button, runner)
    payment = book.dialog
    payment.dated.setText(f"{TODAY:%d/%m/%Y}")
    qtbot.keyClicks(payment.amount, "abc")
    qtbot.keyClicks(payment.description, "Window cleaning")
    press_ok(qtbot, payment, runner)
    assert payment.isVisible()
    assert "'abc' is not an amount of money" in payment.errors._labels["amount"].text()
    with sessions_of(page.ctx)() as session:
        assert session.query(Entry).count() == 1
    payment.amount.setText("45.50")
    press_ok(qtbot, payment, runner)
    assert not payment.isVisible()
    assert book.model.rowCount() == 2
    assert "Community account £1,154.50" in book.balances.text()

    # Reconcile to the statement: both items ticked, the difference nil, finished.
    rec = page.reconcile
    page.tabs.setCurrentWidget(rec)
    rec.statement_on.setText(f"{TODAY:%d/%m/%Y}")
    rec.balance.setText("1154.50")
    click(qtbot, rec.start_button, runner)
    assert rec.model.rowCount() == 2
    click(qtbot, rec.finish_button, runner)
    assert "come to £0.00 but the statement says £1,154.50" in rec.result.text()
    for row in range(2):
        rec.table.selectRow(row)
        click(qtbot, rec.tick_button, runner)
    assert "✔ Difference: nil." in rec.state.text()
    click(qtbot, rec.finish_button, runner)
    assert "Reconciled" in rec.result.text()

    # The quarter's reports, read back.
    reports = page.reports
    page.tabs.setCurrentWidget(reports)
    quarter = (TODAY.month - 4) % 12 // 3 + 1
    reports.quarter.setCurrentIndex(reports.quarter.findData(quarter))
    reports.save("council-pack", True, tmp_path / "pack.xlsx")
    settle(qtbot, runner)
    assert reports.result.text().startswith("✔ Saved")
    sheet = load_workbook(tmp_path / "pack.xlsx")["Transactions"]
    values = list(sheet.iter_rows(min_row=2, max_row=3, values_only=True))
    assert [v[2] for v in values] == ["Hall hire for the summer", "Window cleaning"]
    assert values[0][7] == Decimal("1200") and values[1][8] == Decimal("45.5")
    recs = load_workbook(tmp_path / "pack.xlsx")["Bank reconciliation"]
    assert f"Reconciled to {TODAY:%d/%m/%Y}" in [c.value for c in recs[2]]
    reports.save("transactions", False, tmp_path / "tx.pdf")
    settle(qtbot, runner)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "tx.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Hall hire for the summer" in text and "£1,200.00" in text


def test_controls_have_accessible_names(qtbot: Any, page: FinancePage) -> None:
    """A screen-reader user hears what every control on every tab is."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        settle(qtbot, page.ctx.runner)
        for kind in (QAbstractButton, QAbstractItemView, QLineEdit, QComboBox):
            for control in page.tabs.currentWidget().findChildren(kind):
                if isinstance(control, QHeaderView) or not control.isVisibleTo(page):
                    continue
                if isinstance(control.parent(), QAbstractSpinBox):
                    continue  # a spin box's own line edit: the spin box carries the name
                assert control.accessibleName() or (
                    isinstance(control, QAbstractButton) and control.text()
                ), f"{type(control).__name__} on tab {index} has no accessible name"


def test_statement_file_with_unknown_columns_and_new_lines(
    qtbot: Any, page: FinancePage, tmp_path: Path
) -> None:
    """A bank file with headings MutualDesk does not know: the columns are chosen once;
    the matching receipt is ticked; the bank charge not yet entered is entered from the
    statement and ticked too, leaving nothing to find."""
    from app.services.finance import cashbook, setup
    from app.ui.finance.statement_dialogs import MappingDialog, NewLinesDialog

    actor, runner = page.ctx.user.actor, page.ctx.runner
    with sessions_of(page.ctx).begin() as session:
        setup.open_year(session, actor, _year_start())
        bank = setup.save_account(session, actor, name="Community account")
        fund = setup.save_fund(session, actor, name="General fund")
        cats = {c.name: c.id for c in setup.ensure_default_categories(session, actor)}
        cashbook.record_entry(
            session,
            actor,
            cashbook.EntryDetails(
                "receipt", TODAY, "Hall hire", 80_00, fund, bank, category_id=cats["Hall hire"]
            ),
        )
    page.refresh()
    settle(qtbot, runner)
    statement = tmp_path / "statement.csv"
    statement.write_text(
        f"When,What,Sum\n{TODAY:%d/%m/%Y},HALL HIRE,80.00\n{TODAY:%d/%m/%Y},CHARGES,(6.50)\n",
        encoding="utf-8",
    )
    rec = page.reconcile
    page.tabs.setCurrentWidget(rec)
    rec.statement_on.setText(f"{TODAY:%d/%m/%Y}")
    rec.balance.setText("73.50")
    click(qtbot, rec.start_button, runner)
    rec.import_file(statement)
    settle(qtbot, runner)
    mapping = rec.dialog
    assert isinstance(mapping, MappingDialog)
    mapping.boxes["date"].setCurrentText("When")
    mapping.boxes["description"].setCurrentText("What")
    mapping.boxes["amount"].setCurrentText("Sum")
    press_ok(qtbot, mapping, runner)
    new = rec.dialog
    assert isinstance(new, NewLinesDialog) and len(new.categories) == 1
    new.categories[0].setCurrentText("Bank charges")
    press_ok(qtbot, new, runner)
    settle(qtbot, runner)
    assert rec.model.rowCount() == 2
    assert all(ticked for _e, _eff, ticked in (rec.model.row_at(i) for i in range(2)))
    assert "✔ Difference: nil." in rec.state.text()


def test_the_budget_tab_says_when_the_allowance_is_late(qtbot: Any, books_page: Any) -> None:
    """The demo council's newest overdue allowance payment has not arrived: the Budget tab
    says which; once the treasurer enters the receipt, it says every payment has come."""
    from dataclasses import replace

    from sqlalchemy import select

    from app.services.finance import cashbook

    page, db, treasurer = books_page
    runner = page.ctx.runner
    page.tabs.setCurrentWidget(page.budget)
    settle(qtbot, runner)
    shown = page.budget.allowance.text()
    assert shown.startswith("⚠ LMA allowance late: London Borough of Southwark, £28,000.00")
    assert "overdue since" in shown
    with db.sessions.begin() as session:
        last = session.scalars(
            select(Entry)
            .where(Entry.agreement_id.is_not(None), Entry.kind == "receipt")
            .order_by(Entry.dated.desc())
        ).first()
        assert last is not None
        details = cashbook.EntryDetails(
            "receipt", TODAY, "LMA allowance, late payment", last.amount_pence, last.fund_id,
            last.account_id, last.party, last.category_id, agreement_id=last.agreement_id,
        )  # fmt: skip
        cashbook.record_entry(session, treasurer, replace(details, reference="REM-LATE"))
    page.budget.refresh()
    settle(qtbot, runner)
    assert page.budget.allowance.text() == "✔ LMA allowance: every payment due so far has arrived."
