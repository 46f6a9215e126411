"""Subject access and erasing former members' details, from the Members page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.accounts import audit
from app.services.personal_data import retention
from app.ui.context import PageContext
from app.ui.members.page import MembersPage
from app.ui.members.personal_data import RetentionDialog, write_subject_access
from tests.ui.conftest import sessions_of, settle


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> MembersPage:
    made = MembersPage(make_ctx("admin"))
    qtbot.addWidget(made)
    settle(qtbot, made.ctx.runner)
    return made


def test_subject_access_written_and_recorded(
    qtbot: Any, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subject access export is written from the page and noted in the audit trail."""
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page.table.selectRow(0)
    chosen = page.selected()
    assert chosen is not None and page.personal_button.isEnabled()
    out = tmp_path / "sar.json"
    write_subject_access(page.ctx, page, chosen.number, out)
    settle(qtbot, page.ctx.runner)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert str(chosen.number) in json.dumps(data)
    with sessions_of(page.ctx)() as session:
        actions = [e.action for e in audit.list_entries(session, audit.AuditFilter(), 0, 5)]
    assert "subject access" in actions


def test_retention_lists_and_erases_only_after_asking(
    qtbot: Any, page: MembersPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retention lists who is due, and erases them only after asking."""
    dialog = RetentionDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    settle(qtbot, page.ctx.runner)
    due = dialog.model.rowCount()
    assert due > 0 and dialog.erase.isEnabled()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.erase.click()
    settle(qtbot, page.ctx.runner)
    assert dialog.model.rowCount() == due  # cancelled: nothing erased
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.erase.click()
    settle(qtbot, page.ctx.runner)
    assert f"Erased the details of {due}" in dialog.summary.text()
    with sessions_of(page.ctx)() as session:
        assert audit.verify_chain(session).ok
        from datetime import date

        assert all(
            d.fields == () or not set(d.fields) & {"phone", "mobile", "notes", "date_of_birth"}
            for d in retention.due(session, page.ctx.organisation.id, date.today())
        )
