"""The Administration area: tabs shown by role."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.accounts.roles import Permission
from app.ui.admin.audit_tab import AuditTab
from app.ui.admin.backups_tab import BackupsTab
from app.ui.admin.organisation_tab import OrganisationTab
from app.ui.admin.users_tab import UsersTab
from app.ui.context import PageContext
from app.ui.pages import heading


class AdminPage(QWidget):
    """Organisation, users, audit trail and backups."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Administration"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Administration sections")
        actor = ctx.user.actor
        self.organisation = OrganisationTab(ctx)
        self.tabs.addTab(self.organisation, "&Organisation")
        self.users = UsersTab(ctx)
        self.tabs.addTab(self.users, "&Users")
        self.audit: AuditTab | None = None
        if actor.can(Permission.VIEW_AUDIT):
            self.audit = AuditTab(ctx)
            self.tabs.addTab(self.audit, "Audit &trail")
        self.backups = BackupsTab(ctx)
        self.tabs.addTab(self.backups, "&Backups")
        layout.addWidget(self.tabs)
