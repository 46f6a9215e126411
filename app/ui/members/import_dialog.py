"""Import members from a spreadsheet: choose the file, check the columns and problems, import."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import EnvironmentProblem, UserError
from app.reports.xlsx.rejected import write_rejected
from app.services.accounts.roles import Permission
from app.services.membership.member_import import (
    FIELDS,
    ImportPlan,
    ImportSummary,
    RowProblem,
    plan_import,
    replan,
    run_import,
)
from app.services.membership.member_import.mapping import MULTI_COLUMN
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.table_model import Index, RowsModel

NOT_IMPORTED = "Don't import"
FILE_PATTERN = "Spreadsheets (*.csv *.xlsx);;All files (*)"


class Step(IntEnum):
    """The screens of the dialog, in order."""

    CHOOSE = 0
    CHECK = 1
    DONE = 2


class ProblemColumn(IntEnum):
    """Columns of the lists of problems, duplicates and warnings."""

    ROW = 0
    MESSAGE = 1


PROBLEM_HEADINGS = {ProblemColumn.ROW: "Row", ProblemColumn.MESSAGE: "What is wrong"}
NOTE_HEADINGS = {ProblemColumn.ROW: "Row", ProblemColumn.MESSAGE: "Note"}


def _problem_cell(row: RowProblem, column: ProblemColumn) -> str:
    return f"row {row.row}" if column == ProblemColumn.ROW else row.message


def problems_model(headings: dict[Any, str]) -> RowsModel[RowProblem]:
    """A list of 'row N' and a message."""
    return RowsModel(ProblemColumn, headings, _problem_cell)


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as text; each heading says where that column goes."""

    def __init__(self) -> None:
        super().__init__()
        self._headers: tuple[str, ...] = ()
        self._targets: list[str] = []
        self._rows: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def set_plan(self, plan: ImportPlan | None) -> None:
        """Show ``plan``'s preview rows (or nothing)."""
        self.beginResetModel()
        if plan is None:
            self._headers, self._targets, self._rows = (), [], ()
        else:
            self._headers = plan.headers
            self._targets = [
                FIELDS[plan.mapping[i]] if i in plan.mapping else NOT_IMPORTED
                for i in range(len(plan.headers))
            ]
            self._rows = plan.preview
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._headers)):
            return None
        cells = self._rows[index.row()][1]
        return cells[index.column()] if index.column() < len(cells) else ""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            heading = self._headers[section] or f"Column {section + 1}"
            return f"{heading}\n→ {self._targets[section]}"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return f"Row {self._rows[section][0]}"
        return None


SHARE_CHOICES = (
    ("None: they may not vote until they hold one", None),
    ("One share each, paid, dated when each joined", "paid"),
    ("One share each, not yet paid, dated when each joined", "unpaid"),
)


