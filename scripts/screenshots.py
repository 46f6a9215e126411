"""Take screenshots of the main windows (offscreen) for the README and for review.

Usage: python scripts/screenshots.py OUT_FOLDER
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> None:
    """Write PNGs of the wizard, the sign-in window and the main window's areas."""
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="mutualdesk-shots-"))
    os.environ["MUTUALDESK_HOME"] = str(home)
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD, create_demo
    from app.services.organisation import get
    from app.storage.database import open_database
    from app.ui.context import PageContext
    from app.ui.login import LoginDialog
    from app.ui.main_window import MainWindow
    from app.ui.ops import ChangeBus, OpRunner
    from app.ui.pages import Page
    from app.ui.wizard import FirstRunWizard

    app = QApplication.instance() or QApplication([])
    if "--large" in sys.argv:
        font = QFont(app.font())
        font.setPointSize(16)
        app.setFont(font)
    database = open_database(home / "shots.sqlite")
    with database.sessions.begin() as session:
        create_demo(session, members=2500, seed=1, finance=True)
    bus = ChangeBus()
    runner = OpRunner(database.sessions, bus)
    wizard = FirstRunWizard(runner)
    wizard.show()
    for number in range(3):
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-{number + 1}.png"))
        if number == 0:
            wizard.next()
        elif number == 1:
            wizard.organisation.form.name.setText("Riverside TMO")
            wizard.next()
    wizard.hide()
    login = LoginDialog()
    login.set_ready(runner, "Riverside Tenant Management Organisation", str(database.path))
    login.show()
    app.processEvents()
    login.grab().save(str(out / "login.png"))
    login.hide()
    user = auth.sign_in(database.sessions, "admin", DEMO_PASSWORD)
    with database.sessions() as session:
        org = get(session, user.organisation_id)
    state = QSettings(str(home / "state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(PageContext(runner, bus, user, org, database.file, state))
    window.resize(1100, 700)
    window.show()
    for page in Page:
        window.show_page(page)
        runner.wait()
        app.processEvents()
        app.processEvents()
        window.grab().save(str(out / f"main-{page.name.lower()}.png"))
    admin = window.pages[Page.ADMIN]
    for index in range(admin.tabs.count()):  # type: ignore[attr-defined]
        admin.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        runner.wait()
        app.processEvents()
        window.grab().save(str(out / f"admin-{index + 1}.png"))
    _member_dialogs(app, window, runner, out)
    _meeting_window(app, window, runner, out)
    window.close()
    database.close(backup=False)
    print(f"Screenshots in {out}")


def _member_dialogs(app: object, window: object, runner: object, out: Path) -> None:
    """The member form's tabs, the shares and categories dialogs."""
    from app.ui.members.categories_dialog import CategoriesDialog
    from app.ui.members.form import MemberDialog
    from app.ui.members.shares_dialog import SharesDialog
    from app.ui.pages import Page

    page = window.pages[Page.MEMBERS]  # type: ignore[attr-defined]
    page.table.selectRow(3)
    row = page.selected()

    def grab(widget: object, name: str) -> None:
        runner.wait()  # type: ignore[attr-defined]
        for _ in range(3):
            app.processEvents()  # type: ignore[attr-defined]
        widget.grab().save(str(out / f"{name}.png"))  # type: ignore[attr-defined]

    form = MemberDialog(page.ctx, page, row.id)
    form.show()
    for index in range(form.tabs.count()):
        form.tabs.setCurrentIndex(index)
        grab(form, f"member-form-{index + 1}")
    form.close()
    shares = SharesDialog(page.ctx, page, row.id, row.name)
    shares.show()
    grab(shares, "member-shares")
    shares.close()
    categories = CategoriesDialog(page.ctx, page)
    categories.show()
    grab(categories, "member-categories")
    categories.close()


def _meeting_window(app: object, window: object, runner: object, out: Path) -> None:
    """The draft minutes' meeting window, each tab."""
    from app.ui.pages import Page

    page = window.pages[Page.MEETINGS]  # type: ignore[attr-defined]
    from app.services import meetings

    org_id = page.ctx.organisation.id
    draft = next(
        m
        for m in page.ctx.runner.read(lambda session: meetings.list_meetings(session, org_id))
        if m.status == "draft" and m.body_kind == "board"
    )
    meeting = page.open_meeting(draft.id)
    meeting.resize(1000, 720)
    for index in range(meeting.tabs.count()):
        meeting.tabs.setCurrentIndex(index)
        runner.wait()  # type: ignore[attr-defined]
        for _ in range(3):
            app.processEvents()  # type: ignore[attr-defined]
        meeting.grab().save(str(out / f"meeting-{index + 1}.png"))
    meeting.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
