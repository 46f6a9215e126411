"""The main window: a list of areas over a stack of pages, menus and a status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, __version__
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.idle_lock import IdleWatcher, UnlockDialog
from app.ui.login import ChangePasswordDialog
from app.ui.ops import Change
from app.ui.pages import Page


class MainWindow(QMainWindow):
    """Composition only: pages do the work."""

    sign_out_requested = Signal()
    centre_chosen = Signal(int)  # a federation role's person switching centre
    restore_requested = Signal(object, object)  # Path, passphrase or None
    closed = Signal()

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.pages: dict[Page, QWidget] = {}
        self._locked = False
        self._init_pages()
        self._init_menus()
        self._init_status()
        self._connect_signals()
        self._restore_state()
        self.idle = IdleWatcher(ctx.organisation.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        self._update_title()

    # -- building -------------------------------------------------------------------------
    def _init_pages(self) -> None:
        self.areas = named(QListWidget(), "Areas", "Choose which part of MutualDesk to show")
        self.stack = QStackedWidget()
        for page in Page:
            self.stack.addWidget(QWidget())  # the page itself is built when first shown
            item = QListWidgetItem(page.label)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.label)
            self.areas.addItem(item)
        self.areas.setMinimumWidth(self.areas.sizeHintForColumn(0) + 24)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.areas)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.areas.minimumWidth(), 900])
        self.setCentralWidget(self.splitter)

    def _build(self, page: Page) -> QWidget:
        """The page's widget, built (and its modules imported) the first time it is needed."""
        if page not in self.pages:
            index = list(Page).index(page)
            widget = self._make_page(page)
            if not widget.accessibleName():  # a screen reader names the area shown
                widget.setAccessibleName(page.label)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.pages[page] = widget
        return self.pages[page]

    def _make_page(self, page: Page) -> QWidget:
        if page is Page.MEMBERS:
            from app.ui.members.page import MembersPage

            return MembersPage(self.ctx)
        if page is Page.ELECTIONS:
            from app.ui.elections.page import ElectionsPage

            return ElectionsPage(self.ctx)
        if page is Page.MEETINGS:
            from app.ui.meetings.page import MeetingsPage

            return MeetingsPage(self.ctx)
        if page is Page.FINANCE:
            from app.ui.finance.page import FinancePage

            return FinancePage(self.ctx)
        if page is Page.PERFORMANCE:
            from app.ui.performance.page import PerformancePage

            return PerformancePage(self.ctx)
        if page is Page.REPORTS:
            from app.ui.reports.page import ReportsPage

            return ReportsPage(self.ctx)
        from app.ui.admin.page import AdminPage

        admin = AdminPage(self.ctx)
        admin.backups.restore_requested.connect(self.restore_requested)
        return admin

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[..., object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _init_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.backup_action = self._action("&Back up now…", "Ctrl+B", self._on_backup_triggered)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Lock", "Ctrl+L", self.lock))
        file_menu.addAction(
            self._action("&Change my password…", None, self._on_change_password_triggered)
        )
        file_menu.addAction(self._action("Sign &out", None, self.sign_out_requested.emit))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close))
        view_menu = bar.addMenu("&View")
        for number, page in enumerate(Page, start=1):
            view_menu.addAction(
                self._action(
                    page.value, f"Ctrl+{number}", lambda _=False, p=page: self.show_page(p)
                )
            )
        help_menu = bar.addMenu("&Help")
        self._help_action = help_menu.menuAction()
        help_menu.addAction(self._action(f"&About {APP_NAME}", None, self._on_about_triggered))

    def offer_centres(self, centres: list[tuple[int, str]]) -> None:
        """For the federation's people, and anyone with a role in several centres: a
        Centre menu (before Help) to work in another centre."""
        if len(centres) < 2:
            return
        menu = QMenu("C&entre", self)
        self.menuBar().insertMenu(self._help_action, menu)
        self.centre_actions: list[QAction] = []
        for org_id, name in centres:
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(org_id == self.ctx.organisation.id)
            action.triggered.connect(lambda _=False, i=org_id: self.centre_chosen.emit(i))
            menu.addAction(action)
            self.centre_actions.append(action)

    def _init_status(self) -> None:
        ctx = self.ctx
        mode = " (read-only)" if ctx.read_only else ""
        self.status_org = QLabel(ctx.organisation.name)
        self.status_user = QLabel(f"Signed in: {ctx.user.full_name} ({ctx.user.role.value})")
        where = f"Server: {ctx.file.address}" if ctx.file.address else f"File: {ctx.file.path}"
        self.status_file = QLabel(f"{where}{mode}")
        for label in (self.status_org, self.status_user, self.status_file):
            label.setAccessibleName(label.text())
            self.statusBar().addPermanentWidget(label)

    def _connect_signals(self) -> None:
        self.areas.currentRowChanged.connect(self._on_areas_current_row_changed)
        self.ctx.bus.changed.connect(self._on_bus_changed)

    # -- state ---------------------------------------------------------------------------
    def _restore_state(self) -> None:
        state = self.ctx.state
        geometry = state.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        splitter = state.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        row = int(state.value("main/page", 0, type=int))  # type: ignore[call-overload]
        self.areas.setCurrentRow(row if 0 <= row < len(Page) else 0)

    def _save_state(self) -> None:
        state = self.ctx.state
        state.setValue("main/geometry", self.saveGeometry())
        state.setValue("main/splitter", self.splitter.saveState())
        state.setValue("main/page", self.areas.currentRow())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        self.idle.stop()
        self.ctx.runner.wait()
        super().closeEvent(event)
        self.closed.emit()

    # -- behaviour ------------------------------------------------------------------------
    def _on_areas_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(Page):
            self._build(list(Page)[row])
            self.stack.setCurrentIndex(row)

    def show_page(self, page: Page) -> QWidget:
        """Bring ``page`` to the front; returns it."""
        self.areas.setCurrentRow(list(Page).index(page))
        return self._build(page)

    def current_page(self) -> Page:
        """The page on show."""
        return list(Page)[self.stack.currentIndex()]

    def lock(self) -> None:
        """Hide everything until the signed-in person enters their password."""
        if self._locked:
            return
        self._locked = True
        self.splitter.hide()
        self.menuBar().setEnabled(False)
        dialog = UnlockDialog(self, self.ctx.runner, self.ctx.user)
        dialog.accepted.connect(self._on_unlocked)
        self.unlock_dialog = dialog
        dialog.open()

    def is_locked(self) -> bool:
        """True while the window is locked."""
        return self._locked

    def _on_unlocked(self) -> None:
        self._locked = False
        self.splitter.show()
        self.menuBar().setEnabled(True)

    def _on_backup_triggered(self) -> None:
        from app.ui.admin.page import AdminPage

        admin = self.show_page(Page.ADMIN)
        assert isinstance(admin, AdminPage)
        admin.tabs.setCurrentWidget(admin.backups)
        admin.backups.back_up.click()

    def _on_change_password_triggered(self) -> None:
        ChangePasswordDialog(self, self.ctx.runner, self.ctx.user).open()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nMembership, elections, meetings and "
            "accounts for small mutual organisations.",
        )

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.ORGANISATION in changes:
            self.status_org.setText(self.ctx.organisation.name)
            self.idle.minutes = self.ctx.organisation.idle_lock_minutes
            self._update_title()

    def _update_title(self) -> None:
        mode = " (read-only)" if self.ctx.read_only else ""
        self.setWindowTitle(f"{self.ctx.organisation.name} — {APP_NAME}{mode}")
