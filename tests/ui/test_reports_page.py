"""The Reports area: preview inside the app, save as PDF or spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
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


def _choose(page: ReportsPage, name: str) -> None:
    for row in range(page.list.count()):
        if page.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
            page.list.setCurrentRow(row)
            return
    raise AssertionError(f"no report {name}")


def _saved_pdf_text(
    qtbot: Any, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    import subprocess

    target = tmp_path / "out.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)")
    )
    page.save_pdf.click()
    qtbot.waitUntil(lambda: page.result.text().startswith(("✔", "⚠")), timeout=20000)
    assert page.result.text().startswith("✔"), page.result.text()
    return subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_labels_from_the_reports_page(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels show their own choices (sheet, start at) and save as PDF, not a spreadsheet."""
    page = _page(window)
    _choose(page, "labels")
    assert not page.save_xlsx.isEnabled()
    assert not page.options.columns.isVisibleTo(page)
    page.options.sheet.setCurrentIndex(page.options.sheet.findData("L7163"))
    assert page.options.start.maximum() == 14
    page.options.test_sheet.setChecked(True)
    text = _saved_pdf_text(qtbot, page, tmp_path, monkeypatch)
    assert "14" in text


def test_certificate_needs_a_member_number(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a number the page says so; with one, the certificate names the member."""
    page = _page(window)
    _choose(page, "certificate")
    page.save_pdf.click()
    assert "Enter the membership number" in page.result.text()
    page.options.member.setText("1")
    text = _saved_pdf_text(qtbot, page, tmp_path, monkeypatch)
    assert "certificate" in text.lower()


def test_letter_with_an_unknown_field_is_explained(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter template with a field that does not exist gets a plain message."""
    page = _page(window)
    _choose(page, "letters")
    page.options.template.setPlainText("Dear {given_name}, your {shoe_size} ...")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "l.pdf"), "")
    )
    page.save_pdf.click()
    qtbot.waitUntil(lambda: page.result.text().startswith("⚠"), timeout=10000)
    assert "{shoe_size}" in page.result.text()
    assert not (tmp_path / "l.pdf").exists()


def test_declaration_of_the_demo_election(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result of an election is chosen by its number and saved as PDF."""
    page = _page(window)
    _choose(page, "result")
    assert page.options.election.isVisibleTo(page) and not page.save_xlsx.isEnabled()
    page.options.election.setValue(1)
    text = _saved_pdf_text(qtbot, page, tmp_path, monkeypatch)
    assert "Declaration of the result" in text
