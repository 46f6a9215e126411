"""Bringing in a bank statement: which column is which (for a bank whose file MutualDesk
does not know; remembered for the account), and the lines not yet in the cash book,
each given a category and entered together."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.errors import Issue, UserError
from app.services.common.dates import uk
from app.services.common.money import format_pence
from app.services.finance import bank_import
from app.ui.context import PageContext
from app.ui.finance.dialogs import CHANGES, Choices, combo
from app.ui.service_dialog import ServiceDialog

FIELDS = (
    ("date", "&Date", True),
    ("description", "D&escription", True),
    ("amount", "&Amount (money out negative)", False),
    ("money_in", "Money &in", False),
    ("money_out", "Money &out", False),
    ("reference", "&Reference", False),
)


def headings_of(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig", errors="replace")
    first = next(csv.reader(io.StringIO(text)), [])
    return [h.strip() for h in first if h.strip()]


class MappingDialog(ServiceDialog):
    """Which column holds the date, the description and the amount."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, account_id: int, headings: list[str]
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Which column is which",
            "MutualDesk does not know this bank's file. Choose the columns; they are "
            "remembered for this account's next statement.",
            CHANGES,
        )
        self.account_id = account_id
        self.boxes: dict[str, QComboBox] = {}
        for field, label, needed in FIELDS:
            box = combo(
                label.replace("&", ""), [(h, h) for h in headings], None if needed else "(none)"
            )
            self.boxes[field] = self.errors.add_row(self.form, label, box, field)
        self.finish()

    def mapping(self) -> bank_import.CsvMapping:
        chosen = {f: (b.currentData() or "") for f, b in self.boxes.items()}
        if not chosen["amount"] and not (chosen["money_in"] and chosen["money_out"]):
            raise UserError.from_issues(
                [Issue("amount", "Choose the amount column, or both money in and money out.")]
            )
        return bank_import.CsvMapping(**chosen)

    def operation(self) -> Callable[[Any], object]:
        mapping = self.mapping()
        actor, account = self.ctx.user.actor, self.account_id
        return lambda s: bank_import.remember_mapping(s, actor, account, mapping)


class NewLinesDialog(ServiceDialog):
    """The statement's lines that are not in the cash book: a category each, one fund,
    then all entered together (or none)."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        account_id: int,
        lines: list[bank_import.StatementLine],
        choices: Choices,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Enter the statement's new lines",
            f"{len(lines)} line(s) of the statement are not in the cash book. Choose a "
            "category for each; they are entered together.",
            CHANGES,
        )
        self.account_id, self.lines = account_id, lines[:40]
        self.fund = self.errors.add_row(
            self.form, "&Fund", combo("Fund", [(f.name, f.id) for f in choices.funds]), "fund_id"
        )
        self.categories: list[QComboBox] = []
        for number, line in enumerate(self.lines, start=1):
            direction = "receipt" if line.amount_pence > 0 else "payment"
            box = combo(
                f"Category for line {number}",
                [(c.name, c.id) for c in choices.categories if c.direction == direction],
            )
            text = QLabel(
                f"{uk(line.dated)} {line.description[:40]} {format_pence(line.amount_pence)}"
            )
            text.setBuddy(box)
            self.form.addRow(text, box)
            self.categories.append(box)
        if len(lines) > len(self.lines):
            self.form.addRow(QLabel(f"The other {len(lines) - len(self.lines)} follow next time."))
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        fund = self.fund.currentData()
        chosen = [
            (line, box.currentData(), fund)
            for line, box in zip(self.lines, self.categories, strict=True)
        ]
        actor, account = self.ctx.user.actor, self.account_id
        return lambda s: bank_import.enter_new(s, actor, account, chosen)
