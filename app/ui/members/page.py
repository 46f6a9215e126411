"""The Members page: the register at any size, searched and sorted in SQL, and its actions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.roles import Permission
from app.services.membership.member_page import STATUSES, PageFilter, PageRow
from app.services.membership.member_status import MemberStatus
from app.services.membership.members_summary import RegisterSummary
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.members.model import HEADINGS, MemberColumn, MembersModel
from app.ui.ops import Change
from app.ui.pages import heading
from app.ui.table_model import ROW_ROLE
from app.ui.table_state import remember_columns

if TYPE_CHECKING:  # the page first shows before SQLAlchemy is imported (see PageContext)
    from app.services.membership.categories import CategoryInfo
    from app.services.upkeep.work import Session

WIDTHS = {  # the widest usual text of each column
    MemberColumn.NUMBER: "000000",
    MemberColumn.NAME: "Ó Súilleabháin, Agnieszka (Mrs)",
    MemberColumn.CATEGORY: "Leaseholder",
    MemberColumn.STATUS: "Applicant",
    MemberColumn.POSTCODE: "SW1A 1AA",
    MemberColumn.ADDRESS: "Flat 100, 10 Bermondsey Court, London",
    MemberColumn.PHONE: "07700 900000",
    MemberColumn.EMAIL: "someone.surname@example.org",
    MemberColumn.JOINED: "00/00/0000",
    MemberColumn.LEFT: "00/00/0000",
}
HIDDEN_AT_FIRST = (MemberColumn.ADDRESS, MemberColumn.EMAIL, MemberColumn.LEFT)


class MembersPage(QWidget):
    """Search, filter and sort the register; add, change, leave, re-join, shares, merge."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dialog: QDialog | None = None
        self.can_edit = ctx.user.actor.can(Permission.EDIT_MEMBERS) and not ctx.read_only
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Members"))
        self.totals = QLabel("Counting members…")
        self.totals.setObjectName("memberTotals")
        self.totals.setAccessibleName("Number of members")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        layout.addLayout(self._filters())
        self.model = MembersModel(ctx.runner.read, ctx.organisation.id)
        self.table = named(QTableView(), "Members", "The register; press Enter to open a member")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(
            MemberColumn.NAME, Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)  # the model starts in name order: no query here
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        for column, sample in WIDTHS.items():
            self.table.setColumnWidth(column, self.fontMetrics().horizontalAdvance(sample) + 16)
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table, 1)
        self.shown = QLabel()
        self.shown.setAccessibleName("Members shown")
        layout.addWidget(self.shown)
        layout.addLayout(self._buttons())
        self._columns_menu()
        remember_columns(self.table, ctx.state, "members")
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        ctx.bus.changed.connect(self._on_bus_changed)
        first, ctx.first_page = ctx.first_page, None  # read at start-up, used once
        if first is not None and self.model.in_name_order():  # not a remembered other order
            self.model.preset(first.ids, first.rows)
            self._filter_applied()
            self._show(first.summary)
        else:
            self.apply_filter()
            self._show(ctx.runner.read(self._summary))  # quick counts: shown with the rows
        self._load_categories()

    # -- building ------------------------------------------------------------------------------
    def _filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)
        label = QLabel("&Search:")
        self.search = named(
            QLineEdit(), "Search members", "Name, membership number, postcode, email or phone"
        )
        self.search.setPlaceholderText("Name, number, postcode, email or phone")
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.search.textChanged.connect(self.apply_filter)
        row.addWidget(label)
        row.addWidget(self.search, 2)
        self.columns = named(QToolButton(), "Choose columns")
        self.columns.setText("C&olumns")
        self.columns.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row.addWidget(self.columns)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.category = named(QComboBox(), "Category")
        self.category.addItem("All categories", None)
        self.category.currentIndexChanged.connect(self.apply_filter)
        row.addWidget(self.category)
        self.status = named(QComboBox(), "Status")
        self.status.addItem("Everyone", None)
        for key, text in STATUSES.items():
            self.status.addItem(text, key)
        self.status.currentIndexChanged.connect(self.apply_filter)
        row.addWidget(self.status)
        self.eligible = named(QCheckBox("&Eligible to vote on"), "Only members eligible to vote")
        self.eligible_on = named(QDateEdit(QDate.currentDate()), "Date for eligibility to vote")
        self.eligible_on.setDisplayFormat("dd/MM/yyyy")
        self.eligible_on.setCalendarPopup(True)
        self.eligible_on.setEnabled(False)
        self.eligible.toggled.connect(self.eligible_on.setEnabled)
        self.eligible.toggled.connect(self.apply_filter)
        self.eligible_on.dateChanged.connect(self.apply_filter)
        row.addWidget(self.eligible)
        row.addWidget(self.eligible_on)
        row.addStretch(1)
        return rows

    def _buttons(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)

        def button(text: str, name: str, slot: object, shortcut: str = "") -> QPushButton:
            made = named(QPushButton(text), name)
            made.clicked.connect(slot)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
                made.setToolTip(f"{name} ({shortcut})")
            row.addWidget(made)
            return made

        self.add_button = button("&Add member…", "Add a member", self._on_add, "Ctrl+N")
        self.edit_button = button("&Change…", "Change the selected member", self._on_edit)
        self.leave_button = button("&Leaving…", "Record that the member left", self._on_leave)
        self.rejoin_button = button("&Re-joining…", "Member re-joining", self._on_rejoin)
        self.issue_button = button(
            "Issue sha&res…",
            "Issue one share to each of the selected members, or to everyone without one",
            self._on_issue_shares,
        )
        row.addStretch(1)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.shares_button = button("S&hares…", "The member's shares", self._on_shares)
        self.merge_button = button("&Merge…", "Merge a duplicate into this member", self._on_merge)
        self.personal_button = button(
            "Personal &data…",
            "Everything held about this member (subject access)",
            self._on_personal,
        )
        row.addStretch(1)
        self.categories_button = button("Ca&tegories…", "Member categories", self._on_categories)
        self.retention_button = button(
            "Ke&eping details…", "Former members' details past keeping", self._on_retention
        )
        self.import_button = button(
            "&Import…", "Import members from a spreadsheet", self._on_import
        )
        return rows

    def _columns_menu(self) -> None:
        menu = QMenu(self.columns)
        header = self.table.horizontalHeader()
        first_time = self.ctx.state.value("tables/members") is None
        for column in MemberColumn:
            action = QAction(HEADINGS[column], menu)
            action.setCheckable(True)
            if first_time and column in HIDDEN_AT_FIRST:
                header.setSectionHidden(column, True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
            menu.addAction(action)
        self.columns.setMenu(menu)

    def show_column(self, column: MemberColumn, shown: bool) -> None:
        """Show or hide a column; the choice is remembered."""
        header = self.table.horizontalHeader()
        header.setSectionHidden(column, not shown)
        self.ctx.state.setValue("tables/members", header.saveState())

    # -- data ----------------------------------------------------------------------------------
    def current_filter(self) -> PageFilter:
        """What the controls above the table ask for."""
        eligible_on: date | None = None
        if self.eligible.isChecked():
            chosen = self.eligible_on.date().toPython()
            assert isinstance(chosen, date)
            eligible_on = chosen
        return PageFilter(
            search=self.search.text(),
            category_id=self.category.currentData(),
            status=self.status.currentData(),
            eligible_on=eligible_on,
        )

    def apply_filter(self) -> None:
        """Ask the database for the matching members (search as you type)."""
        self.model.set_filter(self.current_filter())
        self._filter_applied()

    def _filter_applied(self) -> None:
        self.shown.setText(f"Showing {self.model.rowCount():,} members.")
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _summary(self, session: Session) -> RegisterSummary:
        from app.services.membership import members_summary

        return members_summary.summary(session, self.ctx.organisation.id)

    def refresh(self) -> None:
        """Count the register again."""
        self.ctx.runner.run(self, self._summary, on_success=self._show, write=False)

    def _show(self, summary: RegisterSummary) -> None:
        self.totals.setText(
            f"{summary.current:,} current members on the register of "
            f"{self.ctx.organisation.name}, and {summary.former:,} former members."
        )

    def _load_categories(self) -> None:
        org_id = self.ctx.organisation.id

        def load(session: Session) -> list[CategoryInfo]:
            from app.services.membership import categories

            return categories.list_categories(session, org_id)

        self.ctx.runner.run(self, load, on_success=self._fill_categories, write=False)

    def _fill_categories(self, found: list[CategoryInfo]) -> None:
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("All categories", None)
        for category in found:
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)

    def selected(self) -> PageRow | None:
        """The member on the selected row."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.model.data(index, ROW_ROLE)
        return row if isinstance(row, PageRow) else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (
            self.add_button,
            self.categories_button,
            self.import_button,
            self.retention_button,
            self.issue_button,
        ):
            button.setEnabled(self.can_edit)
        self.personal_button.setEnabled(self.can_edit and row is not None)
        self.edit_button.setEnabled(row is not None)
        self.shares_button.setEnabled(row is not None)
        self.leave_button.setEnabled(
            self.can_edit and row is not None and row.status == MemberStatus.CURRENT
        )
        self.rejoin_button.setEnabled(
            self.can_edit and row is not None and row.status == MemberStatus.FORMER
        )
        self.merge_button.setEnabled(self.can_edit and row is not None)

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.MEMBERS in changes or Change.DATABASE in changes:
            chosen = self.selected()
            self.model.reload()
            self.shown.setText(f"Showing {self.model.rowCount():,} members.")
            place = self.model.row_of(chosen.id) if chosen else None
            if place is not None:
                self.table.selectRow(place)
            self.refresh()
            self._load_categories()
            self._update_buttons()

    # -- actions -------------------------------------------------------------------------------
    def _on_table_activated(self) -> None:
        self._on_edit()

    def _on_add(self) -> None:
        from app.ui.members.form import MemberDialog

        dialog = MemberDialog(self.ctx, self, None)
        dialog.open()
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._select_saved(dialog))

    def _select_saved(self, dialog: object) -> None:
        saved = getattr(dialog, "saved", None)
        if saved is None:
            return
        self.model.reload()
        place = self.model.row_of(saved.member_id)
        if place is None:  # filtered out: show everyone so the new member can be seen
            self.search.clear()
            self.status.setCurrentIndex(0)
            place = self.model.row_of(saved.member_id)
        if place is not None:
            self.table.selectRow(place)
            self.table.scrollTo(self.model.index(place, 0))

    def _on_edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        from app.ui.members.form import MemberDialog

        dialog = MemberDialog(self.ctx, self, row.id)
        if not self.can_edit:
            dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(False)
            dialog.setWindowTitle("A member (read only)")
        self._dialog = dialog
        dialog.open()

    def _open(self, kind: str) -> None:
        row = self.selected()
        if row is None:
            return
        from app.ui.members import actions, shares_dialog

        made = {
            "leave": actions.LeaveDialog,
            "rejoin": actions.RejoinDialog,
            "merge": actions.MergeDialog,
            "shares": shares_dialog.SharesDialog,
        }[kind]
        dialog = made(self.ctx, self, row.id, f"{row.name} (member {row.number})")
        if kind == "shares" and not self.can_edit:
            dialog.record.setEnabled(False)  # type: ignore[attr-defined]
        self._dialog = dialog
        dialog.open()

    def _on_leave(self) -> None:
        self._open("leave")

    def _on_rejoin(self) -> None:
        self._open("rejoin")

    def _on_shares(self) -> None:
        self._open("shares")

    def _on_merge(self) -> None:
        self._open("merge")

    def selected_ids(self) -> list[int]:
        """The record ids of every selected row (Ctrl- or Shift-click to choose several)."""
        rows = (self.model.data(i, ROW_ROLE) for i in self.table.selectionModel().selectedRows())
        return [row.id for row in rows if isinstance(row, PageRow)]

    def _on_issue_shares(self) -> None:
        from app.ui.members.issue_shares_dialog import IssueSharesDialog

        self._dialog = IssueSharesDialog(self.ctx, self, self.selected_ids())
        self._dialog.open()

    def _on_categories(self) -> None:
        from app.ui.members.categories_dialog import CategoriesDialog

        self._dialog = CategoriesDialog(self.ctx, self)
        self._dialog.open()

    def _on_personal(self) -> None:
        row = self.selected()
        if row is not None:
            from app.ui.members.personal_data import save_subject_access

            save_subject_access(self.ctx, self, row.number)

    def _on_retention(self) -> None:
        from app.ui.members.personal_data import RetentionDialog

        self._dialog = RetentionDialog(self.ctx, self)
        self._dialog.open()

    def _on_import(self) -> None:
        from app.ui.members.import_dialog import ImportMembersDialog

        self._dialog = ImportMembersDialog(self.ctx, self)
        self._dialog.open()
