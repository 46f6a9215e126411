"""Matching an allowance receipt with the payment it was for, by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.services.common.dates import uk
from app.services.finance import allowance_matching
from app.ui.context import PageContext
from app.ui.finance.dialogs import CHANGES, combo
from app.ui.service_dialog import ServiceDialog


class MatchAllowanceDialog(ServiceDialog):
    """Say which of the agreement's expected payments a receipt was for (or let it be
    matched oldest first again)."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        entry_id: int,
        number: int,
        dues: list[date],
        current: date | None,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            f"Match receipt {number} with an allowance payment",
            "Receipts settle the allowance's payments oldest first. Where the council paid "
            "one late and the next early, say which payment this receipt was for.",
            CHANGES,
        )
        self.entry_id = entry_id
        self.due = self.errors.add_row(
            self.form,
            "&Payment it was for",
            combo(
                "Payment it was for",
                [(uk(d), i) for i, d in enumerate(dues)],  # (a date would come back as a QDate)
                "Oldest first (automatic)",
            ),
            "due_on",
        )
        self.dues = dues
        if current in dues:
            self.due.setCurrentIndex(self.due.findData(dues.index(current)))
        self.had_match = current is not None
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        chosen = self.due.currentData()
        actor, entry_id = self.ctx.user.actor, self.entry_id
        due = None if chosen is None else self.dues[chosen]
        if due is None:
            if not self.had_match:
                raise UserError("Choose the payment this receipt was for.")
            return lambda s: allowance_matching.unmatch(s, actor, entry_id)
        return lambda s: allowance_matching.match_by_hand(s, actor, entry_id, due)
