"""First run: set up the organisation and its administrator, or explore a demo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import APP_NAME
from app.errors import Issue, UserError
from app.services import organisation
from app.services.accounts import auth
from app.ui.admin.organisation_form import OrganisationForm
from app.ui.forms import FieldErrors, named
from app.ui.login import password_field
from app.ui.ops import OpRunner

WELCOME, ORGANISATION, ADMINISTRATOR = range(3)
ORG_FIELDS = {
    "name",
    "kind",
    "legal_form",
    "registration_number",
    "address",
    "postcode",
    "fy_start",
    "share_value",
    "logo",
}


class WelcomePage(QWizardPage):
    """Choose: my own organisation, or a demo."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(f"Welcome to {APP_NAME}")
        layout = QVBoxLayout(self)
        text = QLabel(
            f"{APP_NAME} keeps your register of members, board, elections, meetings and "
            "accounts on this computer. Nothing is sent anywhere.\n\nWhat would you like to do?"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.own = named(QRadioButton("&Set up my organisation"), "Set up my organisation")
        self.demo = named(
            QRadioButton(
                "&Explore a demo organisation (made-up people; it is kept apart from your own file)"
            ),
            "Explore a demo organisation",
        )
        self.own.setChecked(True)
        layout.addWidget(self.own)
        layout.addWidget(self.demo)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if self.demo.isChecked() and isinstance(wizard, FirstRunWizard):
            if not wizard.leaving:
                wizard.open_demo()
            return wizard.leaving
        return True


class OrganisationPage(QWizardPage):
    """The organisation's details."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your organisation")
        self.setSubTitle("You can change any of this later in Administration.")
        layout = QVBoxLayout(self)
        self.form = OrganisationForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout.addWidget(scroll)

    def validatePage(self) -> bool:
        self.form.errors.clear()
        try:
            details = self.form.details()
        except UserError:
            return False
        issues = organisation.validate(details)
        if issues:
            self.form.errors.show(UserError.from_issues(issues))
            return False
        return True


class AdministratorPage(QWizardPage):
    """The first administrator's account."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your administrator account")
        self.setSubTitle(
            "You will sign in with this. You can add other people's accounts "
            "later, each with their own role."
        )
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        form = QFormLayout()
        self.username = self.errors.add_row(form, "&User name (no spaces)", QLineEdit(), "username")
        self.full_name = self.errors.add_row(form, "&Your full name", QLineEdit(), "full_name")
        self.password = self.errors.add_row(
            form, "&Password (8 characters or more)", password_field("Password"), "password"
        )
        self.confirm = self.errors.add_row(
            form, "Password &again", password_field("Password again"), "confirm"
        )
        layout.addLayout(form)

    def validatePage(self) -> bool:
        issues = [
            i
            for i in (
                auth.username_issue("username", self.username.text()),
                auth.password_issue("password", self.password.text(), self.username.text()),
            )
            if i is not None
        ]
        if not self.full_name.text().strip():
            issues.append(Issue("full_name", "Enter your full name."))
        if self.password.text() != self.confirm.text():
            issues.append(Issue("confirm", "The two passwords are not the same."))
        if issues:
            self.errors.show(UserError.from_issues(issues))
            return False
        self.errors.clear()
        return True


class FirstRunWizard(QWizard):
    """Shown when the database has no organisation yet."""

    set_up = Signal(object)  # auth.UserInfo: the administrator, signed in
    demo_requested = Signal()

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.leaving = False
        self.setWindowTitle(f"Set up {APP_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.welcome = WelcomePage()
        self.organisation = OrganisationPage()
        self.administrator = AdministratorPage()
        self.setPage(WELCOME, self.welcome)
        self.setPage(ORGANISATION, self.organisation)
        self.setPage(ADMINISTRATOR, self.administrator)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.welcome.demo.toggled.connect(self._on_demo_toggled)
        self.resize(640, 620)

    def _on_demo_toggled(self, demo: bool) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, "&Open the demo" if demo else "&Next >")

    def open_demo(self) -> None:
        """Leave the wizard for the demo organisation."""
        self.leaving = True
        self.hide()
        self.demo_requested.emit()
        self.done(QDialog.DialogCode.Accepted)  # not accept(): that would validate again

    def accept(self) -> None:
        """Finish: create everything in one unit of work, or show what is wrong."""
        details = self.organisation.form.details()
        admin = self.administrator
        username, full_name, password = (
            admin.username.text(),
            admin.full_name.text(),
            admin.password.text(),
        )
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.runner.run(
            self,
            lambda s: organisation.first_run(
                s, details, username=username, full_name=full_name, password=password
            ),
            on_success=self._on_created,
            on_user_error=self._on_refused,
        )

    def _on_created(self, user: auth.UserInfo) -> None:
        self.set_up.emit(user)
        super().accept()

    def _on_refused(self, error: UserError) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if any(issue.field in ORG_FIELDS for issue in error.issues):
            while self.currentId() != ORGANISATION:
                self.back()
            self.organisation.form.errors.show(error)
        else:
            self.administrator.errors.show(error)
