"""The registers tab: money owed to the organisation (debtors), bills to pay (creditors)
and the equipment it keeps; each can be added, corrected, marked paid or disposed of,
printed or saved as a spreadsheet."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.reports import registry
from app.services.common.dates import uk
from app.services.common.money import format_pence
from app.services.finance import registers, setup
from app.services.finance.registers import EquipmentInfo, OwedInfo
from app.ui.context import PageContext
from app.ui.finance.dialogs import combo
from app.ui.finance.register_dialogs import EquipmentDialog, OwedDialog, SettleDialog, describe
from app.ui.table_model import RowsModel
from app.ui.widgets import button, result_label, save_file, selected, table

Item = OwedInfo | EquipmentInfo
KINDS = (
    ("Money owed to us (debtors)", "debtors"),
    ("Bills to pay (creditors)", "creditors"),
    ("Equipment and furniture", "equipment"),
)


class Column(IntEnum):
    WHO = 0
    WHAT = 1
    DATED = 2
    DUE = 3
    AMOUNT = 4
    STANDING = 5


OWED_HEADINGS = {
    Column.WHO: "Who", Column.WHAT: "What", Column.DATED: "Dated", Column.DUE: "Due",
    Column.AMOUNT: "Amount", Column.STANDING: "Where it stands",
}  # fmt: skip
EQUIPMENT_HEADINGS = {
    Column.WHO: "Item", Column.WHAT: "Where it is", Column.DATED: "Bought",
    Column.DUE: "Paid from", Column.AMOUNT: "Cost", Column.STANDING: "Where it stands",
}  # fmt: skip


def _cell(today: date) -> Any:
    def cell(row: Item, column: Column) -> str:
        if isinstance(row, OwedInfo):
            values = (row.party, row.description, uk(row.dated), uk(row.due_on),
                      format_pence(row.amount_pence), row.standing(today))  # fmt: skip
        else:
            values = (row.description, row.location, uk(row.bought_on), row.fund,
                      format_pence(row.cost_pence), row.standing())  # fmt: skip
        return values[column]

    return cell


class RegistersTab(QWidget):
    def __init__(self, ctx: PageContext, can_change: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: Any = None
        self.funds: list[setup.FundInfo] = []
        self.found: dict[str, list[Any]] = {key: [] for _t, key in KINDS}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.kind = combo("Which register", list(KINDS))
        label = QLabel("&Show:")
        label.setBuddy(self.kind)
        top.addWidget(label)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout.addLayout(top)
        today = date.today()
        self.models = {
            "debtors": RowsModel(Column, OWED_HEADINGS, _cell(today)),
            "creditors": RowsModel(Column, OWED_HEADINGS, _cell(today)),
            "equipment": RowsModel(Column, EQUIPMENT_HEADINGS, _cell(today)),
        }
        self.table = table(self.models["debtors"], "The register chosen")
        layout.addWidget(self.table, 1)
        self.note = QLabel(
            "LMA allowance payments due and not received are owed to us too: the Budget tab "
            "lists them, and the printed and saved register and the accounts include them."
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.add_button = button("&Add…", "Add to this register", self._on_add, row)
        self.change_button = button("C&hange…", "Change the selected line", self._on_change, row)
        self.settle_button = button("&Mark paid…", "Mark the selected line paid", self._on_settle,
                                    row)  # fmt: skip
        self.print_button = button("Print (P&DF)…", "Print this register", lambda: self.save(False),
                                   row)  # fmt: skip
        self.export_button = button(
            "Save as spread&sheet…", "Save this register as a spreadsheet",
            lambda: self.save(True), row,
        )  # fmt: skip
        row.addStretch(1)
        layout.addLayout(row)
        for control in (self.add_button, self.change_button, self.settle_button):
            control.setEnabled(can_change)
        self.result = result_label("What happened")
        layout.addWidget(self.result)
        self.kind.currentIndexChanged.connect(self._show_kind)

    @property
    def key(self) -> str:
        return str(self.kind.currentData())

    def refresh(self) -> None:
        org_id = self.ctx.organisation.id

        def read(session: Any) -> tuple[dict[str, list[Any]], list[setup.FundInfo]]:
            return (
                {
                    "debtors": registers.list_owed(session, org_id, "debtor"),
                    "creditors": registers.list_owed(session, org_id, "creditor"),
                    "equipment": registers.list_equipment(session, org_id),
                },
                setup.list_funds(session, org_id),
            )

        def show(found: tuple[dict[str, list[Any]], list[setup.FundInfo]]) -> None:
            self.found, self.funds = found
            for key, model in self.models.items():
                model.set_rows(self.found[key])
            self._show_kind()

        self.ctx.runner.run(self, read, on_success=show, write=False)

    def _show_kind(self) -> None:
        self.table.setModel(self.models[self.key])
        equipment = self.key == "equipment"
        self.note.setVisible(self.key == "debtors")
        self.settle_button.setText("&Disposed of…" if equipment else "&Mark paid…")
        self.settle_button.setAccessibleName(
            "Record that the selected item was disposed of"
            if equipment
            else "Mark the selected line paid"
        )

    def _chosen(self) -> Item | None:
        item = selected(self.table, self.models[self.key])
        if item is None:
            self.result.setText("⚠ Choose a line of the register first.")
        return item  # type: ignore[no-any-return]

    def _open(self, dialog: Any, done: str) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.result.setText(f"✔ {done}"))
        dialog.open()

    def _on_add(self) -> None:
        if self.key == "equipment":
            self._open(EquipmentDialog(self.ctx, self, self.funds), "Added to the register.")
        else:
            self._open(OwedDialog(self.ctx, self, self.key[:-1]), "Added to the register.")

    def _on_change(self) -> None:
        item = self._chosen()
        if isinstance(item, OwedInfo):
            self._open(OwedDialog(self.ctx, self, item.side, item), f"Saved: {describe(item)}.")
        elif isinstance(item, EquipmentInfo):
            self._open(
                EquipmentDialog(self.ctx, self, self.funds, item), f"Saved: {describe(item)}."
            )

    def _on_settle(self) -> None:
        item = self._chosen()
        if item is not None:
            self._open(SettleDialog(self.ctx, self, item), f"Recorded: {describe(item)}.")

    def save(self, spreadsheet: bool, target: Path | None = None) -> None:
        """Print the register shown, or save it as a spreadsheet."""
        spec = registry.find(self.key)
        build = registry.builder(spec, spreadsheet=spreadsheet)
        actor = self.ctx.user.actor
        save_file(
            self, self.ctx, f"Save the {spec.title.lower()}",
            f"{self.key}.{'xlsx' if spreadsheet else 'pdf'}",
            lambda s: build(s, actor, datetime.now()), self.result.setText,
            spreadsheet=spreadsheet, target=target,
        )  # fmt: skip
