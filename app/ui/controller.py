"""The composition root of the desktop app: opens the file, signs in, builds the window.

Nothing else creates the database, the session factory, the operation
runner or the main window; pages get what they need through PageContext.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app import APP_NAME, paths
from app.errors import DatabaseDamaged, DatabaseLocked, EnvironmentProblem, UserError
from app.services import organisation
from app.services.accounts.user_info import UserInfo
from app.services.upkeep import backups, first_look
from app.services.upkeep.early import EarlyCheck
from app.services.upkeep.opening import (
    Database,
    PasswordNeeded,
    open_database,
    open_server,
    restore_file,
    restore_into,
    shown,
)
from app.ui.context import PageContext
from app.ui.errors import show_environment_problem
from app.ui.first_paint import after_first_paint
from app.ui.login import LoginDialog, ask_password_change
from app.ui.members.model import PAGE_SIZE
from app.ui.ops import Change, ChangeBus, OpRunner

log = logging.getLogger(__name__)
BACKUP_CHECK_MS = 60 * 60 * 1000


def _preload_main_window() -> None:
    """Import the main window's modules while the person types their password."""
    import app.ui.main_window
    import app.ui.members.page  # noqa: F401


class AppController(QObject):
    """Owns the open database and the windows, from start-up to close."""

    main_shown = Signal(object)  # MainWindow

    def __init__(
        self,
        login: LoginDialog,
        db_path: Path | None,
        *,
        read_only: bool = False,
        early_check: EarlyCheck | None = None,
        address: str | None = None,
    ) -> None:
        super().__init__()
        self.early_check = early_check
        self.address = address  # a PostgreSQL server's database instead of a file
        self.db_path = (db_path or paths.default_database()).expanduser().resolve()
        self.want_read_only = read_only
        self.state = QSettings(str(paths.window_state_file()), QSettings.Format.IniFormat)
        self.bus = ChangeBus()
        self.database: Database | None = None
        self.runner: OpRunner | None = None
        self.login: LoginDialog | None = login
        self.wizard: Any = None  # the FirstRunWizard, imported only on first run
        self.window: Any = None  # the MainWindow once signed in
        self.home_user: UserInfo | None = None  # as signed in, before choosing a centre
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)

    # -- start-up -------------------------------------------------------------------------
    def start(self) -> None:
        """Take over the sign-in window (already on screen) and open the file."""
        assert self.login is not None
        self.login.rejected.connect(self._quit)
        self.login.signed_in.connect(self._on_signed_in)
        self.open()

    def _open_server(self, address: str) -> bool:
        """Open the server's database, asking for the password if it wants one."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        password: str | None = None
        while True:
            try:
                self.database = open_server(
                    address, read_only=self.want_read_only, password=password
                )
                self.db_path = self.database.path
                return True
            except PasswordNeeded as exc:
                text, ok = QInputDialog.getText(
                    self.login, APP_NAME, f"{exc.message}\n\nPassword for {shown(address)}:",
                    QLineEdit.EchoMode.Password,
                )  # fmt: skip
                if not ok:
                    self._quit()
                    return False
                password = text
            except EnvironmentProblem as exc:
                show_environment_problem(self.login, exc)
                self._quit()
                return False

    def open(self) -> None:
        """Open the database, asking what to do if it is locked or damaged."""
        if self.address is not None:
            if self._open_server(self.address):
                self._ready()
            return
        try:
            self.database = open_database(
                self.db_path,
                read_only=self.want_read_only,
                early_check=self.early_check,
                connect_now=False,  # SQLAlchemy after the first page paints: see show_main
            )
            self.early_check = None  # used once: a later open checks the file again
        except DatabaseLocked as exc:
            if self._ask(f"{exc.message}\n\nOpen it read-only now?", "Open read-only"):
                self.want_read_only = True
                self.open()
            else:
                self._quit()
            return
        except DatabaseDamaged as exc:
            self._offer_restore(exc)
            return
        except EnvironmentProblem as exc:
            show_environment_problem(self.login, exc)
            self._choose_another_file()
            return
        self._ready()

    def _ready(self) -> None:
        """The database is open: set up the runner and the sign-in (or the first run)."""
        assert self.database is not None
        database = self.database
        self.runner = OpRunner(database.sessions_when_used, self.bus, read_only=database.read_only)
        for warning in database.warnings:
            QMessageBox.warning(self.login, APP_NAME, warning)
        if self.address is None:  # a server is backed up by its own tools (pg_dump)
            self._backup_timer.start()
        if database.connected:  # a server's, or a file that was upgraded
            with database.sessions() as session:
                heading = first_look.heading_for(
                    [org.name for org in organisation.list_all(session)]
                )
        else:  # read without SQLAlchemy, as is the first sign-in if it can be written down
            heading = first_look.heading(self.db_path)
            if heading is not None and not database.read_only and os.access(self.db_path, os.W_OK):
                self.runner.first_sign_in = partial(first_look.check_sign_in, self.db_path)
        if heading is None:
            self._show_wizard()
            return
        assert self.login is not None
        where = shown(self.address) if self.address else str(self.db_path)
        self.login.set_ready(self.runner, heading, where)
        QTimer.singleShot(0, _preload_main_window)

    def _ask(self, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, parent=self.login)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is accept

    def _offer_restore(self, problem: DatabaseDamaged) -> None:
        newest = backups.newest_good(paths.backups_dir(self.db_path))
        if newest is None:
            show_environment_problem(
                self.login,
                EnvironmentProblem(
                    f"{problem.message}\n\nThere is no good backup of it on this computer. "
                    "If you have one on a USB stick, choose Restore from a file."
                ),
            )
            self._choose_another_file()
            return
        m = newest.manifest
        question = (
            f"{problem.message}\n\nThe newest good backup was made on "
            f"{m.created:%d/%m/%Y at %H:%M} and holds {m.members:,} members. Anything "
            "entered after that will need entering again.\n\nRestore it now? (The "
            "damaged file is kept too.)"
        )
        if not self._ask(question, "Restore the backup"):
            self._quit()
            return
        try:
            restore_file(self.db_path, newest.path)
        except (UserError, EnvironmentProblem) as exc:
            show_environment_problem(self.login, EnvironmentProblem(str(exc)))
            self._quit()
            return
        self.open()

    def _choose_another_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.login,
            "Open which MutualDesk file?",
            str(self.db_path.parent),
            "MutualDesk files (*.sqlite)",
        )
        if not path:
            self._quit()
            return
        self.db_path = Path(path).resolve()
        self.open()

    def _show_wizard(self) -> None:
        assert self.runner is not None and self.login is not None
        if self.runner.read_only:
            show_environment_problem(
                self.login,
                EnvironmentProblem(
                    "This file has not been set up yet, and it is open read-only. Close the other "
                    "copy of MutualDesk first."
                ),
            )
            self._quit()
            return
        from app.ui.wizard import FirstRunWizard

        self.login.hide()
        self.wizard = FirstRunWizard(self.runner)
        self.wizard.set_up.connect(self._on_signed_in)
        self.wizard.demo_requested.connect(self._open_demo)
        self.wizard.rejected.connect(self._quit)
        self.wizard.show()

    def _open_demo(self) -> None:
        from app.services.demo import DEMO_PASSWORD, create_demo

        assert self.database is not None and self.wizard is not None
        self.wizard.rejected.disconnect(self._quit)
        self.database.close(backup=False)
        self.db_path = paths.data_dir() / "demo.sqlite"
        self.database = open_database(self.db_path)
        with self.database.sessions.begin() as session:
            if not organisation.is_set_up(session):
                create_demo(session, members=250, seed=1, finance=True)
        self.runner = OpRunner(self.database.sessions, self.bus)
        from app.services.accounts import auth

        self._on_signed_in(auth.sign_in(self.database.sessions, "admin", DEMO_PASSWORD))

    # -- signed in ------------------------------------------------------------------------
    def _on_signed_in(self, user: UserInfo) -> None:
        assert self.runner is not None
        self.home_user = None  # in their own organisation, until they choose another
        if user.must_change_password:
            ask_password_change(
                self.login,
                self.runner,
                user,
                lambda: self._show_main_after_change(user),
            )
            return
        self.show_main(user)

    def _show_main_after_change(self, user: UserInfo) -> None:
        self.show_main(replace(user, must_change_password=False))

    def show_main(self, user: UserInfo) -> Any:
        """Build and show the main window for ``user``.

        Just after start-up (the engine not made yet) the window is built from the first
        look, its operations are held, and SQLAlchemy is imported once it has painted.
        """
        assert self.database is not None and self.runner is not None
        first_page = None
        if self.database.connected:
            with self.database.sessions() as session:
                org = organisation.get(session, user.organisation_id)
        else:
            org = first_look.organisation(self.db_path, user.organisation_id)
            first_page = first_look.first_page(self.db_path, org.id, PAGE_SIZE)
        ctx = PageContext(
            self.runner, self.bus, user, org, self.database.file, self.state, first_page
        )
        from app.ui.main_window import MainWindow

        if first_page is not None:
            self.runner.hold()
        try:
            self.window = MainWindow(ctx)
        except BaseException:
            self.runner.release()
            raise
        self.window.sign_out_requested.connect(self._on_sign_out_requested)
        self.window.centre_chosen.connect(lambda org_id: self._on_centre_chosen(user, org_id))
        if first_page is None:
            self._offer_centres(user)
        else:
            window = self.window
            after_first_paint(window, lambda: self._finish_opening(window, user))
        self.window.restore_requested.connect(self._on_restore_requested)
        self.window.closed.connect(self._on_window_closed)
        if self.login is not None:
            self.login.hide()
        self.window.show()
        self.main_shown.emit(self.window)
        return self.window

    def _finish_opening(self, window: Any, user: UserInfo) -> None:
        """The first page has painted: make the engine (importing SQLAlchemy), then let
        the operations held meanwhile run."""
        window.ctx.first_page = None  # a Members page built from now on reads afresh
        if self.database is None or self.runner is None:
            return
        try:
            self.database.sessions  # noqa: B018 (the engine is made here)
        except EnvironmentProblem as exc:
            self.runner.drop_held()  # each would fail the same way, one message after another
            show_environment_problem(window, exc)
            self._quit()
            return
        self.runner.release()  # even if signed out meanwhile: the next sign-in needs it
        if window is self.window:
            self._offer_centres(user)

    def _offer_centres(self, user: UserInfo) -> None:
        """The federation's people, or someone with roles in several: a menu of centres."""
        from app.services.organisation.centres import visible_organisations

        assert self.database is not None and self.window is not None
        with self.database.sessions() as session:
            centres = visible_organisations(session, (self.home_user or user).actor)
        if len(centres) > 1:
            self.window.offer_centres([(o.id, o.name) for o in centres])

    def _on_centre_chosen(self, user: UserInfo, org_id: int) -> None:
        """The person works in another centre: the window again, for it, with the role
        they hold there."""
        from app.services.organisation.centres import acting_for_id

        home = self.home_user or user
        self.home_user = home
        with self.database.sessions() as session:  # type: ignore[union-attr]
            there = acting_for_id(session, home.actor, org_id)
        window, self.window = self.window, None
        if window is not None:
            window.closed.disconnect(self._on_window_closed)
            window.close()
            window.deleteLater()
        self.show_main(replace(home, organisation_id=org_id, role=there.role))

    def _on_sign_out_requested(self) -> None:
        self.home_user = None
        window, self.window = self.window, None
        if window is not None:
            window.closed.disconnect(self._on_window_closed)
            window.close()
            window.deleteLater()
        if self.login is not None and self.runner is not None:
            self.runner.release()  # signed out before the window painted: nothing waits
            self.login.username.clear()
            self.login.show()
            self.login.set_ready(self.runner, self.login.heading.text(), str(self.db_path))

    def _on_restore_requested(self, path: Path, passphrase: str | None) -> None:
        assert self.database is not None and self.runner is not None
        database = self.database
        parent: QWidget | None = self.window

        def done(safety: backups.Backup | None) -> None:
            QMessageBox.information(
                parent,
                APP_NAME,
                "The backup has been restored. Please sign in again."
                + (f"\n\nThe file as it was is kept in {safety.path}." if safety else ""),
            )
            self.bus.changed.emit(frozenset({Change.DATABASE}))
            self._on_sign_out_requested()

        self.runner.call(
            parent, lambda: restore_into(database, path, passphrase=passphrase), on_success=done
        )

    def _on_window_closed(self) -> None:
        self._quit()

    def _on_backup_timer_timeout(self) -> None:
        database = self.database
        if database is None or database.read_only or not backups.backup_due(database.backup_folder):
            return
        if self.runner is None:
            return
        self.runner.call(
            None,
            lambda: backups.automatic_backup(database.path, database.backup_folder, "daily"),
            changes=frozenset({Change.BACKUPS}),
        )

    # -- closing --------------------------------------------------------------------------
    def _quit(self) -> None:
        QTimer.singleShot(0, QApplication.quit)

    def shutdown(self) -> None:
        """Back up on close and release the file."""
        self._backup_timer.stop()
        if self.runner is not None:
            self.runner.wait()
        if self.database is not None:
            try:
                self.database.close(backup=True)
            except EnvironmentProblem as exc:
                log.error("Backup on close failed: %s", exc.message)
                show_environment_problem(None, exc)
            self.database = None
