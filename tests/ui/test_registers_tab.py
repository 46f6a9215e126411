"""The 'Owed & owned' tab driven as a treasurer would: a bill received and paid, an
item of equipment bought and scrapped, bad input refused beside its field, and the
register saved as a spreadsheet and read back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.ui.context import PageContext
from app.ui.finance.page import FinancePage
from app.ui.finance.register_dialogs import EquipmentDialog, OwedDialog, SettleDialog
from tests.ui.conftest import click, press_ok, shown_page

pytestmark = pytest.mark.usefixtures("say_yes")
RECENT = date.today() - timedelta(days=3)


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> FinancePage:
    return shown_page(qtbot, FinancePage(make_ctx("treasurer")), 1100, 760)


def _type(qtbot: Any, box: Any, text: str) -> None:
    box.clear()
    qtbot.keyClicks(box, text)


def test_a_bill_is_added_refused_when_wrong_and_marked_paid(
    qtbot: Any, page: FinancePage, tmp_path: Path
) -> None:
    tab, runner = page.registers, page.ctx.runner
    page.tabs.setCurrentWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("creditors"))
    before = tab.models["creditors"].rowCount()
    click(qtbot, tab.add_button, runner)
    dialog = tab.dialog
    assert isinstance(dialog, OwedDialog)
    _type(qtbot, dialog.party, "Bright Windows")
    _type(qtbot, dialog.description, "Window cleaning, communal areas")
    _type(qtbot, dialog.amount, "0")
    _type(qtbot, dialog.dated, RECENT.strftime("%d/%m/%Y"))
    press_ok(qtbot, dialog, runner)
    assert dialog.isVisible()  # refused: nothing saved
    assert "cannot be £0.00" in dialog.errors._labels["amount"].text()
    _type(qtbot, dialog.amount, "145.50")
    press_ok(qtbot, dialog, runner)
    assert not dialog.isVisible()
    model = tab.models["creditors"]
    assert model.rowCount() == before + 1
    row = next(i for i in range(model.rowCount()) if model.row_at(i).party == "Bright Windows")
    assert model.row_at(row).standing(date.today()) == "Owed"
    tab.table.selectRow(row)
    click(qtbot, tab.settle_button, runner)
    assert isinstance(tab.dialog, SettleDialog)
    _type(qtbot, tab.dialog.on, date.today().strftime("%d/%m/%Y"))
    press_ok(qtbot, tab.dialog, runner)
    paid = next(r for r in tab.models["creditors"]._rows if r.party == "Bright Windows")
    assert paid.settled_on == date.today()
    assert "Recorded: Bright Windows, £145.50" in tab.result.text()
    out = tmp_path / "creditors.xlsx"
    tab.save(True, target=out)
    click(qtbot, tab.add_button, runner)  # lets the save finish, then closes the form
    tab.dialog.reject()
    rows = list(load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert any(r[0] == "Bright Windows" and str(r[6]).startswith("Paid ") for r in rows)


def test_equipment_bought_and_disposed_of(qtbot: Any, page: FinancePage) -> None:
    tab, runner = page.registers, page.ctx.runner
    page.tabs.setCurrentWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("equipment"))
    assert tab.settle_button.text() == "&Disposed of…"
    click(qtbot, tab.add_button, runner)
    dialog = tab.dialog
    assert isinstance(dialog, EquipmentDialog)
    _type(qtbot, dialog.description, "Pressure washer")
    _type(qtbot, dialog.bought, RECENT.strftime("%d/%m/%Y"))
    _type(qtbot, dialog.cost, "389.99")
    _type(qtbot, dialog.location, "Estate store")
    assert dialog.fund.currentText() == "(not recorded)"  # these books have no fund yet
    press_ok(qtbot, dialog, runner)
    model = tab.models["equipment"]
    row = next(
        i for i in range(model.rowCount()) if model.row_at(i).description == "Pressure washer"
    )
    item = model.row_at(row)
    assert (item.cost_pence, item.fund, item.standing()) == (38999, "", "In use")
    tab.table.selectRow(row)
    click(qtbot, tab.settle_button, runner)
    _type(qtbot, tab.dialog.on, date.today().strftime("%d/%m/%Y"))
    _type(qtbot, tab.dialog.note, "Stolen from the store")
    press_ok(qtbot, tab.dialog, runner)
    gone = next(r for r in tab.models["equipment"]._rows if r.description == "Pressure washer")
    assert gone.standing().endswith("Stolen from the store")
