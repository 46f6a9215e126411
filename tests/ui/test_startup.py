"""Start-up as a person meets it: first-run wizard, sign-in, locked and damaged files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.errors import EnvironmentProblem
from app.services import organisation
from app.services.accounts import audit, auth
from app.services.demo import DEMO_PASSWORD
from app.services.membership import member_query, members_summary
from app.services.membership.member_page import SortKey
from app.storage import backups, lockfile, sqlite_file
from app.storage.database import open_database
from app.ui.controller import AppController
from app.ui.login import ChangePasswordDialog, LoginDialog
from app.ui.main_window import MainWindow
from app.ui.members.model import MemberColumn
from app.ui.wizard import FirstRunWizard


@pytest.fixture
def start(qtbot: Any) -> Any:
    """Start the app on a file, as `mutualdesk --db FILE` does."""
    controllers: list[AppController] = []

    def run(path: Path, *, read_only: bool = False) -> AppController:
        login = LoginDialog()
        qtbot.addWidget(login)
        login.show()
        controller = AppController(login, path, read_only=read_only)
        controllers.append(controller)
        controller.start()
        return controller

    yield run
    for controller in controllers:
        if controller.window is not None:
            controller.window.closed.disconnect()
            controller.window.close()
        controller.shutdown()


def _sign_in(qtbot: Any, controller: AppController, username: str, password: str) -> None:
    login = controller.login
    assert login is not None
    login.username.clear()
    login.password.clear()
    qtbot.keyClicks(login.username, username)
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)


def test_first_run_wizard_sets_up_organisation(qtbot: Any, start: Any, db_path: Path) -> None:
    """A new file opens the wizard; a bad postcode is shown beside it; Finish signs you in."""
    controller = start(db_path)
    wizard = controller.wizard
    assert isinstance(wizard, FirstRunWizard) and wizard.isVisible()
    wizard.next()
    form = wizard.organisation.form
    qtbot.keyClicks(form.name, "Hollybush Children's Centre")
    form.kind.setCurrentIndex(form.kind.findData("childrens_centre"))
    qtbot.keyClicks(form.postcode, "SW1A 2A")
    wizard.next()
    assert wizard.currentId() == 1
    assert form.errors.text("postcode") == "Postcode 'SW1A 2A' is not a valid UK postcode."
    form.postcode.clear()
    qtbot.keyClicks(form.postcode, "sw1a 2aa")
    wizard.next()
    admin = wizard.administrator
    qtbot.keyClicks(admin.username, "amara")
    qtbot.keyClicks(admin.full_name, "Amara Okafor")
    qtbot.keyClicks(admin.password, "hollybush-2026")
    qtbot.keyClicks(admin.confirm, "hollybush-2026")
    with qtbot.waitSignal(controller.main_shown, timeout=10000) as shown:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert "Hollybush Children's Centre" in window.windowTitle()
    fresh = open_database(db_path, read_only=True)
    try:
        with fresh.sessions() as session:
            org = organisation.list_all(session)[0]
            users = auth.list_users(session)
        assert (org.name, org.kind, org.postcode) == (
            "Hollybush Children's Centre",
            "childrens_centre",
            "SW1A 2AA",
        )
        assert [(u.username, u.role.value) for u in users] == [("amara", "administrator")]
    finally:
        fresh.close()


def test_wizard_demo_keeps_the_real_file_empty(
    qtbot: Any, start: Any, db_path: Path, home: Path
) -> None:
    """Exploring the demo opens a separate demo file; your own file stays unset-up."""
    controller = start(db_path)
    wizard = controller.wizard
    qtbot.mouseClick(wizard.welcome.demo, Qt.MouseButton.LeftButton)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "&Open the demo"
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as shown:
        next_button.click()
    assert "Riverside" in shown.args[0].windowTitle()
    assert controller.db_path == (home / "demo.sqlite").resolve()
    assert sqlite_file.row_counts(db_path).get("organisations") == 0


@pytest.fixture
def demo_file(demo: Any, db_path: Path) -> Path:
    """The demo database, closed, ready for the app to open."""
    demo.close(backup=False)
    return db_path


def test_sign_in_wrong_then_right(qtbot: Any, start: Any, demo_file: Path) -> None:
    """A wrong password is explained beside the form; the right one opens the main window."""
    controller = start(demo_file)
    login = controller.login
    assert login.heading.text() == "Riverside Tenant Management Organisation"
    _sign_in(qtbot, controller, "secretary", "not it")
    qtbot.waitUntil(lambda: login.errors.text("form") != "")
    assert login.errors.text("form") == (
        "The user name or password is wrong. Check them and try again."
    )
    assert controller.window is None
    with qtbot.waitSignal(controller.main_shown, timeout=10000):
        _sign_in(qtbot, controller, "secretary", DEMO_PASSWORD)
    assert "Tom Whitfield" in " ".join(
        w.text() for w in controller.window.statusBar().findChildren(type(login.heading))
    )


def test_the_first_sign_in_shows_the_register_then_is_written_down(
    qtbot: Any, start: Any, demo_file: Path
) -> None:
    """Signing in straight away paints the register from the first look; once it has
    painted, the file is connected, the sign-in is in the audit trail and what the page
    asked for meanwhile (its categories) has arrived."""
    controller = start(demo_file)
    with qtbot.waitSignal(controller.main_shown, timeout=10000) as shown:
        _sign_in(qtbot, controller, "secretary", DEMO_PASSWORD)
    window = shown.args[0]
    page = window.stack.currentWidget()
    shown_first = (page.model.rowCount(), page.totals.text(), page.model.row_at(0))
    window.repaint()
    qtbot.waitUntil(lambda: controller.database.connected, timeout=10000)
    qtbot.waitUntil(lambda: page.category.count() > 1, timeout=10000)
    controller.runner.wait()
    assert window.ctx.first_page is None  # a page built from now on reads afresh
    assert page.model.row_at(39) is not None  # later rows come through the services
    with controller.database.sessions() as session:
        entries = audit.list_entries(session, audit.AuditFilter(action="sign in"), 0, 50)
        ids = member_query.member_ids(session, 1)
        counted = members_summary.summary(session, 1)
        first_row = member_query.page_rows(session, ids[:1])[0]
    assert [e.username for e in entries] == ["secretary"]
    assert shown_first == (
        len(ids),
        f"{counted.current:,} current members on the register of Riverside Tenant Management "
        f"Organisation, and {counted.former:,} former members.",
        first_row,
    )


def test_signing_out_before_the_window_has_painted_leaves_nothing_waiting(
    qtbot: Any, start: Any, demo_file: Path
) -> None:
    """Sign out at once, before the first window painted: the next sign-in (checked by
    the services now), with Enter pressed in the password box, still opens the window."""
    controller = start(demo_file)
    with qtbot.waitSignal(controller.main_shown, timeout=10000) as shown:
        _sign_in(qtbot, controller, "secretary", DEMO_PASSWORD)
    assert not controller.database.connected
    shown.args[0].sign_out_requested.emit()
    with qtbot.waitSignal(controller.main_shown, timeout=10000) as again:
        _sign_in(qtbot, controller, "treasurer", DEMO_PASSWORD)
    assert again.args[0].ctx.user.username == "treasurer"


def test_a_remembered_order_is_kept_at_the_next_start(
    qtbot: Any, start: Any, demo_file: Path
) -> None:
    """The list sorted by number, largest first, opens so the next time (the first look
    is in name order, so it is not used then)."""
    first = start(demo_file)
    with qtbot.waitSignal(first.main_shown, timeout=10000) as shown:
        _sign_in(qtbot, first, "secretary", DEMO_PASSWORD)
    window = shown.args[0]
    qtbot.waitUntil(lambda: first.database.connected, timeout=10000)
    first.runner.wait()
    page = window.stack.currentWidget()
    header = page.table.horizontalHeader()
    header.setSortIndicator(MemberColumn.NUMBER, Qt.SortOrder.DescendingOrder)
    page.table.setColumnWidth(MemberColumn.POSTCODE, 123)  # the layout is saved
    window.closed.disconnect()
    window.close()
    first.window = None
    first.shutdown()
    again = start(demo_file)
    with qtbot.waitSignal(again.main_shown, timeout=10000) as shown:
        _sign_in(qtbot, again, "secretary", DEMO_PASSWORD)
    page = shown.args[0].stack.currentWidget()
    with again.database.sessions() as session:
        ids = member_query.member_ids(session, 1, sort=SortKey.NUMBER, descending=True)
    assert [page.model.member_id(row) for row in range(5)] == ids[:5]


def test_a_file_that_fails_to_connect_after_the_paint_says_so_once(
    qtbot: Any, start: Any, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the engine cannot be made once the register has painted (a disk error, say),
    the person is told once and the program closes; what was waiting is not tried."""
    told: list[str] = []
    monkeypatch.setattr(
        "app.ui.controller.show_environment_problem", lambda _p, e: told.append(e.message)
    )
    monkeypatch.setattr(
        "app.ui.errors.show_environment_problem", lambda _p, e: told.append(e.message)
    )
    controller = start(demo_file)
    tries: list[int] = []

    def fails() -> Any:
        tries.append(1)
        raise EnvironmentProblem("The disk could not be read.")

    controller.database._connect = fails
    with qtbot.waitSignal(controller.main_shown, timeout=10000) as shown:
        _sign_in(qtbot, controller, "secretary", DEMO_PASSWORD)
    shown.args[0].repaint()
    qtbot.waitUntil(lambda: told != [], timeout=5000)
    controller.runner.wait()
    qtbot.wait(200)
    assert (told, len(tries)) == (["The disk could not be read."], 1)


