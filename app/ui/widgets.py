"""Small building blocks shared by the screens: tables, buttons, date boxes, questions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app.errors import EnvironmentProblem, Issue, UserError
from app.services.common.dates import parse_date, uk
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.table_model import ColumnsModel, RowsModel


def table(
    model: ColumnsModel[Any], name: str, description: str = "", *, fit: bool = True
) -> QTableView:
    """A read-only, row-selecting table that fits its columns to their text (``fit``
    False for a long paged list, whose every row would otherwise be measured)."""
    view = named(QTableView(), name, description)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive
    )
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def selected(view: QTableView, model: RowsModel[Any]) -> Any:
    """The row object of the table's current row, or None."""
    index = view.currentIndex()
    if not index.isValid() or index.row() >= model.rowCount():
        return None
    return model.row_at(index.row())


def button(text: str, name: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
    """A push button with an accessible name, added to ``row``."""
    made = named(QPushButton(text), name)
    made.clicked.connect(slot)
    row.addWidget(made)
    return made


def date_box(name: str, day: date | None = None) -> QLineEdit:
    """A box for a date typed as dd/mm/yyyy."""
    box = named(QLineEdit(uk(day)), name, "A date, written dd/mm/yyyy")
    box.setPlaceholderText("dd/mm/yyyy")
    return box


def read_date(box: QLineEdit, field: str, label: str, issues: list[Issue]) -> date | None:
    """The date in ``box``; a missing or bad date adds an issue for ``field``."""
    value, issue = parse_date(field, box.text(), label)
    if issue is not None:
        issues.append(issue)
    elif value is None:
        issues.append(Issue(field, f"Enter the {label.lower()} as dd/mm/yyyy."))
    return value


def whole_number(text: str, digits: int = 9) -> int | None:
    """``text`` as a whole number of at most ``digits`` digits 0-9 (commas allowed), or
    None (so ² or ٣, which int() refuses, and a number too big to store are refused)."""
    text = text.strip().replace(",", "")
    if text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)
    return None


def result_label(name: str) -> QLabel:
    """A line that reports what the last action did (in words, not colour)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def sheet_box(name: str) -> QPlainTextEdit:
    """A read-only monospace box for a count sheet."""
    box = named(QPlainTextEdit(), name)
    box.setReadOnly(True)
    box.setTabChangesFocus(True)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return box


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something that cannot be undone; No is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def save_pdf(
    parent: QWidget,
    ctx: PageContext,
    title: str,
    suggested: str,
    build: Callable[[Any], Any],
    report: Callable[[str], None],
) -> None:
    """Ask where to save, then build the data in a read-only unit of work and write the PDF."""
    save_file(parent, ctx, title, suggested, build, report, spreadsheet=False)


def save_file(
    parent: QWidget,
    ctx: PageContext,
    title: str,
    suggested: str,
    build: Callable[[Any], Any],
    report: Callable[[str], None],
    *,
    spreadsheet: bool,
    target: Path | None = None,
) -> None:
    """Ask where to save (unless ``target`` is given), then build the data in a read-only
    unit of work and write it as PDF or as a spreadsheet."""
    if target is None:
        pattern = "Spreadsheets (*.xlsx)" if spreadsheet else "PDF files (*.pdf)"
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
        if not path:
            return
        target = Path(path)
    chosen = target

    def work(session: Any) -> Path:
        from app.reports import render

        data = build(session)
        try:
            if spreadsheet:
                render.write_xlsx(data, chosen)
            else:
                render.write_pdf(data, chosen)
        except OSError as error:
            raise EnvironmentProblem(
                f"The file could not be saved at {chosen} ({error.strerror or error}). "
                "Choose another folder, or check there is space on the disk."
            ) from error
        return chosen

    ctx.runner.run(
        parent,
        work,
        on_success=lambda saved: report(f"✔ Saved {saved}."),
        on_user_error=lambda error: report(f"⚠ {error.message}"),
        write=False,
    )


def as_field(error: UserError, field: str) -> UserError:
    """A plain error shown beside ``field`` (errors with their own fields are kept)."""
    if error.issues:
        return error
    return UserError.from_issues([Issue(field, error.message)])
