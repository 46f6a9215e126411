"""Administration › Backups: back up now (to a USB stick), and restore."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.accounts.roles import Permission
from app.services.upkeep import backups
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, add_buttons, named
from app.ui.login import password_field
from app.ui.ops import Change
from app.ui.table_model import RowsModel
from app.ui.table_state import remember_columns


class BackupColumn(IntEnum):
    """Columns of the backups table."""

    WHEN = 0
    WHY = 1
    MEMBERS = 2
    SIZE = 3


HEADINGS = {
    BackupColumn.WHEN: "Made",
    BackupColumn.WHY: "Why",
    BackupColumn.MEMBERS: "Members",
    BackupColumn.SIZE: "Size",
}
REASONS = {
    "daily": "Daily",
    "close": "On closing",
    "before-upgrade": "Before an upgrade",
    "before-restore": "Before a restore",
    "manual": "Backed up by hand",
}


def _cell(backup: backups.Backup, column: BackupColumn) -> str:
    m = backup.manifest
    if column is BackupColumn.WHEN:
        return m.created.strftime("%d/%m/%Y %H:%M")
    if column is BackupColumn.WHY:
        return REASONS.get(m.reason, m.reason)
    if column is BackupColumn.MEMBERS:
        return f"{m.members:,}"
    size = backup.path.stat().st_size if backup.path.exists() else 0
    return f"{size / 1_000_000:.1f} MB"


class BackUpNowDialog(QDialog):
    """Choose a folder (a USB stick) and, if wanted, a passphrase."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Back up now")
        layout = QVBoxLayout(self)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = named(QLineEdit(), "Folder to back up to")
        browse = named(QPushButton("&Browse…"), "Choose a folder")
        browse.clicked.connect(self._on_browse_clicked)
        row.addWidget(self.folder)
        row.addWidget(browse)
        self.errors.add_row(form, "&Folder (for example your USB stick)", folder_row, "folder")
        self.encrypt = self.errors.add_row(
            form, "&Encrypt", QCheckBox("Protect the copy with a passphrase"), "encrypt"
        )
        self.passphrase = self.errors.add_row(
            form, "&Passphrase (8 characters or more)", password_field("Passphrase"), "passphrase"
        )
        self.confirm = self.errors.add_row(
            form, "Passphrase &again", password_field("Passphrase again"), "confirm"
        )
        self.encrypt.toggled.connect(self._on_encrypt_toggled)
        self._on_encrypt_toggled(False)
        layout.addLayout(form)
        note = QLabel("Keep the passphrase somewhere safe: without it the copy cannot be restored.")
        note.setWordWrap(True)
        layout.addWidget(note)
        add_buttons(self, layout, self._on_buttons_accepted)

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Back up to which folder?")
        if folder:
            self.folder.setText(folder)

    def _on_encrypt_toggled(self, on: bool) -> None:
        self.passphrase.setEnabled(on)
        self.confirm.setEnabled(on)

    def _on_buttons_accepted(self) -> None:
        issues = []
        if not self.folder.text().strip() or not Path(self.folder.text()).is_dir():
            issues.append(Issue("folder", "Choose a folder that exists."))
        if self.encrypt.isChecked():
            if len(self.passphrase.text()) < 8:
                issues.append(Issue("passphrase", "Choose a passphrase of at least 8 characters."))
            elif self.passphrase.text() != self.confirm.text():
                issues.append(Issue("confirm", "The two passphrases are not the same."))
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return
        self.accept()

    def choice(self) -> tuple[Path, str | None]:
        """The folder and the passphrase (None: not encrypted)."""
        return Path(
            self.folder.text()
        ), self.passphrase.text() if self.encrypt.isChecked() else None


class BackupsTab(QWidget):
    """Automatic backups of this file, and the buttons to back up and restore."""

    restore_requested = Signal(object, object)  # Path, passphrase or None

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(
            "This database is on a server, shared by the federation's centres. The federation's "
            "administrator backs it all up at once from the command line: mutualdesk backup "
            "--db ADDRESS --user NAME (with pg_dump where it is installed), and restores with "
            "mutualdesk restore FILE --db ADDRESS --user NAME."
            if ctx.file.address
            else "MutualDesk backs this file up when you close it, once a day, and before "
            "every upgrade or restore, keeping 7 daily, 5 weekly and 12 monthly copies in "
            f"{ctx.file.backup_folder}. Keep a copy away from this computer too."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[backups.Backup] = RowsModel(BackupColumn, HEADINGS, _cell)
        self.table = named(QTableView(), "Automatic backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.table, ctx.state, "backups")
        layout.addWidget(self.table)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Backup result")
        layout.addWidget(self.result)
        row = QHBoxLayout()
        self.back_up = named(QPushButton("&Back up now…"), "Back up now")
        self.restore_selected = named(
            QPushButton("&Restore the selected backup…"), "Restore the selected backup"
        )
        self.restore_file = named(QPushButton("Restore from a &file…"), "Restore from a file")
        for button in (self.back_up, self.restore_selected, self.restore_file):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.back_up.clicked.connect(self._on_back_up_clicked)
        self.restore_selected.clicked.connect(self._on_restore_selected_clicked)
        self.restore_file.clicked.connect(self._on_restore_file_clicked)
        on_file = ctx.file.address is None
        can_restore = ctx.user.actor.can(Permission.BACKUP_RESTORE) and not ctx.read_only
        can_restore = can_restore and on_file
        self.restore_selected.setVisible(can_restore)
        self.restore_file.setVisible(can_restore)
        self.back_up.setVisible(ctx.user.actor.can(Permission.BACKUP_RESTORE) and on_file)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        """List the automatic backups again."""
        folder = self.ctx.file.backup_folder
        self.ctx.runner.call(
            self, lambda: backups.list_backups(folder), on_success=self.model.set_rows
        )

    def _on_back_up_clicked(self) -> None:
        dialog = BackUpNowDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        folder, passphrase = dialog.choice()
        source = self.ctx.file.path
        suffix = backups.ENCRYPTED_SUFFIX if passphrase else ".sqlite"
        dest = folder / f"{source.stem}-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
        self.ctx.runner.call(
            self,
            lambda: backups.backup_to(source, dest, reason="manual", passphrase=passphrase),
            on_success=lambda made: self.result.setText(
                f"✔ Backed up {made.manifest.members:,} members to {made.path} and checked the "
                "copy."
            ),
        )

    def _on_restore_selected_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.result.setText("Choose a backup in the list first.")
            return
        self._confirm_restore(self.model.row_at(rows[0].row()).path)

    def _on_restore_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Restore from which backup?", "", "MutualDesk backups (*.sqlite *.mdbackup)"
        )
        if path:
            self._confirm_restore(Path(path))

    def _confirm_restore(self, path: Path) -> None:
        manifest = backups.read_manifest(path)
        made = f" made on {manifest.created:%d/%m/%Y at %H:%M}" if manifest else ""
        members = f" ({manifest.members:,} members)" if manifest else ""
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace everything in {self.ctx.file.path.name} with the backup{made}"
            f"{members}?\n\nThe file as it is now is backed up first, so this can be undone. "
            "You will need to sign in again afterwards.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase = None
        if backups.is_encrypted_file(path):
            text, ok = QInputDialog.getText(
                self,
                "Passphrase",
                "This backup is encrypted. Its passphrase:",
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
            passphrase = text
        self.restore_requested.emit(path, passphrase)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.BACKUPS in changes:
            self.refresh()
