"""`mutualdesk self-test`: start the GUI, open every page, render a report, exit."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from app import APP_NAME, __version__


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise AssertionError(reason)


def run_self_test(db: Path | None) -> int:
    """Exit 0 if every page opens and a report renders; otherwise say why."""
    scratch = Path(tempfile.mkdtemp(prefix="mutualdesk-self-test-"))
    if db is None:
        os.environ["MUTUALDESK_HOME"] = str(scratch / "home")  # keep the user's folder clean
    try:
        steps = _run(db, scratch)
    except Exception as exc:  # the reason is the point of a self-test
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    for step in steps:
        print(f"ok  {step}")
    print(f"self-test passed: {APP_NAME} {__version__}")
    return 0


def _run(db: Path | None, scratch: Path) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.services import organisation
    from app.services.accounts import auth
    from app.services.accounts import reports as accounts_reports
    from app.services.demo import create_demo
    from app.services.upkeep.opening import open_database
    from app.ui.context import PageContext
    from app.ui.main_window import MainWindow
    from app.ui.ops import ChangeBus, OpRunner
    from app.ui.pages import Page
    from app.ui.reports.page import write_pdf
    from app.ui.reports.preview import page_images

    app = QApplication.instance() or QApplication([sys.argv[0]])
    steps = [f"Qt platform: {QApplication.platformName()}"]
    if db is None:
        path = scratch / "self-test.sqlite"
        database = open_database(path, daily_backup=False)
        with database.sessions.begin() as session:
            create_demo(session, members=200, seed=1, finance=True)
        steps.append("created a demo database")
    else:
        database = open_database(db, read_only=True)
        steps.append(f"opened {db} read-only")
    try:
        with database.sessions() as session:
            orgs = organisation.list_all(session)
            _check(bool(orgs), "the database has no organisation")
            admins = [
                u for u in auth.list_users(session, orgs[0].id) if u.role.value == "administrator"
            ]
            _check(bool(admins), "the database has no administrator")
        bus = ChangeBus()
        runner = OpRunner(database.sessions, bus, read_only=database.read_only)
        state = QSettings(str(scratch / "state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(PageContext(runner, bus, admins[0], orgs[0], database.file, state))
        window.show()
        for page in Page:
            widget = window.show_page(page)
            app.processEvents()
            runner.wait()
            app.processEvents()
            _check(widget.isVisible(), f"the {page.label} page did not show")
            steps.append(f"opened {page.label}")
        admin = window.pages[Page.ADMIN]
        tabs = admin.tabs  # type: ignore[attr-defined]
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()
            steps.append(f"opened Administration › {tabs.tabText(index).replace('&', '')}")
        with database.sessions() as session:
            report = accounts_reports.users(session, admins[0].actor, datetime.now())
        pdf = write_pdf(report, scratch / "users.pdf")
        images = page_images(pdf, 50)
        _check(len(images) >= 1 and not images[0].isNull(), "the report did not render")
        steps.append(f"rendered the report '{report.title}' ({len(images)} page)")
        runner.wait()
        window.close()
        app.processEvents()
    finally:
        database.close(backup=False)
    return steps
