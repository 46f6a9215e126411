"""Administration as a person uses it: organisation, users, audit trail, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services import organisation
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.storage import backups
from app.ui.admin.audit_model import AuditModel
from app.ui.admin.backups_tab import BackUpNowDialog
from app.ui.admin.page import AdminPage
from app.ui.admin.users_tab import UserDialog
from app.ui.errors import CrashDialog
from app.ui.main_window import MainWindow
from app.ui.ops import ChangeBus, OpRunner
from app.ui.pages import Page
from tests.ui.conftest import sessions_of, settle


def _admin(window: MainWindow) -> AdminPage:
    page = window.show_page(Page.ADMIN)
    assert isinstance(page, AdminPage)
    return page


def test_organisation_bad_postcode_shown_and_nothing_saved(qtbot: Any, window: MainWindow) -> None:
    """A bad postcode is explained beside the field and the stored details do not change."""
    tab = _admin(window).organisation
    tab.form.postcode.clear()
    qtbot.keyClicks(tab.form.postcode, "SE1 7P")
    tab.save.click()
    qtbot.waitUntil(lambda: tab.form.errors.text("postcode") != "")
    assert tab.form.errors.text("postcode") == "Postcode 'SE1 7P' is not a valid UK postcode."
    with sessions_of(window.ctx)() as session:
        assert organisation.get(session, window.ctx.organisation.id).postcode == "SE1 7PB"


def test_organisation_rename_updates_status_bar(qtbot: Any, window: MainWindow) -> None:
    """Saving a new name stores it and the status bar and title follow."""
    tab = _admin(window).organisation
    tab.form.name.clear()
    qtbot.keyClicks(tab.form.name, "Riverside TMO Ltd")
    tab.save.click()
    qtbot.waitUntil(lambda: tab.saved.text() == "✔ Saved.")
    assert window.status_org.text() == "Riverside TMO Ltd"
    assert window.windowTitle().startswith("Riverside TMO Ltd")
    with sessions_of(window.ctx)() as session:
        assert organisation.get(session, window.ctx.organisation.id).name == "Riverside TMO Ltd"


def test_voting_rules_are_saved(qtbot: Any, window: MainWindow) -> None:
    """The voting age, paid-share rule and retention period are organisation settings."""
    tab = _admin(window).organisation
    assert tab.form.voting_age is not None and tab.form.paid_share and tab.form.retention
    tab.form.voting_age.setValue(18)
    tab.form.paid_share.setChecked(False)
    tab.form.retention.setValue(7)
    tab.save.click()
    qtbot.waitUntil(lambda: tab.saved.text() == "✔ Saved.")
    with sessions_of(window.ctx)() as session:
        saved = organisation.get(session, window.ctx.organisation.id)
    assert (saved.minimum_voting_age, saved.voting_needs_paid_share, saved.retention_years) == (
        18,
        False,
        7,
    )


def test_add_user_through_the_dialog(qtbot: Any, window: MainWindow) -> None:
    """An administrator adds a user; the table shows them and they can sign in."""
    tab = _admin(window).users
    tab.add.click()
    dialog = tab.findChild(UserDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.username, "pat")
    dialog.full_name.insert("Pat Nguyễn")  # QTest types ASCII only
    dialog.role.setCurrentIndex(dialog.role.findText("Treasurer"))
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors.text("password") != "")
    assert dialog.errors.text("password") == "Choose a password of at least 8 characters."
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "temporary-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    settle(qtbot, window.ctx.runner)
    names = [tab.model.row_at(r).username for r in range(tab.model.rowCount())]
    assert "pat" in names
    user = auth.sign_in(sessions_of(window.ctx), "pat", "temporary-1")
    assert user.role.value == "treasurer" and user.must_change_password


def test_models_pass_qtmodeltester(qtmodeltester: Any, window: MainWindow) -> None:
    """The users, backups and audit models behave as Qt's views expect."""
    admin = _admin(window)
    qtmodeltester.check(admin.users.model)
    qtmodeltester.check(admin.backups.model)
    assert admin.audit is not None
    qtmodeltester.check(admin.audit.model)


