"""Showing the three kinds of failure, and the crash dialog for bugs."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__, paths
from app.errors import EnvironmentProblem, UserError

log = logging.getLogger(__name__)


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    """A plain dialog for a user error that has no field to sit beside."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, error.message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName("Problem")
    box.exec()


def show_environment_problem(parent: QWidget | None, error: EnvironmentProblem) -> None:
    """Explain what the computer stopped, and what to do."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, APP_NAME, error.message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName("Problem with the computer")
    box.exec()


class CrashDialog(QDialog):
    """Something went wrong that is our fault: details to copy, and the log's path."""

    def __init__(self, parent: QWidget | None, details: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — something went wrong")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Sorry, MutualDesk hit a problem it did not expect. Your saved work is safe: "
            "anything not yet saved in this window may need typing again.\n\n"
            "Please send the details below to whoever looks after MutualDesk for you. "
            f"The log file is at:\n{paths.log_file()}"
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Details of the problem")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy details")
        copy.setAccessibleName("Copy details")
        copy.clicked.connect(self._on_copy_clicked)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def crash_details(error: BaseException) -> str:
    """Version, platform and traceback, ready to paste into an e-mail."""
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return f"{APP_NAME} {__version__}\nPython {sys.version}\n{sys.platform}\n\n{trace}"


def show_crash(parent: QWidget | None, error: BaseException) -> None:
    """Log a bug and show the crash dialog."""
    log.error("Unexpected error", exc_info=error)
    CrashDialog(parent, crash_details(error)).exec()


def install_excepthook() -> None:
    """Route uncaught exceptions on the GUI thread to the right dialog."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        if isinstance(error, UserError):
            show_user_error(parent, error)
        elif isinstance(error, EnvironmentProblem):
            show_environment_problem(parent, error)
        else:
            show_crash(parent, error.with_traceback(tb))

    sys.excepthook = hook
