"""A small form that makes one service call: intro text, fields with errors beside them, OK/Cancel.

Subclasses add their fields to ``self.form``, call ``finish()``, and give
``operation()``: the call to run (in one unit of work, off the GUI thread),
or a UserError for what the form says wrong, or Cancelled if the person
changed their mind. The dialog closes when the call succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import Cancelled, UserError
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, add_buttons
from app.ui.ops import Change


class ServiceDialog(QDialog):
    """One form, one service call; errors beside the fields; announces ``changes``."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        title: str,
        intro: str,
        changes: frozenset[Change],
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._changes = changes
        self.setWindowTitle(title)
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(self.errors.general)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._layout = layout

    def finish(self) -> None:
        """Add OK and Cancel (call after the fields)."""
        self.buttons = add_buttons(self, self._layout, self._on_ok)
        self.resize(520, self.sizeHint().height())

    def _on_ok(self) -> None:
        try:
            op = self.operation()
        except UserError as error:
            self.errors.show(error)
            return
        except Cancelled:
            return
        self.ctx.runner.run(
            self,
            op,
            on_success=lambda _result: self.accept(),
            on_user_error=self.refused,
            changes=self._changes,
        )

    def refused(self, error: UserError) -> None:
        """The service said no: show why, beside the fields it names."""
        self.errors.show(error)

    def operation(self) -> Callable[[Any], object]:
        """The service call for what the form says (UserError if it cannot be made)."""
        raise NotImplementedError