def test_a_file_that_cannot_be_written_is_not_signed_into(
    qtbot: Any, start: Any, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file nobody may write to (for root: immutable) refuses the sign-in, which cannot
    be written down, before any window opens, as it always has."""
    told: list[str] = []
    monkeypatch.setattr(
        "app.ui.errors.show_environment_problem", lambda _p, e: told.append(e.message)
    )
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(demo_file)], capture_output=True).returncode:
            pytest.skip("running as root and chattr +i is not available")
    else:
        demo_file.chmod(0o444)
    try:
        controller = start(demo_file)
        assert controller.runner.first_sign_in is None
        _sign_in(qtbot, controller, "secretary", DEMO_PASSWORD)
        qtbot.waitUntil(lambda: told != [], timeout=10000)
        assert controller.window is None
        assert "could not save" in told[0] or "write" in told[0], told
    finally:
        subprocess.run(["chattr", "-i", str(demo_file)], capture_output=True)
        demo_file.chmod(0o600)


def test_reset_password_must_be_changed_at_sign_in(
    qtbot: Any, start: Any, demo: Any, db_path: Path
) -> None:
    """After a reset, signing in asks for a new password before anything else."""
    admin = auth.sign_in(demo.sessions, "admin", DEMO_PASSWORD)
    with demo.sessions.begin() as session:
        treasurer = next(u for u in auth.list_users(session) if u.username == "treasurer")
        auth.reset_password(session, admin.actor, treasurer.id, "temporary-99")
    demo.close(backup=False)
    controller = start(db_path)
    _sign_in(qtbot, controller, "treasurer", "temporary-99")
    qtbot.waitUntil(lambda: controller.login.findChild(ChangePasswordDialog) is not None)
    dialog = controller.login.findChild(ChangePasswordDialog)
    qtbot.keyClicks(dialog.old, "temporary-99")
    qtbot.keyClicks(dialog.new, "only-i-know-it")
    qtbot.keyClicks(dialog.confirm, "only-i-know-it")
    with qtbot.waitSignal(controller.main_shown, timeout=10000):
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert not auth.sign_in(
        controller.database.sessions, "treasurer", "only-i-know-it"
    ).must_change_password


def test_locked_file_offers_read_only(
    qtbot: Any, start: Any, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file open elsewhere is explained (who holds it) and can be opened read-only."""
    held = lockfile.acquire(demo_file, purpose="MutualDesk")
    questions: list[str] = []

    def answer(self: AppController, text: str, yes: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(AppController, "_ask", answer)
    try:
        controller = start(demo_file)
        assert "already open in MutualDesk" in questions[0]
        assert "Open it read-only now?" in questions[0]
        assert controller.database.read_only
        with qtbot.waitSignal(controller.main_shown, timeout=10000):
            _sign_in(qtbot, controller, "admin", DEMO_PASSWORD)
        assert "(read-only)" in controller.window.windowTitle()
    finally:
        held.release()


def test_damaged_file_restores_the_newest_good_backup(
    qtbot: Any, start: Any, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged file offers the newest good backup; accepting brings the members back."""
    backups.automatic_backup(
        demo_file, __import__("app.paths").paths.backups_dir(demo_file), "daily"
    )
    with sqlite3.connect(demo_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(demo_file.read_bytes())
    for page in range(12, len(data) // 4096):
        data[page * 4096 : page * 4096 + 16] = b"\xa5" * 16
    demo_file.write_bytes(bytes(data))
    questions: list[str] = []
    monkeypatch.setattr(
        AppController, "_ask", lambda self, text, yes: questions.append(text) or True
    )
    controller = start(demo_file)
    assert "is damaged" in questions[0] and "holds 40 members" in questions[0]
    assert controller.login.sign_in_button.isEnabled()
    assert sqlite_file.quick_check(demo_file) == []
    assert sqlite_file.row_counts(demo_file)["members"] == 40


def test_a_centres_user_on_the_server_sees_only_their_centre(
    qtbot: Any, pg_server: Any, home: Path
) -> None:
    """`mutualdesk --db postgresql://…`: the app opens the federation's database on the
    server, and Millmead's administrator sees Millmead's members, no other centre's."""
    from app.services.demo import create_demo
    from app.storage.database import open_server
    from app.ui.pages import Page

    address = pg_server.database()
    db = open_server(address)
    for centre in range(2):
        with db.sessions.begin() as session:
            create_demo(session, members=12 + 5 * centre, seed=9, board=False, centre=centre)
    db.close()
    login = LoginDialog()
    qtbot.addWidget(login)
    login.show()
    controller = AppController(login, None, address=address)
    controller.start()
    try:
        assert "2 centres" in login.heading.text()
        with qtbot.waitSignal(controller.main_shown, timeout=20000) as shown:
            _sign_in(qtbot, controller, "millmead-admin", "mutualdesk")
        window = shown.args[0]
        assert "Millmead" in window.windowTitle()
        members = window.pages[Page.MEMBERS]
        qtbot.waitUntil(lambda: members.model.rowCount() == 17, timeout=10000)
        assert controller.database is not None and controller.database.address == address
    finally:
        if controller.window is not None:
            controller.window.closed.disconnect()
            controller.window.close()
        controller.shutdown()


def test_the_federations_office_switches_centre(qtbot: Any, start: Any, db_path: Path) -> None:
    """Signed in with a federation role, the Centre menu lists every centre; choosing one
    shows that centre's members."""
    from app.services.demo import add_federation_user, create_demo
    from app.storage.database import open_database
    from app.ui.pages import Page

    db = open_database(db_path, daily_backup=False)
    for centre in range(2):
        with db.sessions.begin() as session:
            create_demo(session, members=10 + 3 * centre, seed=4, board=False, centre=centre)
    with db.sessions.begin() as session:
        add_federation_user(session, 1)
    db.close(backup=False)
    controller = start(db_path)
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as shown:
        _sign_in(qtbot, controller, "federation", "mutualdesk")
    window = shown.args[0]
    assert "Riverside" in window.windowTitle()
    qtbot.waitUntil(lambda: controller.database.connected)  # the centres come after the paint
    names = [a.text() for a in window.centre_actions]
    assert names == ["Riverside Tenant Management Organisation", "Millmead Children's Centre"]
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as again:
        window.centre_actions[1].trigger()
    millmead = again.args[0]
    assert "Millmead" in millmead.windowTitle()
    members = millmead.pages[Page.MEMBERS]
    qtbot.waitUntil(lambda: members.model.rowCount() == 13, timeout=10000)


def test_someone_with_a_role_in_two_centres_switches_with_that_role(
    qtbot: Any, start: Any, db_path: Path
) -> None:
    """Riverside's treasurer is also a viewer at Millmead: the Centre menu offers the two,
    and at Millmead they work as a viewer. Millmead's own viewer has no Centre menu."""
    from app.services.accounts import centre_roles
    from app.services.accounts.roles import SYSTEM, Role
    from app.services.demo import create_demo
    from app.storage.database import open_database
    from app.ui.pages import Page

    db = open_database(db_path, daily_backup=False)
    for centre in range(2):
        with db.sessions.begin() as session:
            create_demo(session, members=10 + 3 * centre, seed=4, board=False, centre=centre)
    with db.sessions.begin() as session:
        centre_roles.grant(session, SYSTEM, "treasurer", 2, Role.VIEWER)
    db.close(backup=False)
    controller = start(db_path)
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as shown:
        _sign_in(qtbot, controller, "treasurer", "mutualdesk")
    window = shown.args[0]
    assert window.ctx.user.role is Role.TREASURER
    qtbot.waitUntil(lambda: controller.database.connected)  # the centres come after the paint
    names = [a.text() for a in window.centre_actions]
    assert names == ["Riverside Tenant Management Organisation", "Millmead Children's Centre"]
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as again:
        window.centre_actions[1].trigger()
    millmead = again.args[0]
    assert "Millmead" in millmead.windowTitle()
    assert millmead.ctx.user.role is Role.VIEWER
    members = millmead.pages[Page.MEMBERS]
    qtbot.waitUntil(lambda: members.model.rowCount() == 13, timeout=10000)
    with qtbot.waitSignal(controller.main_shown, timeout=20000) as back:
        millmead.centre_actions[0].trigger()
    assert back.args[0].ctx.user.role is Role.TREASURER
