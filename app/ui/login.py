"""Signing in, and changing a password."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserError
from app.ui.forms import FieldErrors, add_buttons, named

if TYPE_CHECKING:  # the sign-in window shows before SQLAlchemy is imported
    from app.services.accounts import auth
    from app.ui.ops import OpRunner


def password_field(name: str) -> QLineEdit:
    """A password box that hides what is typed."""
    edit = named(QLineEdit(), name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class LoginDialog(QDialog):
    """The first window: shows at once, becomes usable when the file is open."""

    signed_in = Signal(object)  # auth.UserInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — sign in")
        self.runner: OpRunner | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(APP_NAME)
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.status = QLabel("Opening your database…")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        form = QFormLayout()
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        self.username = self.errors.add_row(
            form, "&User name", named(QLineEdit(), "User name"), "username"
        )
        self.password = self.errors.add_row(
            form, "&Password", password_field("Password"), "password"
        )
        layout.addLayout(form)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            "&Sign in", QDialogButtonBox.ButtonRole.AcceptRole
        )
        named(self.sign_in_button, "Sign in")
        quit_button = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        named(quit_button, "Quit")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        self.resize(420, 260)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(enabled)
        if enabled:  # Enter signs in again (hidden while disabled, the button loses it)
            self.sign_in_button.setDefault(True)

    def set_ready(self, runner: OpRunner, organisation: str, where: str) -> None:
        """The database is open: show whose it is and let the person sign in."""
        self.runner = runner
        self.heading.setText(organisation)
        self.status.setText(f"Sign in to {APP_NAME}. File: {where}")
        self._set_enabled(True)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_buttons_accepted(self) -> None:
        if self.runner is None:
            return
        self.errors.clear()
        self._set_enabled(False)
        self.runner.sign_in(
            self,
            self.username.text(),
            self.password.text(),
            on_success=self._on_signed_in,
            on_user_error=self._on_refused,
        )

    def _on_signed_in(self, user: auth.UserInfo) -> None:
        self.password.clear()
        self.signed_in.emit(user)

    def _on_refused(self, error: UserError) -> None:
        self._set_enabled(True)
        self.errors.show(error)
        self.password.selectAll()
        self.password.setFocus()


class ChangePasswordDialog(QDialog):
    """The signed-in person changes their own password."""

    def __init__(
        self, parent: QWidget | None, runner: OpRunner, user: auth.UserInfo, *, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change your password")
        self.runner, self.user = runner, user
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel("Your password was reset. Choose a new one that only you know.")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        self.old = self.errors.add_row(
            form, "&Current password", password_field("Current password"), "old"
        )
        self.new = self.errors.add_row(
            form, "&New password (8 characters or more)", password_field("New password"), "new"
        )
        self.confirm = self.errors.add_row(
            form, "New password &again", password_field("New password again"), "confirm"
        )
        layout.addLayout(form)
        add_buttons(self, layout, self._on_buttons_accepted)

    def _on_buttons_accepted(self) -> None:
        from app.errors import Issue

        if self.new.text() != self.confirm.text():
            self.errors.show(
                UserError.from_issues([Issue("confirm", "The two new passwords are not the same.")])
            )
            return
        from app.services.accounts import auth

        old, new, actor = self.old.text(), self.new.text(), self.user.actor
        self.runner.run(
            self,
            lambda s: auth.change_password(s, actor, old, new),
            on_success=lambda _: self.accept(),
            on_user_error=self.errors.show,
        )


def ask_password_change(
    parent: QWidget | None, runner: OpRunner, user: auth.UserInfo, then: Callable[[], None]
) -> None:
    """Make a user whose password was reset choose a new one before going on."""
    dialog = ChangePasswordDialog(parent, runner, user, forced=True)
    dialog.accepted.connect(then)
    dialog.open()
