"""UK GDPR from the Members page: a subject access export, and erasing what is past keeping."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.personal_data import retention
from app.services.personal_data.retention import DueMember
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.table_model import RowsModel

FORMATS = "PDF (*.pdf);;Spreadsheet (*.xlsx);;JSON (*.json)"


def save_subject_access(
    ctx: PageContext, parent: QWidget, number: int, on_done: object = None
) -> None:
    """Ask where, then write everything held about member ``number`` (recorded in the audit)."""
    default = f"subject-access-member-{number}-{date.today():%Y-%m-%d}.pdf"
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save everything held about this member", default, FORMATS
    )
    if not path:
        return
    write_subject_access(ctx, parent, number, Path(path), on_done)


def write_subject_access(
    ctx: PageContext, parent: QWidget, number: int, out: Path, on_done: object = None
) -> None:
    """Build, record and write the export in one unit of work (no record if the write fails)."""
    from app.reports import sections
    from app.services.personal_data import subject_access

    actor = ctx.user.actor
    existed = out.exists()

    def work(session: Session) -> Path:
        file_format = subject_access.check_format(out.suffix)
        export = subject_access.build(session, actor, number, datetime.now())
        subject_access.record_export(session, actor, export, file_format)
        try:
            sections.write(export.report, out, file_format)
        except BaseException:
            if not existed:
                out.unlink(missing_ok=True)
            raise
        return out

    def done(written: Path) -> None:
        QMessageBox.information(
            parent,
            "Subject access",
            f"Saved everything held about member {number} to {written}.\n\n"
            "The audit trail records that it was produced.",
        )
        if callable(on_done):
            on_done(written)

    ctx.runner.run(parent, work, on_success=done, changes=frozenset({Change.MEMBERS}))


class DueColumn(IntEnum):
    """Columns of the list of former members due for erasure."""

    NUMBER = 0
    NAME = 1
    LEFT = 2
    YEARS = 3
    WHAT = 4


HEADINGS = {
    DueColumn.NUMBER: "No.",
    DueColumn.NAME: "Name",
    DueColumn.LEFT: "Left",
    DueColumn.YEARS: "Years since",
    DueColumn.WHAT: "What will be erased",
}


def _cell(row: DueMember, column: DueColumn) -> str:
    return {
        DueColumn.NUMBER: str(row.membership_number),
        DueColumn.NAME: row.name,
        DueColumn.LEFT: f"{row.left_on:%d/%m/%Y}",
        DueColumn.YEARS: str(row.years_since),
        DueColumn.WHAT: row.what,
    }[column]


class RetentionDialog(QDialog):
    """Former members past the keeping period, and erasing their personal details."""

    def __init__(self, ctx: PageContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Former members' personal details")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Former members' contact details are kept for {ctx.organisation.retention_years} "
            "years after they leave (Administration ▸ Organisation). Erasing keeps what the "
            "register of members must show: name, membership number, dates and shares."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[DueMember] = RowsModel(DueColumn, HEADINGS, _cell)
        self.table = named(QTableView(), "Former members due for erasure")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.summary = QLabel()
        self.summary.setAccessibleName("How many are due")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.erase = named(QPushButton("&Erase these details…"), "Erase these details")
        self.erase.clicked.connect(self._on_erase)
        self.erase.setEnabled(False)
        close = named(QPushButton("&Close"), "Close")
        close.clicked.connect(self.accept)
        row.addWidget(self.erase)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self._erased = ""
        self.resize(720, 460)
        self.refresh()

    def refresh(self) -> None:
        """Ask again who is due today."""
        org_id = self.ctx.organisation.id
        self.ctx.runner.run(
            self,
            lambda s: retention.due(s, org_id, date.today()),
            on_success=self._show,
            write=False,
        )

    def _show(self, due: list[DueMember]) -> None:
        self.model.set_rows(due)
        text = (
            f"{len(due):,} former members are due." if due else "Nobody is due for erasure today."
        )
        self.summary.setText(f"{self._erased} {text}".strip())
        self.erase.setEnabled(bool(due) and not self.ctx.read_only)

    def _on_erase(self) -> None:
        count = self.model.rowCount()
        answer = QMessageBox.warning(
            self,
            "Erase personal details?",
            f"Erase the personal details of {count:,} former members? This cannot be undone "
            "(a backup made before it could bring them back). The register entries stay.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.user.actor

        def done(erased: list[DueMember]) -> None:
            self._erased = f"✔ Erased the details of {len(erased):,} former members."
            self.refresh()

        self.ctx.runner.run(
            self,
            lambda s: retention.erase_due(s, actor, date.today()),
            on_success=done,
            changes=frozenset({Change.MEMBERS}),
        )
