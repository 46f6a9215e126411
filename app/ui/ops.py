"""The one seam from the UI to the services, after Anki's ``aqt/operations``.

``OpRunner.run`` calls a service in a unit of work on a worker thread, then
reports the result or the error on the GUI thread, and announces on the
``ChangeBus`` what changed so that pages refresh only what they show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum, auto
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import Cancelled, EnvironmentProblem, UserError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Change(Enum):
    """What an operation changed."""

    ORGANISATION = auto()
    USERS = auto()
    MEMBERS = auto()
    AUDIT = auto()
    BACKUPS = auto()
    DATABASE = auto()
    BOARD = auto()
    ELECTIONS = auto()
    MEETINGS = auto()
    FINANCE = auto()
    PERFORMANCE = auto()


class ChangeBus(QObject):
    """Announces changes; pages connect and refresh what they show."""

    changed = Signal(object)  # frozenset[Change]


class _Relay(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def cancel(self) -> None:
        """Report this job as cancelled without running it (nothing is shown)."""
        self._relay.done.emit(None, Cancelled())

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # reported on the GUI thread
            self._relay.done.emit(None, exc)
        else:
            self._relay.done.emit(result, None)


class OpRunner(QObject):
    """Runs service calls off the GUI thread; one per main window."""

    busy_changed = Signal(bool)
    finished = Signal()

    def __init__(self, sessions: Any, bus: ChangeBus, *, read_only: bool = False) -> None:
        super().__init__()
        self._sessions = sessions
        self.bus = bus
        self.read_only = read_only
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one writer; operations run in the order asked
        self._running: set[_Relay] = set()
        self._held: list[_Job] | None = None
        # Checks the session's first sign-in without SQLAlchemy (``upkeep.first_look``),
        # set by the controller; used once. None means every sign-in is ``auth.sign_in``.
        self.first_sign_in: Callable[[str, str], Any] | None = None

    def hold(self) -> None:
        """Queue operations without starting them until ``release`` (while the window
        paints from the first look, before SQLAlchemy is imported)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the operations queued since ``hold``, in order."""
        held, self._held = self._held or [], None
        for job in held:
            self._pool.start(job)

    def drop_held(self) -> None:
        """Forget the operations queued since ``hold`` without running them (the file
        could not be connected after all: the program is closing)."""
        held, self._held = self._held or [], None
        for job in held:
            job.cancel()

    def run(
        self,
        parent: QWidget | None,
        op: Callable[[Any], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_user_error: Callable[[UserError], None] | None = None,
        changes: frozenset[Change] = frozenset(),
        write: bool = True,
    ) -> None:
        """Call ``op(session)`` in one unit of work; report on the GUI thread."""
        if write and self.read_only:
            from app.ui.errors import show_user_error

            show_user_error(
                parent,
                UserError(
                    "This file is open read-only, so nothing can be changed. Close the other copy "
                    "of MutualDesk and open the file again to make changes."
                ),
            )
            return

        def work() -> T:
            from app.services.upkeep.work import reading, unit_of_work

            with (unit_of_work if write else reading)(self._sessions) as session:
                return op(session)

        self.call(
            parent,
            work,
            on_success=on_success,
            on_user_error=on_user_error,
            changes=changes | ({Change.AUDIT} if write else set()),
        )

    def read(self, op: Callable[[Any], T]) -> T:
        """``op(session)`` now, on this thread, in a read-only unit of work.

        For what must be there before a page paints (the rows of a table as they
        scroll into view, a count beside them); anything slow or that writes goes
        through ``run``.
        """
        from app.services.upkeep.work import reading

        with reading(self._sessions) as session:
            return op(session)

    def sign_in(
        self,
        parent: QWidget | None,
        username: str,
        password: str,
        *,
        on_success: Callable[[Any], None],
        on_user_error: Callable[[UserError], None] | None = None,
    ) -> None:
        """Check a name and password off the GUI thread (a failure is recorded unless
        the file is open read-only); ``on_success`` gets the signed-in user.

        The first sign-in may be checked by ``first_sign_in`` without SQLAlchemy; if it
        matches, it is written down once ``on_success`` has run (the window is up).
        """
        sessions, record = self._sessions, not self.read_only
        first, self.first_sign_in = self.first_sign_in, None

        def check() -> tuple[Any, bool]:
            user = first(username, password) if first is not None else None
            if user is not None:
                return user, True
            from app.services.accounts import auth
            from app.services.upkeep.work import plain_failures

            with plain_failures(sessions):  # a file nobody may write to, say so plainly
                return auth.sign_in(sessions, username, password, record=record), False

        def signed_in(result: tuple[Any, bool]) -> None:
            user, checked_first = result
            on_success(user)
            if checked_first:
                self.run(None, lambda s: _record_sign_in(s, user))

        self.call(parent, check, on_success=signed_in, on_user_error=on_user_error)

    def call(
        self,
        parent: QWidget | None,
        work: Callable[[], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_user_error: Callable[[UserError], None] | None = None,
        changes: frozenset[Change] | set[Change] = frozenset(),
    ) -> None:
        """Run ``work()`` (no session: files, backups) off the GUI thread."""
        relay = _Relay()
        self._running.add(relay)

        def done(result: Any, error: BaseException | None) -> None:
            self._running.discard(relay)
            QApplication.restoreOverrideCursor()
            self.busy_changed.emit(bool(self._running))
            try:
                if error is None:
                    if on_success is not None:
                        on_success(result)
                    if changes:
                        self.bus.changed.emit(frozenset(changes))
                else:
                    self._report(parent, error, on_user_error)
            finally:
                self.finished.emit()

        relay.done.connect(done)
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.busy_changed.emit(True)
        job = _Job(work, relay)
        if self._held is not None:
            self._held.append(job)
        else:
            self._pool.start(job)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every queued operation has run (tests and shutdown)."""
        self.release()
        return self._pool.waitForDone(msecs)

    @staticmethod
    def _report(
        parent: QWidget | None,
        error: BaseException,
        on_user_error: Callable[[UserError], None] | None,
    ) -> None:
        from app.ui.errors import show_crash, show_environment_problem, show_user_error

        if isinstance(error, Cancelled):
            return
        if isinstance(error, UserError):
            if on_user_error is not None:
                on_user_error(error)
            else:
                show_user_error(parent, error)
        elif isinstance(error, EnvironmentProblem):
            show_environment_problem(parent, error)
        else:
            log.error("Operation failed", exc_info=error)
            show_crash(parent, error)


def _record_sign_in(session: Any, user: Any) -> None:
    from app.services.accounts import auth

    auth.record_sign_in(session, user.id, user.last_login_at)
