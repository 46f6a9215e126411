"""Administration › Audit trail: list, filter, check for tampering, save as a spreadsheet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.accounts import audit
from app.services.accounts import reports as accounts_reports
from app.services.accounts.audit import AuditFilter
from app.services.upkeep import health
from app.services.upkeep.work import Session
from app.ui.admin.audit_model import AuditColumn, AuditModel
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.table_state import remember_columns

ANY = "(any)"


class AuditTab(QWidget):
    """Every change, newest first, as a paged table."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = named(
            QLineEdit(),
            "Search the audit trail",
            "Finds a name or value in who did it, or in the details",
        )
        self.search.setPlaceholderText("Search for a name or value…")
        self.action = named(QComboBox(), "Only this action")
        self.entity = named(QComboBox(), "Only this kind of record")
        search_label = QLabel("&Search")
        search_label.setBuddy(self.search)
        action_label = QLabel("A&ction")
        action_label.setBuddy(self.action)
        entity_label = QLabel("&Record")
        entity_label.setBuddy(self.entity)
        for widget in (
            search_label,
            self.search,
            action_label,
            self.action,
            entity_label,
            self.entity,
        ):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.model = AuditModel(ctx.runner.read, ctx.organisation.id)
        self.table = named(QTableView(), "Audit trail")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(AuditColumn.WHEN, 150)
        remember_columns(self.table, ctx.state, "audit")
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        self.count = QLabel()
        self.count.setAccessibleName("Number of entries shown")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Result of the last check")
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check = named(
            QPushButton("&Check now"),
            "Check the file and its audit trail now",
            "Checks that no entry of the audit trail, and no record, was changed, added or "
            "removed outside MutualDesk, against the anchor beside the file and the backups",
        )
        self.export = named(QPushButton("Save as &spreadsheet…"), "Save as spreadsheet")
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.check)
        bottom.addWidget(self.export)
        layout.addLayout(bottom)
        layout.addWidget(self.verdict)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.action.currentIndexChanged.connect(self._apply_filter)
        self.entity.currentIndexChanged.connect(self._apply_filter)
        self.check.clicked.connect(self._on_check_clicked)
        self.export.clicked.connect(self._on_export_clicked)
        ctx.bus.changed.connect(self._on_bus_changed)
        self._fill_choices()
        self._show_count()
        last = health.last_result(ctx.file.path)
        if last is None:
            self.verdict.setText(
                "This file has not been checked yet. Choose Check now to check it."
            )
        else:
            self._show_verdict(last)

    def _fill_choices(self) -> None:
        actions, entities = self.ctx.runner.read(audit.distinct_values)
        for box, values in ((self.action, actions), (self.entity, entities)):
            current = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems([ANY, *values])
            box.setCurrentIndex(max(0, box.findText(current)))
            box.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe."""

        def pick(box: QComboBox) -> str:
            return "" if box.currentText() == ANY else box.currentText()

        return AuditFilter(
            text=self.search.text().strip(), action=pick(self.action), entity=pick(self.entity)
        )

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count.setText(f"{count:,} {'entry' if count == 1 else 'entries'}")

    def _on_check_clicked(self) -> None:
        path = self.ctx.file.address or self.ctx.file.path  # a server's database, or the file
        self.check.setEnabled(False)
        self.verdict.setText("Checking… (you can carry on meanwhile)")

        def done(report: health.HealthReport) -> None:
            self.check.setEnabled(True)
            self._show_verdict(report)

        def failed(error: UserError) -> None:
            self.check.setEnabled(True)
            self.verdict.setText(f"⚠ The check could not run: {error.message}")

        self.ctx.runner.call(
            self, lambda: health.check_database(path), on_success=done, on_user_error=failed
        )

    def _show_verdict(self, report: health.HealthReport) -> None:
        when = f"{report.checked_at:%d/%m/%Y at %H:%M}"
        if report.ok:
            self.verdict.setText(f"✔ Last checked {when}: no problems found. {report.what_next()}")
            return
        found = report.failures
        listed = "\n".join(f"✖ {line}" for line in found[:6])
        more = f"\n…and {len(found) - 6} more" if len(found) > 6 else ""
        self.verdict.setText(
            f"Last checked {when}: {len(found)} problem{'s' if len(found) != 1 else ''} "
            f"found.\n{listed}{more}\nWhat to do: {report.what_next()}"
        )

    def _on_export_clicked(self) -> None:
        name = f"audit-trail-{datetime.now():%Y-%m-%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the audit trail", name, "Spreadsheets (*.xlsx)"
        )
        if not path:
            return
        actor = self.ctx.user.actor

        def work(session: Session) -> Path:
            from app.reports.xlsx import table

            report = accounts_reports.audit_trail(session, actor, datetime.now())
            table.write(report, Path(path))
            return Path(path)

        self.ctx.runner.run(
            self,
            work,
            on_success=lambda p: self.verdict.setText(f"Saved {p.name}."),
            write=False,
        )

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.AUDIT in changes or Change.DATABASE in changes:
            self._fill_choices()
            self.model.reload()
            self._show_count()