def test_audit_filter_narrows_the_list(qtbot: Any, window: MainWindow) -> None:
    """Typing a name in the search box leaves only the rows about it."""
    tab = _admin(window).audit
    assert tab is not None
    before = tab.model.rowCount()
    qtbot.keyClicks(tab.search, "Priya")
    qtbot.waitUntil(lambda: tab.model.rowCount() < before)
    assert tab.model.rowCount() == 1
    assert tab.count.text() == "1 entry"


@pytest.mark.tampers
def test_check_now_says_what_it_found_and_what_to_do(qtbot: Any, window: MainWindow) -> None:
    """The audit page runs `check` on a thread: clean first; then a name changed with another
    program is named, with what to do next."""
    tab = _admin(window).audit
    assert tab is not None
    assert "not been checked yet" in tab.verdict.text()
    tab.check.click()
    qtbot.waitUntil(lambda: tab.verdict.text().startswith("✔ Last checked"), timeout=20000)
    assert "no problems found" in tab.verdict.text()
    with sqlite3.connect(window.ctx.file.path) as conn:
        conn.execute("UPDATE members SET family_name = 'Mallory' WHERE id = 3")
    conn.close()
    tab.check.click()
    qtbot.waitUntil(lambda: "problem" in tab.verdict.text() and "✔" not in tab.verdict.text(),
                    timeout=20000)  # fmt: skip
    shown = tab.verdict.text()
    assert "1 problem found" in shown and "members: row 3 changed" in shown
    assert "What to do: Keep this file exactly as it is" in shown


def test_audit_model_pages_through_many_rows(qtbot: Any, demo: Any) -> None:
    """Thousands of audit rows show in order, fetched a page at a time."""
    admin = auth.sign_in(demo.sessions, "admin", DEMO_PASSWORD)
    with demo.sessions.begin() as session:
        for number in range(450):
            from app.services.accounts import audit

            audit.record(session, admin.actor, "note", "test", number)
    model = AuditModel(OpRunner(demo.sessions, ChangeBus()).read)
    assert model.rowCount() > 450
    assert int(model.data(model.index(0, 0))) > int(model.data(model.index(449, 0)))
    assert len(model._pages) <= 3


def test_back_up_now_to_a_folder(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back up now writes a checked copy into the chosen folder and says so."""
    usb = tmp_path / "usb"
    usb.mkdir()

    def fake_exec(dialog: BackUpNowDialog) -> int:
        dialog.folder.setText(str(usb))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(BackUpNowDialog, "exec", fake_exec)
    tab = _admin(window).backups
    tab.back_up.click()
    qtbot.waitUntil(lambda: tab.result.text().startswith("✔"), timeout=10000)
    made = list(usb.glob("*.sqlite"))
    assert len(made) == 1 and backups.verify_backup(made[0]).members == 40


def test_restore_asks_first(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring asks before replacing anything; saying No changes nothing."""
    copy = backups.backup_to(window.ctx.file.path, tmp_path / "b.sqlite")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    tab = _admin(window).backups
    with qtbot.assertNotEmitted(tab.restore_requested):
        tab._confirm_restore(copy.path)
    assert "Replace everything" in asked[0] and "40 members" in asked[0]


def test_unexpected_error_opens_crash_dialog(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in an operation shows details to copy and the log's path, not a silent failure."""
    shown: list[str] = []
    monkeypatch.setattr(
        CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()) or 0
    )

    def broken(session: object) -> None:
        raise RuntimeError("deliberate bug for the test")

    window.ctx.runner.run(window, broken, write=False)
    qtbot.waitUntil(lambda: bool(shown))
    assert "RuntimeError: deliberate bug for the test" in shown[0]


def test_column_widths_are_remembered(qtbot: Any, make_ctx: Any) -> None:
    """A widened column in the audit table is as wide next time the page opens."""
    ctx = make_ctx("admin")
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    audit_tab = _admin(first).audit
    assert audit_tab is not None
    audit_tab.table.setColumnWidth(2, 233)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    again = _admin(second).audit
    assert again is not None and again.table.columnWidth(2) == 233
    settle(qtbot, ctx.runner)
