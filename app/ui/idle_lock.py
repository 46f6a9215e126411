"""Locking the window after the idle time the administrator set."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.services.accounts.user_info import UserInfo
from app.ui.forms import FieldErrors
from app.ui.login import password_field
from app.ui.ops import OpRunner

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits ``idle`` once no key or mouse input has come for ``minutes``."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        """Seconds since the last key press or mouse movement."""
        return time.monotonic() - self._last

    def _on_timer_timeout(self) -> None:
        if self.minutes > 0 and self.idle_seconds() >= self.minutes * 60:
            self._last = time.monotonic()
            self.idle.emit()

    def stop(self) -> None:
        """Stop watching (when the window closes)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class UnlockDialog(QDialog):
    """The window is locked: the same person's password opens it again."""

    def __init__(self, parent: QWidget | None, runner: OpRunner, user: UserInfo) -> None:
        super().__init__(parent)
        self.setWindowTitle("MutualDesk is locked")
        self.runner, self.user = runner, user
        layout = QVBoxLayout(self)
        text = QLabel(
            f"MutualDesk was locked because nobody used it for a while. "
            f"{user.full_name} ({user.username}), enter your password to carry on. "
            "Nothing you had typed has been lost."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        self.password = password_field("Password")
        layout.addWidget(self.password)
        buttons = QDialogButtonBox()
        unlock = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setAccessibleName("Unlock")
        buttons.accepted.connect(self._on_buttons_accepted)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Escape does not unlock."""

    def _on_buttons_accepted(self) -> None:
        self.runner.sign_in(
            self,
            self.user.username,
            self.password.text(),
            on_success=lambda _: self.accept(),
            on_user_error=self._on_refused,
        )

    def _on_refused(self, error: UserError) -> None:
        self.errors.show(error)
        self.password.selectAll()
