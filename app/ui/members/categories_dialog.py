"""Member categories (constituencies): who may vote and stand, probation, the default."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.membership import categories
from app.services.membership.categories import CategoryInfo
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, named
from app.ui.ops import Change
from app.ui.table_model import RowsModel


class CategoryColumn(IntEnum):
    """Columns of the categories table."""

    NAME = 0
    VOTE = 1
    STAND = 2
    PROBATION = 3
    DEFAULT = 4
    MEMBERS = 5


HEADINGS = {
    CategoryColumn.NAME: "Category",
    CategoryColumn.VOTE: "May vote",
    CategoryColumn.STAND: "May stand",
    CategoryColumn.PROBATION: "Probation",
    CategoryColumn.DEFAULT: "Default",
    CategoryColumn.MEMBERS: "Members",
}


def _cell(row: CategoryInfo, column: CategoryColumn) -> str:
    return {
        CategoryColumn.NAME: row.name,
        CategoryColumn.VOTE: "Yes" if row.may_vote else "No",
        CategoryColumn.STAND: "Yes" if row.may_stand else "No",
        CategoryColumn.PROBATION: f"{row.probation_months} months" if row.probation_months else "",
        CategoryColumn.DEFAULT: "Default" if row.is_default else "",
        CategoryColumn.MEMBERS: f"{row.members:,}",
    }[column]


class CategoriesDialog(QDialog):
    """The list of categories and a form to add one or change the selected one."""

    def __init__(self, ctx: PageContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Member categories")
        layout = QVBoxLayout(self)
        self.model: RowsModel[CategoryInfo] = RowsModel(CategoryColumn, HEADINGS, _cell)
        self.table = named(QTableView(), "Member categories")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = self.errors.add_row(form, "&Name", QLineEdit(), "name")
        self.may_vote = named(QCheckBox("Members in it may &vote"), "May vote")
        self.may_stand = named(QCheckBox("Members in it may &stand for the board"), "May stand")
        self.probation = self.errors.add_row(
            form, "&Probation before voting (months)", QSpinBox(), "probation_months"
        )
        self.probation.setRange(0, 120)
        self.is_default = named(QCheckBox("&Default for new members"), "Default category")
        for box in (self.may_vote, self.may_stand, self.is_default):
            form.addRow(box)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.new_button = named(QPushButton("&New category"), "New category")
        self.save_button = named(QPushButton("S&ave category"), "Save category")
        close = named(QPushButton("&Close"), "Close")
        for button in (self.new_button, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.new_button.clicked.connect(self._on_new)
        self.save_button.clicked.connect(self._on_save)
        close.clicked.connect(self.accept)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self._editing: int | None = None
        self.resize(620, 460)
        self._on_new()
        self.refresh()

    def refresh(self) -> None:
        """Read the categories again."""
        org_id = self.ctx.organisation.id
        self.ctx.runner.run(
            self,
            lambda s: categories.list_categories(s, org_id),
            on_success=self.model.set_rows,
            write=False,
        )

    def _on_row_changed(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        self._editing = row.id
        self.name.setText(row.name)
        self.may_vote.setChecked(row.may_vote)
        self.may_stand.setChecked(row.may_stand)
        self.probation.setValue(row.probation_months)
        self.is_default.setChecked(row.is_default)
        self.errors.clear()

    def _on_new(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.name.clear()
        self.may_vote.setChecked(True)
        self.may_stand.setChecked(True)
        self.probation.setValue(0)
        self.is_default.setChecked(False)
        self.name.setFocus()

    def _on_save(self) -> None:
        actor, editing = self.ctx.user.actor, self._editing
        name, vote, stand = self.name.text(), self.may_vote.isChecked(), self.may_stand.isChecked()
        months, default = self.probation.value(), self.is_default.isChecked()

        def save(session: Session) -> CategoryInfo:
            return categories.save_category(
                session,
                actor,
                category_id=editing,
                name=name,
                may_vote=vote,
                may_stand=stand,
                probation_months=months,
                is_default=default,
            )

        def done(_saved: CategoryInfo) -> None:
            self.errors.clear()
            self.refresh()
            self._on_new()

        self.ctx.runner.run(
            self,
            save,
            on_success=done,
            on_user_error=self.errors.show,
            changes=frozenset({Change.MEMBERS}),
        )
