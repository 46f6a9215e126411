"""Form helpers: accessible names, labels with buddies, errors shown beside fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give ``widget`` the accessible name (and description) screen readers announce."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


class FieldErrors:
    """Error labels under each field; the text says what is wrong (not colour alone)."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self.general = self._make_label("form")

    @staticmethod
    def _make_label(field: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        label.setStyleSheet("color: #a4000f; font-weight: bold;")
        label.setAccessibleName("Error")
        label.hide()
        return label

    def add_row(self, form: QFormLayout, text: str, widget: W, field: str) -> W:
        """Add a labelled field with its error label beneath it."""
        label = QLabel(text)
        label.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(text.replace("&", ""))
        error = self._make_label(field)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(error)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form.addRow(label, box)
        self._labels[field] = error
        self._fields[field] = widget
        return widget

    def clear(self) -> None:
        """Hide every error."""
        for label in [*self._labels.values(), self.general]:
            label.clear()
            label.hide()

    def show(self, error: UserError) -> None:
        """Show each issue beside its field (others at the top); focus the first."""
        self.clear()
        leftovers = []
        first: QWidget | None = None
        for issue in error.issues or ():
            label = self._labels.get(issue.field)
            if label is None:
                leftovers.append(issue.message)
                continue
            label.setText(f"⚠ {issue.message}")
            label.show()
            first = first or self._fields[issue.field]
        if not error.issues:
            leftovers.append(error.message)
        if leftovers:
            self.general.setText("⚠ " + "\n".join(leftovers))
            self.general.show()
        if first is not None:
            first.setFocus()

    def first_widget(self, error: UserError) -> QWidget | None:
        """The field of the first issue that has one on this form."""
        for issue in error.issues:
            if issue.field in self._fields:
                return self._fields[issue.field]
        return None

    def text(self, field: str) -> str:
        """The error shown for ``field`` ('' if none)."""
        label = self._labels.get(field, self.general if field == "form" else None)
        return "" if label is None or label.isHidden() else label.text().removeprefix("⚠ ")


def add_buttons(
    dialog: QDialog,
    layout: QVBoxLayout,
    on_accept: Callable[[], None],
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
) -> QDialogButtonBox:
    """OK (or Save) and Cancel at the foot of a dialog; OK calls ``on_accept``."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons
