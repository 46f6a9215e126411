"""The main window: areas, shortcuts, status bar, roles, state, locking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QWidget

from app.ui.admin.page import AdminPage
from app.ui.context import PageContext
from app.ui.main_window import MainWindow
from app.ui.members.page import MembersPage
from app.ui.pages import Page
from tests.ui.conftest import settle


def test_areas_and_shortcuts(qtbot: Any, window: MainWindow) -> None:
    """Ctrl+1..6 bring each area to the front, each with its heading and a name a screen
    reader announces; none is a placeholder any more."""
    for number, page in enumerate(Page, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() is page
        shown = window.pages[page]
        assert shown.accessibleName()
        texts = " ".join(label.text() for label in shown.findChildren(QLabel))
        assert "not ready yet" not in texts


def test_members_page_shows_the_organisations_data(qtbot: Any, window: MainWindow) -> None:
    """The Members area shows how many members this organisation has."""
    page = window.show_page(Page.MEMBERS)
    assert isinstance(page, MembersPage)
    qtbot.waitUntil(lambda: "current members" in page.totals.text())
    assert "Riverside Tenant Management Organisation" in page.totals.text()
    total = sum(
        int(n.replace(",", "")) for n in page.totals.text().split() if n.replace(",", "").isdigit()
    )
    assert total == 40


def test_status_bar_names_organisation_user_and_file(window: MainWindow) -> None:
    """The status bar says whose data this is, who is signed in and which file is open."""
    texts = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert "Riverside Tenant Management Organisation" in texts
    assert any("Grace Adeyemi (administrator)" in t for t in texts)
    assert any(str(window.ctx.file.path) in t for t in texts)


def test_viewer_sees_no_buttons_to_change_things(
    qtbot: Any, make_ctx: Callable[[str], PageContext]
) -> None:
    """A viewer is not offered Add user, Save changes or Restore."""
    win = MainWindow(make_ctx("viewer"))
    qtbot.addWidget(win)
    win.show()
    admin = win.show_page(Page.ADMIN)
    assert isinstance(admin, AdminPage)
    assert not admin.users.add.isVisibleTo(admin)
    assert not admin.organisation.save.isVisibleTo(admin)
    assert not admin.organisation.form.isEnabled()
    assert not admin.backups.restore_selected.isVisibleTo(admin)
    assert admin.audit is None  # a viewer cannot read the audit trail
    settle(qtbot, win.ctx.runner)


def test_window_state_is_remembered(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> None:
    """The area last shown and the window size come back next time."""
    ctx = make_ctx("admin")
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.show_page(Page.REPORTS)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.current_page() is Page.REPORTS
    assert second.size().width() == 760
    settle(qtbot, ctx.runner)


def test_idle_lock_hides_data_until_password(qtbot: Any, window: MainWindow) -> None:
    """After the idle time the data is hidden; the right password brings it back as it was."""
    window.show_page(Page.ADMIN)
    window.idle.minutes = 1
    window.idle._last -= 61  # as if a minute passed with no input
    window.idle._on_timer_timeout()
    assert window.is_locked() and not window.centralWidget().isVisible()
    dialog = window.unlock_dialog
    qtbot.keyClicks(dialog.password, "wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors.text("form") != "")
    assert "wrong" in dialog.errors.text("form") and window.is_locked()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "mutualdesk")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked())
    assert window.centralWidget().isVisible() and window.current_page() is Page.ADMIN


def _unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if type(widget).__name__ in {
            "QScrollBar",
            "QTabBar",
            "QSplitterHandle",
            "QHeaderView",
            "QWidget",
            "QScrollArea",
            "QStackedWidget",
            "QAbstractScrollArea",
        }:
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the inner editor of a named spin box or combo box
        named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
        if not named:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_has_an_accessible_name(qtbot: Any, window: MainWindow) -> None:
    """A screen reader can name every control a keyboard can reach, on every page."""
    for page in Page:
        widget = window.show_page(page)
        if isinstance(widget, AdminPage):
            for index in range(widget.tabs.count()):
                widget.tabs.setCurrentIndex(index)
                assert _unnamed_controls(widget.tabs.currentWidget()) == []
        assert _unnamed_controls(widget) == [], page
    settle(qtbot, window.ctx.runner)
