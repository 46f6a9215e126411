"""The forms of the registers tab: a debtor or creditor, an item of equipment, and the
date one was paid or disposed of."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from app.errors import Issue, UserError
from app.services.common.dates import uk
from app.services.common.money import format_pence
from app.services.finance import registers
from app.services.finance.registers import EquipmentDetails, EquipmentInfo, OwedDetails, OwedInfo
from app.services.finance.setup import FundInfo
from app.ui.context import PageContext
from app.ui.finance.dialogs import combo, read_money
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog
from app.ui.widgets import date_box, read_date

CHANGES = frozenset({Change.FINANCE})
OWED_WORDS = {
    "debtor": ("Money owed to us", "Who &owes it", "&Date invoiced or agreed"),
    "creditor": ("A bill to pay", "Who is &owed", "&Date of the bill"),
}


def _money_text(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence).replace("£", "")


def _optional_date(box: QLineEdit, field: str, label: str, issues: list[Issue]) -> Any:
    return read_date(box, field, label, issues) if box.text().strip() else None


def _raise(issues: list[Issue]) -> None:
    if issues:
        raise UserError.from_issues(issues)


class OwedDialog(ServiceDialog):
    """Add a debtor or creditor, or correct one not yet paid."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, side: str, item: OwedInfo | None = None
    ) -> None:
        title, who, dated = OWED_WORDS[side]
        super().__init__(
            ctx, parent, title if item is None else f"Change: {title.lower()}",
            "Listed in the statement of assets and liabilities at any year's end it is still "
            "owed. Mark it paid when the money moves (and enter it in the cash book).",
            CHANGES,
        )  # fmt: skip
        self.side, self.item = side, item
        add = self.errors.add_row
        self.party = add(self.form, who, QLineEdit(item.party if item else ""), "party")
        self.description = add(
            self.form, "&What for", QLineEdit(item.description if item else ""), "description"
        )
        self.amount = add(
            self.form, "&Amount (£)", QLineEdit(_money_text(item.amount_pence if item else None)),
            "amount",
        )  # fmt: skip
        self.dated = add(self.form, dated, date_box("Date", item.dated if item else None), "dated")
        self.due = add(
            self.form, "D&ue by (if known)", date_box("Due by", item.due_on if item else None),
            "due_on",
        )  # fmt: skip
        self.reference = add(
            self.form, "&Reference", QLineEdit(item.reference if item else ""), "reference"
        )
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        pence = read_money(self.amount, "amount", "Amount", issues)
        dated = read_date(self.dated, "dated", "Date", issues)
        due = _optional_date(self.due, "due_on", "Due date", issues)
        _raise(issues)
        assert pence is not None and dated is not None
        details = OwedDetails(
            self.side, self.party.text(), self.description.text(), pence, dated, due,
            self.reference.text(),
        )  # fmt: skip
        actor, item_id = self.ctx.user.actor, self.item.id if self.item else None
        return lambda s: registers.save_owed(s, actor, details, item_id)


class EquipmentDialog(ServiceDialog):
    """Add an item to the equipment register, or correct one still in use."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        funds: list[FundInfo],
        item: EquipmentInfo | None = None,
    ) -> None:
        super().__init__(
            ctx, parent, "Equipment or furniture" if item is None else "Change an item",
            "What the organisation keeps for its own use, at what it cost; the accounts list "
            "what was held at each year's end.",
            CHANGES,
        )  # fmt: skip
        self.item = item
        add = self.errors.add_row
        self.description = add(
            self.form, "&What it is", QLineEdit(item.description if item else ""), "description"
        )
        self.bought = add(
            self.form, "&Bought on", date_box("Bought on", item.bought_on if item else None),
            "bought_on",
        )  # fmt: skip
        self.cost = add(
            self.form, "&Cost (£)", QLineEdit(_money_text(item.cost_pence if item else None)),
            "cost",
        )  # fmt: skip
        self.location = add(
            self.form, "Where it &is", QLineEdit(item.location if item else ""), "location"
        )
        self.fund = add(
            self.form, "&Paid from", combo("Paid from", [(f.name, f.id) for f in funds],
                                          "(not recorded)"), "fund_id",
        )  # fmt: skip
        if item and item.fund_id is not None:
            self.fund.setCurrentIndex(max(0, self.fund.findData(item.fund_id)))
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        pence = read_money(self.cost, "cost", "Cost", issues)
        bought = read_date(self.bought, "bought_on", "Date bought", issues)
        _raise(issues)
        assert pence is not None and bought is not None
        details = EquipmentDetails(
            self.description.text(), bought, pence, self.location.text(), self.fund.currentData()
        )
        actor, item_id = self.ctx.user.actor, self.item.id if self.item else None
        return lambda s: registers.save_equipment(s, actor, details, item_id)


class SettleDialog(ServiceDialog):
    """When a debtor or creditor was paid, or an item disposed of (with a note)."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, item: OwedInfo | EquipmentInfo
    ) -> None:
        owed = isinstance(item, OwedInfo)
        what = (
            f"{item.party}: {item.description}, {format_pence(item.amount_pence)}"
            if isinstance(item, OwedInfo)
            else item.description
        )
        super().__init__(
            ctx, parent, "Mark as paid" if owed else "Disposed of",
            f"{what}. Once marked, it can no longer be changed."
            + ("" if owed else " Say what became of it (sold, scrapped, given away)."),
            CHANGES,
        )  # fmt: skip
        self.item = item
        self.on = self.errors.add_row(
            self.form, "&Date paid" if owed else "&Date disposed of", date_box("Date"), "on"
        )
        self.note: QLineEdit | None = None
        if not owed:
            self.note = self.errors.add_row(self.form, "&What became of it", QLineEdit(), "note")
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        on = read_date(self.on, "on", "Date", issues)
        _raise(issues)
        assert on is not None
        actor, item = self.ctx.user.actor, self.item
        if isinstance(item, OwedInfo):
            return lambda s: registers.settle_owed(s, actor, item.id, on)
        note = self.note.text() if self.note else ""
        return lambda s: registers.dispose_equipment(s, actor, item.id, on, note)


def describe(item: OwedInfo | EquipmentInfo) -> str:
    """A line for the result label."""
    if isinstance(item, OwedInfo):
        return f"{item.party}, {format_pence(item.amount_pence)} dated {uk(item.dated)}"
    return f"{item.description}, bought {uk(item.bought_on)}"