def _list_view(model: RowsModel[RowProblem], name: str) -> QTableView:
    view = named(QTableView(), name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(ProblemColumn.ROW, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


class ImportMembersDialog(QDialog):
    """Choose a spreadsheet, check how its columns map and what is wrong, then import."""

    def __init__(self, ctx: PageContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self._generation = 0
        self._combos: list[QComboBox] = []
        self.setWindowTitle("Import members from a spreadsheet")
        layout = QVBoxLayout(self)
        self.error = named(_wrapped(), "Problem")
        self.error.setObjectName("error_form")
        self.error.setStyleSheet("color: #a4000f; font-weight: bold;")
        self.error.hide()
        layout.addWidget(self.error)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._choose_step())
        self.steps.addWidget(self._check_step())
        self.steps.addWidget(self._done_step())
        layout.addWidget(self.steps, 1)
        self._size_to_font()
        self.choose_button.setFocus()

    def _size_to_font(self) -> None:
        """Room for about 140 characters by 36 lines of the current font, within the screen."""
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 140, metrics.lineSpacing() * 36
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(max(width, 800), max(height, 600))

    # -- building the screens ------------------------------------------------------------------
    def _choose_step(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(
            _wrapped(
                "Choose the spreadsheet you have kept the members in: a CSV file or an Excel "
                "(.xlsx) file. It needs a row of headings, such as 'First name', 'Surname', "
                "'Postcode' and 'Date joined'.\n\nNothing is added to the register until you "
                "have checked what will happen and pressed Import."
            )
        )
        row = QHBoxLayout()
        self.choose_button = named(QPushButton("&Choose a file…"), "Choose a file to import")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        close = named(QPushButton("Cancel"), "Cancel the import")
        close.clicked.connect(self.reject)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(close)
        column.addLayout(foot)
        return page

    def _check_step(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.overview = named(_wrapped(), "What the import will do")
        column.addWidget(self.overview)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        columns_box = QGroupBox("Where each column goes")
        box_layout = QVBoxLayout(columns_box)
        self.columns_area = QScrollArea()
        self.columns_area.setWidgetResizable(True)
        self.columns_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.columns_area.setAccessibleName("Columns of the file")
        self.columns_grid_holder = QWidget()
        self.columns_grid = QGridLayout(self.columns_grid_holder)
        self.columns_grid.setColumnStretch(1, 1)
        self.columns_area.setWidget(self.columns_grid_holder)
        box_layout.addWidget(self.columns_area)
        self.mapping_note = named(_wrapped(), "About the columns")
        self.mapping_note.hide()
        box_layout.addWidget(self.mapping_note)
        top.addWidget(columns_box)
        preview_box = QGroupBox("The first rows of the file")
        preview_layout = QVBoxLayout(preview_box)
        self.preview_model = PreviewModel()
        self.preview = named(QTableView(), "The first rows of the file")
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        preview_layout.addWidget(self.preview)
        top.addWidget(preview_box)
        top.setStretchFactor(1, 1)
        top.setStretchFactor(0, 0)
        split.addWidget(top)
        self.tabs = named(QTabWidget(), "Problems, new categories and possible duplicates")
        self.problems_model = problems_model(PROBLEM_HEADINGS)
        self.duplicates_model = problems_model(NOTE_HEADINGS)
        self.warnings_model = problems_model(NOTE_HEADINGS)
        self.problems_view = _list_view(self.problems_model, "Rows with problems")
        self.duplicates_view = _list_view(self.duplicates_model, "Possible duplicates")
        self.warnings_view = _list_view(self.warnings_model, "Worth a second look")
        self.new_categories = named(_wrapped(), "New categories")
        self.new_categories.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.new_categories.setMargin(8)
        categories_scroll = QScrollArea()
        categories_scroll.setWidgetResizable(True)
        categories_scroll.setWidget(self.new_categories)
        self.tabs.addTab(self.problems_view, "Problems")
        self.tabs.addTab(categories_scroll, "New categories")
        self.tabs.addTab(self.duplicates_view, "Possible duplicates")
        self.tabs.addTab(self.warnings_view, "Worth a second look")
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column.addWidget(split, 1)
        self.skip_invalid = named(
            QCheckBox("Import only the &valid rows (leave out the rows with problems)"),
            "Import only the valid rows",
        )
        self.skip_invalid.toggled.connect(self._on_skip_invalid_toggled)
        column.addWidget(self.skip_invalid)
        shares_row = QHBoxLayout()
        self.share_note = named(_wrapped(), "About shares")
        self.share_choice = named(
            QComboBox(),
            "Shares for the members the file gives none",
            "Under rules that need a paid-up share to vote, members without one are not on "
            "any voter roll",
        )
        for text, value in SHARE_CHOICES:
            self.share_choice.addItem(text, value)
        share_label = QLabel("S&hares for members the file gives none:")
        share_label.setBuddy(self.share_choice)
        shares_row.addWidget(share_label)
        shares_row.addWidget(self.share_choice, 1)
        self.shares_box = QWidget()
        shares_column = QVBoxLayout(self.shares_box)
        shares_column.setContentsMargins(0, 0, 0, 0)
        shares_column.addWidget(self.share_note)
        shares_column.addLayout(shares_row)
        column.addWidget(self.shares_box)
        self.why_not = named(_wrapped(), "Why nothing can be imported yet")
        column.addWidget(self.why_not)
        foot = QHBoxLayout()
        other = named(QPushButton("Choose &another file…"), "Choose another file")
        other.clicked.connect(self._on_choose_button_clicked)
        self.save_problems_button = named(
            QPushButton("&Save rows with problems…"),
            "Save the rows with problems to a spreadsheet",
        )
        self.save_problems_button.clicked.connect(self._on_save_button_clicked)
        self.import_button = named(QPushButton("&Import"), "Import the members")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        cancel = named(QPushButton("Cancel"), "Cancel the import")
        cancel.clicked.connect(self.reject)
        foot.addWidget(other)
        foot.addWidget(self.save_problems_button)
        foot.addStretch(1)
        foot.addWidget(self.import_button)
        foot.addWidget(cancel)
        column.addLayout(foot)
        self.saved_note = named(_wrapped(), "Saved file")
        column.addWidget(self.saved_note)
        return page

    def _done_step(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.outcome = named(_wrapped(), "What was imported")
        column.addWidget(self.outcome)
        self.rejected_model = problems_model(PROBLEM_HEADINGS)
        self.rejected_view = _list_view(self.rejected_model, "Rows not imported")
        column.addWidget(self.rejected_view, 1)
        self.done_saved_note = named(_wrapped(), "Saved file")
        column.addWidget(self.done_saved_note)
        foot = QHBoxLayout()
        self.save_rejected_button = named(
            QPushButton("&Save rejected rows…"), "Save the rows not imported to a spreadsheet"
        )
        self.save_rejected_button.clicked.connect(self._on_save_button_clicked)
        close = named(QPushButton("&Close"), "Close")
        close.clicked.connect(self.accept)
        foot.addWidget(self.save_rejected_button)
        foot.addStretch(1)
        foot.addWidget(close)
        column.addLayout(foot)
        return page

    # -- choosing and planning -----------------------------------------------------------------
    def _on_choose_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the spreadsheet of members", "", FILE_PATTERN
        )
        if path:
            self.choose_file(path)

    def choose_file(self, path: str | Path) -> None:
        """Read ``path`` and show what importing it would do (off the GUI thread)."""
        self._plan(Path(path), None)

    def _plan(self, path: Path, mapping: dict[int, str] | None) -> None:
        self._generation += 1
        generation = self._generation
        actor, org_id = self.ctx.user.actor, self.ctx.organisation.id
        previous = self.plan if mapping is not None else None

        def work(session: Session) -> ImportPlan:
            actor.require(Permission.EDIT_MEMBERS)
            if previous is not None and mapping is not None and previous.path == path:
                return replan(session, org_id, previous, mapping)
            return plan_import(session, org_id, path, mapping)

        self.import_button.setEnabled(False)
        self.ctx.runner.run(
            self,
            work,
            on_success=lambda plan: self._on_planned(generation, plan),
            on_user_error=self._show_error,
            write=False,
        )

    def _on_planned(self, generation: int, plan: ImportPlan) -> None:
        if generation != self._generation:
            return  # a later change of mapping is on its way
        self.plan = plan
        self.error.hide()
        self.saved_note.clear()
        self._fill_columns(plan)
        self.preview_model.set_plan(plan)
        self.preview.resizeColumnsToContents()
        self.problems_model.set_rows(plan.problems)
        self.duplicates_model.set_rows(plan.duplicates)
        self.warnings_model.set_rows(plan.warnings)
        new = plan.new_categories
        self.new_categories.setText(
            "These categories are not on the register yet. They will be created, with their "
            "members allowed to vote and stand (change that in Categories afterwards):\n\n"
            + "\n".join(f"• {name}" for name in new)
            if new
            else "Every category in the file is already on the register."
        )
        for tab, label, count in (
            (0, "&Problems", len(plan.problems)),
            (1, "&New categories", len(new)),
            (2, "Possible &duplicates", len(plan.duplicates)),
            (3, "&Worth a second look", len(plan.warnings)),
        ):
            self.tabs.setTabText(tab, f"{label} ({count:,})")
        self.overview.setText(self._overview_text(plan))
        self.shares_box.setVisible(plan.without_shares > 0)
        self.share_note.setText(f"⚠ {plan.share_warning}" if plan.share_warning else "")
        self.share_note.setVisible(bool(plan.share_warning))
        self._update_import_button()
        if self.steps.currentIndex() != Step.CHECK:
            self.steps.setCurrentIndex(Step.CHECK)
            if plan.problems:
                self.tabs.setCurrentIndex(0)
            self.import_button.setFocus()

    @staticmethod
    def _overview_text(plan: ImportPlan) -> str:
        bad = len(plan.rejected_rows)
        text = (
            f"'{plan.file_name}': headings on row {plan.header_row}, "
            f"{_plural(plan.rows_read, 'row')} of members under them. "
        )
        if bad:
            text += f"{_plural(plan.valid_rows, 'row')} can be imported; {bad:,} have problems."
        else:
            text += "Every row can be imported."
        if plan.default_category:
            text += f" Rows with no category will be in '{plan.default_category}'."
        if plan.duplicates:
            text += (
                f" {_plural(len(plan.duplicates), 'row')} may be people already on the register "
                "or earlier in the file: they will still be imported; merge them afterwards if "
                "they are."
            )
        return text

    def _fill_columns(self, plan: ImportPlan) -> None:
        """One row per column of the file: its heading, where it goes, an example."""
        if [c.property("heading") for c in self._combos] == list(plan.headers):
            for index, combo in enumerate(self._combos):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(index, ""))))
                combo.blockSignals(False)
            return
        while self.columns_grid.count():
            item = self.columns_grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self._combos = []
        for place, text in enumerate(("Column in the file", "Goes to", "For example")):
            heading = QLabel(f"<b>{text}</b>")
            self.columns_grid.addWidget(heading, 0, place)
        for index, header in enumerate(plan.headers):
            name = header or f"Column {index + 1}"
            label = QLabel(name)
            label.setWordWrap(True)
            combo = named(QComboBox(), f"Column '{name}' goes to")
            combo.setProperty("heading", header)
            combo.addItem(NOT_IMPORTED, "")
            for field, field_label in FIELDS.items():
                combo.addItem(field_label, field)
            combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(index, ""))))
            combo.currentIndexChanged.connect(lambda _i, c=index: self._on_combo_changed(c))
            label.setBuddy(combo)
            example = next((cells[index] for _, cells in plan.preview if cells[index]), "")
            sample = QLabel(example[:24] + ("…" if len(example) > 24 else ""))
            sample.setAccessibleName(f"Example from column '{name}'")
            self.columns_grid.addWidget(label, index + 1, 0)
            self.columns_grid.addWidget(combo, index + 1, 1)
            self.columns_grid.addWidget(sample, index + 1, 2)
            self._combos.append(combo)
        self.columns_grid.setRowStretch(len(plan.headers) + 1, 1)
        bar = self.columns_area.verticalScrollBar().sizeHint().width()
        self.columns_area.setMinimumWidth(self.columns_grid_holder.sizeHint().width() + bar + 4)

    def mapping(self) -> dict[int, str]:
        """Column index -> member field, as the combo boxes show it."""
        return {i: str(c.currentData()) for i, c in enumerate(self._combos) if c.currentData()}

    def set_mapping(self, column: int, field: str | None) -> None:
        """Send ``column`` to ``field`` (None: don't import it), as choosing in its box does."""
        combo = self._combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field or "")))

    def _on_combo_changed(self, column: int) -> None:
        field = self._combos[column].currentData()
        moved = []
        if field and field not in MULTI_COLUMN:
            for other, combo in enumerate(self._combos):
                if other != column and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    moved.append(self.plan.headers[other] if self.plan else str(other + 1))
        if moved:
            names = ", ".join(f"'{m}'" for m in moved)
            self.mapping_note.setText(
                f"ⓘ {FIELDS[field]} now comes from '{self._heading(column)}', so {names} "
                f"will not be imported."
            )
            self.mapping_note.show()
        else:
            self.mapping_note.hide()
        if self.plan is not None:
            self._plan(self.plan.path, self.mapping())

    def _heading(self, column: int) -> str:
        header = self.plan.headers[column] if self.plan else ""
        return header or f"Column {column + 1}"

    def _on_skip_invalid_toggled(self, _on: bool) -> None:
        self._update_import_button()

    def _update_import_button(self) -> None:
        plan = self.plan
        if plan is None:
            self.import_button.setEnabled(False)
            return
        bad = len(plan.rejected_rows)
        skip = self.skip_invalid.isChecked()
        self.skip_invalid.setEnabled(bad > 0)
        self.save_problems_button.setEnabled(bad > 0)
        reason = ""
        if plan.valid_rows == 0:
            reason = (
                "⚠ No row can be imported. Check where each column goes, or fix the spreadsheet "
                "and choose it again."
            )
        elif bad and not skip:
            reason = (
                f"⚠ Nothing will be imported while {_plural(bad, 'row')} "
                f"{'has' if bad == 1 else 'have'} problems. Fix them in the spreadsheet and "
                "choose it again, or tick 'Import only the valid rows'."
            )
        self.why_not.setText(reason)
        self.why_not.setVisible(bool(reason))
        ready = not reason
        self.import_button.setEnabled(ready)
        count = plan.valid_rows
        self.import_button.setText(f"&Import {_plural(count, 'member')}" if ready else "&Import")
        self.import_button.setAccessibleDescription(reason.removeprefix("⚠ "))
        self.import_button.setToolTip(reason.removeprefix("⚠ "))

    # -- importing -----------------------------------------------------------------------------
    def _on_import_button_clicked(self) -> None:
        plan = self.plan
        if plan is None or not self.import_button.isEnabled():
            return
        actor, skip = self.ctx.user.actor, self.skip_invalid.isChecked()
        shares = self.share_choice.currentData() if plan.without_shares else None
        self.import_button.setEnabled(False)
        self.ctx.runner.run(
            self,
            lambda session: run_import(
                session, actor, plan, skip_invalid=skip, issue_shares=shares
            ),
            on_success=self._on_imported,
            on_user_error=self._on_import_failed,
            changes=frozenset({Change.MEMBERS}),
        )

    def _on_import_failed(self, error: UserError) -> None:
        self._show_error(error)
        self._update_import_button()

    def _on_imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.error.hide()
        rejected = len(summary.rejected)
        if summary.applied:
            lines = [
                f"✔ Imported {_plural(summary.imported, 'member')} from '{summary.file_name}'."
            ]
            if summary.numbers:
                first, last = summary.numbers
                lines.append(f"Their membership numbers are {first:,} to {last:,}.")
            if rejected:
                lines.append(
                    f"{_plural(rejected, 'row was', 'rows were')} not imported; they are listed "
                    "below. Save them, fix them in the spreadsheet and import that file."
                )
        else:
            lines = [
                "⚠ Nothing was imported: the register changed since the file was checked and "
                f"{_plural(rejected, 'row')} now {'has' if rejected == 1 else 'have'} problems."
            ]
        if summary.shares_issued:
            lines.append(
                f"{_plural(summary.shares_issued, 'line was', 'lines were')} written to the "
                "share ledger."
            )
        if summary.share_warning:
            lines.append(
                f"⚠ {summary.share_warning} Issue them shares from the Members page: select "
                "them and choose Issue shares."
            )
        created = summary.categories_created
        lines.append(
            "Categories created: " + ", ".join(created) + "."
            if created
            else "No new categories were created."
        )
        self.outcome.setText("\n\n".join(lines))
        self.rejected_model.set_rows(summary.problems)
        self.rejected_view.setVisible(bool(rejected))
        self.save_rejected_button.setEnabled(bool(rejected))
        self.steps.setCurrentIndex(Step.DONE)

    # -- saving the rows that were left out ----------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        name = Path(self.plan.file_name if self.plan else "members").stem
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the rows not imported",
            f"{name} - not imported.xlsx",
            "Spreadsheets (*.xlsx)",
        )
        if path:
            self.save_rejected(path)

    def save_rejected(self, path: str | Path) -> None:
        """Write the rejected rows (or, before importing, the rows with problems) to ``path``."""
        source: ImportSummary | ImportPlan | None = self.summary or self.plan
        if source is None:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        note = self.done_saved_note if self.summary else self.saved_note

        def work() -> int:
            try:
                return write_rejected(source, target)
            except OSError as exc:
                raise EnvironmentProblem(
                    f"Could not save '{target.name}': {exc.strerror or exc}. If it is open in "
                    "Excel, close it; or choose another folder."
                ) from exc

        self.ctx.runner.call(
            self,
            work,
            on_success=lambda count: note.setText(f"✔ Saved {_plural(count, 'row')} to {target}."),
        )

    def _show_error(self, error: UserError) -> None:
        self.error.setText(f"⚠ {error.message}")
        self.error.show()

    def error_text(self) -> str:
        """The problem shown at the top of the dialog ('' if none)."""
        return "" if self.error.isHidden() else self.error.text().removeprefix("⚠ ")
