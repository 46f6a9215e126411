"""The desktop app's entry: a QApplication and the controller, nothing heavy first."""

from __future__ import annotations

import sys
from pathlib import Path

from app import APP_NAME, __version__


def run_app(db: str | None, *, read_only: bool = False) -> int:
    """Run the desktop app until its last window closes."""
    from PySide6.QtWidgets import QApplication

    from app.ui.feature_scan import limit_feature_scan

    limit_feature_scan()
    from app.logs import setup_logging
    from app.ui.errors import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    setup_logging()
    install_excepthook()
    from PySide6.QtCore import QTimer

    from app import paths
    from app.services.upkeep.early import EarlyCheck, is_address
    from app.ui.login import LoginDialog

    server = db if is_address(db) else None
    early = None if server else EarlyCheck(Path(db) if db else paths.default_database())

    login = LoginDialog()
    login.show()  # the first window, before SQLAlchemy and the rest are imported
    holder: list[object] = []

    def take_over() -> None:
        from app.ui.controller import AppController

        controller = AppController(
            login,
            Path(db) if db and not server else None,
            read_only=read_only,
            early_check=early,
            address=server,
        )
        holder.append(controller)
        controller.start()

    QTimer.singleShot(0, take_over)
    try:
        return app.exec()
    finally:
        for controller in holder:
            controller.shutdown()  # type: ignore[attr-defined]
