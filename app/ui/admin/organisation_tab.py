"""Administration › Organisation: change the details and settings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.errors import UserError
from app.services import organisation
from app.services.accounts.roles import Permission
from app.services.upkeep.work import Session
from app.ui.admin.organisation_form import OrganisationForm
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change


class OrganisationTab(QWidget):
    """The organisation's details; saved in one unit of work, audited."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.form = OrganisationForm(with_settings=True)
        self.form.set_details(ctx.organisation)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout.addWidget(scroll)
        self.saved = QLabel("")
        self.saved.setAccessibleName("Save result")
        layout.addWidget(self.saved)
        buttons = QDialogButtonBox()
        self.save = named(
            buttons.addButton("&Save changes", QDialogButtonBox.ButtonRole.AcceptRole),
            "Save changes",
        )
        buttons.accepted.connect(self._on_save_clicked)
        layout.addWidget(buttons)
        editable = ctx.user.actor.can(Permission.MANAGE_ORGANISATION) and not ctx.read_only
        self.form.setEnabled(editable)
        self.save.setVisible(editable)

    def _on_save_clicked(self) -> None:
        self.saved.clear()
        self.form.errors.clear()
        try:
            details = self.form.details()
        except UserError:
            return
        actor, org_id = self.ctx.user.actor, self.ctx.organisation.id

        def save(session: Session) -> organisation.OrganisationInfo:
            organisation.update(session, actor, org_id, details)
            return organisation.get(session, org_id)

        self.ctx.runner.run(
            self,
            save,
            on_success=self._on_saved,
            on_user_error=self.form.errors.show,
            changes=frozenset({Change.ORGANISATION}),
        )

    def _on_saved(self, info: organisation.OrganisationInfo) -> None:
        self.ctx.organisation = info
        self.form.set_details(info)
        self.saved.setText("✔ Saved.")
