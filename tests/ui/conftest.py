"""GUI fixtures: a demo database, a signed-in context and a main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from app.services import organisation
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.ui.context import PageContext
from app.ui.main_window import MainWindow
from app.ui.ops import ChangeBus, OpRunner

_DATABASES: dict[int, Any] = {}  # id(PageContext) -> the open database it was made on


def sessions_of(ctx: PageContext) -> Any:
    """The sessions behind ``ctx``'s file, for a test to set up or read back what is stored
    (pages themselves reach it only through ``ctx.runner``)."""
    return _DATABASES[id(ctx)].sessions


@pytest.fixture
def make_ctx(demo: Any, tmp_path: Path) -> Iterator[Callable[[str], PageContext]]:
    """Build a PageContext for a demo user signed in by name."""
    runners: list[OpRunner] = []

    def build(username: str = "admin") -> PageContext:
        user = auth.sign_in(demo.sessions, username, DEMO_PASSWORD)
        with demo.sessions() as session:
            org = organisation.get(session, user.organisation_id)
        bus = ChangeBus()
        runner = OpRunner(demo.sessions, bus, read_only=demo.read_only)
        runners.append(runner)
        state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
        ctx = PageContext(runner, bus, user, org, demo.file, state)
        _DATABASES[id(ctx)] = demo
        return ctx

    yield build
    for runner in runners:
        runner.wait()
    _DATABASES.clear()


@pytest.fixture
def window(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> MainWindow:
    """The main window for the demo administrator, shown."""
    win = MainWindow(make_ctx("admin"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win.ctx.runner)
    return win


def settle(qtbot: Any, runner: OpRunner) -> None:
    """Let queued operations finish and their results reach the GUI thread."""
    for _ in range(5):
        runner.wait()
        qtbot.wait(20)


@pytest.fixture
def say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every 'are you sure?' is answered Yes."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


def shown_page(qtbot: Any, page: Any, width: int = 1000, height: int = 700) -> Any:
    """``page`` shown at a size, with its first reads done."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    settle(qtbot, page.ctx.runner)
    return page


def click(qtbot: Any, widget: Any, runner: OpRunner) -> None:
    """Click ``widget`` as a person would, then let what it started finish."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)


def press_ok(qtbot: Any, dialog: Any, runner: OpRunner) -> None:
    """Press a form's OK, then let its unit of work finish."""
    dialog._on_ok()
    settle(qtbot, runner)


@pytest.fixture
def books_page(qtbot: Any, demo_files: Callable[..., Path], tmp_path: Path) -> Iterator[Any]:
    """Budgets & Accounts for the demo treasurer, on the small demo with two years of books
    (its newest allowance payment overdue): (page, database, treasurer's actor)."""
    from app.ui.finance.page import FinancePage
    from tests.conftest import open_copy

    db = open_copy(demo_files(members=30, seed=4, board=False, finance=True), tmp_path / "b.sqlite")
    user = auth.sign_in(db.sessions, "treasurer", DEMO_PASSWORD)
    with db.sessions() as session:
        org = organisation.get(session, user.organisation_id)
    runner = OpRunner(db.sessions, ChangeBus())
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    page = shown_page(
        qtbot, FinancePage(PageContext(runner, runner.bus, user, org, db.file, state)), 1100, 760
    )
    yield page, db, user.actor
    runner.wait()
    db.close(backup=False)
