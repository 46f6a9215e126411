"""MutualDesk as the benchmark runs it: the real start-up, signing in automatically.

Prints "mark first-window" when the sign-in window is on screen and "mark
main-window" when the main window has been painted showing the organisation's
members (their count and the first rows of the register), then quits.
Usage: python bench/app_child.py DB USERNAME PASSWORD
"""

import sys
from typing import Any


def main() -> None:
    """Patch two hooks in, then run the app exactly as `mutualdesk --db DB` does."""
    db, username, password = sys.argv[1:4]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui import login

    show, set_ready = login.LoginDialog.show, login.LoginDialog.set_ready

    def show_and_mark(self: Any) -> None:
        show(self)
        QTimer.singleShot(0, lambda: print("mark first-window", flush=True))

    def ready_and_sign_in(self: Any, runner: Any, organisation: str, where: str) -> None:
        patch_members_page()  # only now: importing it earlier would slow the first window
        set_ready(self, runner, organisation, where)
        self.username.setText(username)
        self.password.setText(password)
        self._on_buttons_accepted()

    login.LoginDialog.show = show_and_mark  # type: ignore[method-assign]
    login.LoginDialog.set_ready = ready_and_sign_in  # type: ignore[method-assign]

    def patch_members_page() -> None:
        from app.ui import controller

        show_main = controller.AppController.show_main

        def show_and_paint(self: Any, user: Any) -> Any:
            window = show_main(self, user)
            window.repaint()  # painted now, with whatever data the page has
            totals = window.stack.currentWidget().totals.text()
            shown = "main-window" if "current members" in totals else "main-window-without-data"
            print(f"mark {shown} {totals}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            return window

        controller.AppController.show_main = show_and_paint  # type: ignore[method-assign]

    from app.ui.startup import run_app

    raise SystemExit(run_app(db))


if __name__ == "__main__":
    main()
