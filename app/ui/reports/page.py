"""The Reports area: every report, to preview, print, or save as PDF or spreadsheet."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.reports.registry import ALL_REPORTS, DocumentSpec, ReportName, ReportSpec
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.membership import categories
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.pages import heading
from app.ui.reports.options import ReportOptionsPanel
from app.ui.reports.preview import PreviewDialog, open_in_viewer

SPEC_ROLE = Qt.ItemDataRole.UserRole
Spec = ReportSpec | DocumentSpec


def build_report(ctx: PageContext, spec: Spec, options: ReportOptions = DEFAULT_OPTIONS) -> Any:
    """Build the report's data in a read-only unit of work."""
    actor = ctx.user.actor
    return ctx.runner.read(lambda session: spec.build(session, actor, datetime.now(), options))


def write_pdf(report: Any, path: Path) -> Path:
    """Render ``report`` (a table or a document) to ``path``."""
    from app.reports import render

    render.write_pdf(report, path)
    return path


class ReportsPage(QWidget):
    """Pick a report; preview it, print it, or save it."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        self.list = named(QListWidget(), "Reports")
        for spec in ALL_REPORTS.values():
            item = QListWidgetItem(spec.title)
            item.setData(SPEC_ROLE, spec.name.value)
            item.setToolTip(spec.description)
            self.list.addItem(item)
        self.list.setMaximumHeight(
            self.list.sizeHintForRow(0) * (self.list.count() + 1) + 2 * self.list.frameWidth()
        )
        layout.addWidget(self.list)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAccessibleName("About this report")
        layout.addWidget(self.description)
        self.options = ReportOptionsPanel([])
        layout.addWidget(self.options)
        row = QHBoxLayout()
        self.preview = named(QPushButton("&Preview and print…"), "Preview and print")
        self.save_pdf = named(QPushButton("Save as P&DF…"), "Save as PDF")
        self.save_xlsx = named(QPushButton("Save as &spreadsheet…"), "Save as spreadsheet")
        self.open_viewer = named(QPushButton("Open in PDF &viewer"), "Open in PDF viewer")
        for button in (self.preview, self.save_pdf, self.save_xlsx, self.open_viewer):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setAccessibleName("Report result")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.preview.clicked.connect(self._on_preview_clicked)
        self.save_pdf.clicked.connect(lambda: self._save("pdf"))
        self.save_xlsx.clicked.connect(lambda: self._save("xlsx"))
        self.open_viewer.clicked.connect(self._on_open_viewer_clicked)
        self.list.setCurrentRow(0)
        self.last_preview: PreviewDialog | None = None
        org_id = ctx.organisation.id
        ctx.runner.run(
            self,
            lambda s: [c.name for c in categories.list_categories(s, org_id)],
            on_success=self.options.set_categories,
            write=False,
        )

    def current(self) -> Spec:
        """The report chosen in the list."""
        item = self.list.currentItem()
        if item is None:
            return next(iter(ALL_REPORTS.values()))
        return ALL_REPORTS[ReportName(item.data(SPEC_ROLE))]

    def chosen_options(self) -> ReportOptions | None:
        """The options panel's choices, or None after saying what is wrong."""
        self.result.clear()
        try:
            return self.options.options()
        except UserError as error:
            self.result.setText(f"⚠ {error.message}")
            return None

    def _on_list_current_row_changed(self, _row: int) -> None:
        spec = self.current()
        allowed = spec.allowed(self.ctx.user.actor)
        self.description.setText(
            spec.description
            if allowed
            else f"{spec.description} Your role cannot open this report."
        )
        for button in (self.preview, self.save_pdf, self.save_xlsx, self.open_viewer):
            button.setEnabled(allowed)
        self.save_xlsx.setEnabled(allowed and spec.is_table)
        self.options.show_for(spec.name)
        self.result.clear()

    def _temp_pdf(self, spec: Spec) -> Path:
        return Path(tempfile.mkdtemp(prefix="mutualdesk-")) / f"{spec.name.value}.pdf"

    def _on_preview_clicked(self) -> None:
        spec, options = self.current(), self.chosen_options()
        if options is None:
            return
        target = self._temp_pdf(spec)
        self.ctx.runner.call(
            self,
            lambda: write_pdf(build_report(self.ctx, spec, options), target),
            on_success=lambda pdf: self._show_preview(pdf, spec),
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
        )

    def _show_preview(self, pdf: Path, spec: Spec) -> None:
        self.last_preview = PreviewDialog(self, pdf, spec.title)
        self.last_preview.open()

    def _on_open_viewer_clicked(self) -> None:
        spec, options = self.current(), self.chosen_options()
        if options is None:
            return
        target = self._temp_pdf(spec)
        self.ctx.runner.call(
            self,
            lambda: write_pdf(build_report(self.ctx, spec, options), target),
            on_success=open_in_viewer,
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
        )

    def _save(self, kind: str) -> None:
        spec, options = self.current(), self.chosen_options()
        if options is None:
            return
        default = f"{spec.name.value}-{datetime.now():%Y-%m-%d}.{kind}"
        pattern = "PDF files (*.pdf)" if kind == "pdf" else "Spreadsheets (*.xlsx)"
        path, _ = QFileDialog.getSaveFileName(self, f"Save {spec.title}", default, pattern)
        if not path:
            return
        target = Path(path)

        def work() -> Path:
            report = build_report(self.ctx, spec, options)
            if kind == "pdf":
                return write_pdf(report, target)
            from app.reports import render

            render.write_xlsx(report, target)
            return target

        self.ctx.runner.call(
            self,
            work,
            on_success=lambda p: self.result.setText(f"✔ Saved {p}."),
            on_user_error=lambda e: self.result.setText(f"⚠ {e.message}"),
        )
