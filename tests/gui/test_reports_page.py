"""The Reports area: preview inside the app, save as PDF or spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from app.ui.main_window import MainWindow
from app.ui.pages import Page
from app.ui.reports.page import ReportsPage


def _page(window: MainWindow) -> ReportsPage:
    page = window.show_page(Page.REPORTS)
    assert isinstance(page, ReportsPage)
    return page


def test_preview_shows_the_pages(qtbot: Any, window: MainWindow) -> None:
    """Preview opens the report's pages inside the app, with print and save buttons."""
    page = _page(window)
    page.list.setCurrentRow(0)
    page.preview.click()
    qtbot.waitUntil(
        lambda: page.last_preview is not None and page.last_preview.isVisible(), timeout=10000
    )
    preview = page.last_preview
    assert preview is not None and len(preview.images) == 1
    assert preview.images[0].width() > 500
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    preview.close()


def test_save_as_spreadsheet(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving the users report as a spreadsheet writes every account."""
    target = tmp_path / "users.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Spreadsheets (*.xlsx)")
    )
    page = _page(window)
    page.list.setCurrentRow(0)
    page.save_xlsx.click()
    qtbot.waitUntil(lambda: page.result.text().startswith("✔"), timeout=10000)
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["User name", "Full name", "Role"]
    assert sorted(sheet.cell(r, 1).value for r in range(2, 6)) == [
        "admin",
        "secretary",
        "treasurer",
        "viewer",
    ]


def test_viewer_cannot_open_the_audit_report(qtbot: Any, make_ctx: Any) -> None:
    """A viewer sees the audit report listed but greyed out, with the reason."""
    win = MainWindow(make_ctx("viewer"))
    qtbot.addWidget(win)
    page = _page(win)
    page.list.setCurrentRow(1)
    assert not page.preview.isEnabled()
    assert "Your role cannot open this report." in page.description.text()
