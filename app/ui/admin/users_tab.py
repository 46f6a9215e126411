"""Administration › Users: accounts, roles, password resets."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import auth
from app.services.accounts.roles import Permission, Role
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, add_buttons, named
from app.ui.login import password_field
from app.ui.ops import Change
from app.ui.table_model import RowsModel
from app.ui.table_state import remember_columns


class UserColumn(IntEnum):
    """Columns of the users table."""

    USERNAME = 0
    FULL_NAME = 1
    ROLE = 2
    ACTIVE = 3


HEADINGS = {
    UserColumn.USERNAME: "User name",
    UserColumn.FULL_NAME: "Full name",
    UserColumn.ROLE: "Role",
    UserColumn.ACTIVE: "Can sign in",
}


def _cell(user: auth.UserInfo, column: UserColumn) -> str:
    return {
        UserColumn.USERNAME: user.username,
        UserColumn.FULL_NAME: user.full_name,
        UserColumn.ROLE: user.role.label,
        UserColumn.ACTIVE: "Yes" if user.active else "No (switched off)",
    }[column]


def role_box(current: Role = Role.VIEWER) -> QComboBox:
    """A list of roles to choose from."""
    box = QComboBox()
    for role in Role:
        box.addItem(role.label, role)
    box.setCurrentIndex(list(Role).index(current))
    return box


class UserDialog(QDialog):
    """Add a user, or change one's role and whether they can sign in."""

    def __init__(self, parent: QWidget, ctx: PageContext, user: auth.UserInfo | None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.setWindowTitle("Add a user" if user is None else f"Change {user.username}")
        layout = QVBoxLayout(self)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        add = self.errors.add_row
        self.username = add(form, "&User name", QLineEdit(), "username")
        self.full_name = add(form, "&Full name", QLineEdit(), "full_name")
        self.role = add(form, "&Role", role_box(user.role if user else Role.VIEWER), "role")
        self.active = add(form, "Can &sign in", QCheckBox("This person can sign in"), "active")
        self.active.setChecked(True)
        self.password = add(
            form,
            "&Temporary password (they choose their own at first sign-in)",
            password_field("Temporary password"),
            "password",
        )
        if user is not None:
            self.username.setText(user.username)
            self.full_name.setText(user.full_name)
            self.active.setChecked(user.active)
            for widget in (self.username, self.full_name, self.password):
                widget.setEnabled(False)
        layout.addLayout(form)
        add_buttons(self, layout, self._on_buttons_accepted, QDialogButtonBox.StandardButton.Save)

    def _on_buttons_accepted(self) -> None:
        actor, role = self.ctx.user.actor, self.role.currentData()
        if self.user is None:
            username, full_name, password = (
                self.username.text(),
                self.full_name.text(),
                self.password.text(),
            )
            active = self.active.isChecked()

            def op(session: Session) -> None:
                made = auth.add_user(
                    session,
                    actor,
                    username=username,
                    full_name=full_name,
                    role=role,
                    password=password,
                    must_change_password=True,
                )
                if not active:
                    auth.set_role(session, actor, made.id, role, False)
        else:
            user_id, active = self.user.id, self.active.isChecked()

            def op(session: Session) -> None:
                auth.set_role(session, actor, user_id, role, active)

        self.ctx.runner.run(
            self,
            op,
            on_success=lambda _: self.accept(),
            on_user_error=self.errors.show,
            changes=frozenset({Change.USERS}),
        )


class ResetPasswordDialog(QDialog):
    """Give a user who forgot their password a temporary one."""

    def __init__(self, parent: QWidget, ctx: PageContext, user: auth.UserInfo) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.setWindowTitle(f"Reset the password of {user.username}")
        layout = QVBoxLayout(self)
        self.errors = FieldErrors()
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        self.password = self.errors.add_row(
            form,
            "&Temporary password (tell them; they must change it when they sign in)",
            password_field("Temporary password"),
            "password",
        )
        layout.addLayout(form)
        add_buttons(self, layout, self._on_buttons_accepted)

    def _on_buttons_accepted(self) -> None:
        actor, user_id, password = self.ctx.user.actor, self.user.id, self.password.text()
        self.ctx.runner.run(
            self,
            lambda s: auth.reset_password(s, actor, user_id, password),
            on_success=lambda _: self.accept(),
            on_user_error=self.errors.show,
            changes=frozenset({Change.USERS}),
        )


class UsersTab(QWidget):
    """The list of accounts with buttons to add and change them."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.model: RowsModel[auth.UserInfo] = RowsModel(UserColumn, HEADINGS, _cell)
        self.table = named(QTableView(), "User accounts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.table, ctx.state, "users")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add = named(QPushButton("&Add user…"), "Add user")
        self.change = named(QPushButton("Change &role…"), "Change role")
        self.reset = named(QPushButton("Reset &password…"), "Reset password")
        for button in (self.add, self.change, self.reset):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add.clicked.connect(lambda: self._open(None))
        self.change.clicked.connect(lambda: self._open(self.selected()))
        self.reset.clicked.connect(self._on_reset_clicked)
        allowed = ctx.user.actor.can(Permission.MANAGE_USERS) and not ctx.read_only
        for button in (self.add, self.change, self.reset):
            button.setVisible(allowed)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        """Read the accounts again."""
        org_id = self.ctx.organisation.id
        self.ctx.runner.run(
            self, lambda s: auth.list_users(s, org_id), on_success=self.model.set_rows, write=False
        )

    def selected(self) -> auth.UserInfo | None:
        """The account selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open(self, user: auth.UserInfo | None) -> None:
        if user is None and self.sender() is self.change:
            return
        UserDialog(self, self.ctx, user).open()

    def _on_reset_clicked(self) -> None:
        user = self.selected()
        if user is not None:
            ResetPasswordDialog(self, self.ctx, user).open()

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if Change.USERS in changes:
            self.refresh()
