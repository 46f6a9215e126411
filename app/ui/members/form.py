"""Add or change a member: one dialog, four tabs, errors beside each field."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ChangedMeanwhile, Issue, UserError
from app.services.common.dates import parse_date, uk
from app.services.membership import categories, members
from app.services.membership.eligibility import Eligibility, eligible
from app.services.membership.members import CONSENT_KINDS, MemberRecord, SaveResult
from app.services.membership.records import Consent, MemberDetails
from app.services.upkeep.work import Session
from app.ui.context import PageContext
from app.ui.forms import FieldErrors, add_buttons, named
from app.ui.ops import Change

TITLES = ("", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")

Loaded = tuple[list[categories.CategoryInfo], MemberRecord | None, list[str], Eligibility | None]


def _form(tab: QTabWidget, title: str) -> QFormLayout:
    page = QWidget()
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    tab.addTab(page, title)
    return form


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class MemberDialog(QDialog):
    """The member form; ``member_id`` None adds a new member."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, member_id: int | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.saved: SaveResult | None = None
        self._record: MemberRecord | None = None
        self.setWindowTitle("Add a member" if member_id is None else "Change a member")
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        self.tabs = named(QTabWidget(), "Parts of the member's record")
        layout.addWidget(self.tabs)
        self._person()
        self._contact()
        self._membership()
        self._consents()
        self.buttons = add_buttons(
            self, layout, self._on_save, QDialogButtonBox.StandardButton.Save
        )
        self.given.setFocus()
        self.resize(560, 520)
        self._load()

    # -- tabs ------------------------------------------------------------------------------
    def _person(self) -> None:
        form, add = _form(self.tabs, "&1 Person"), self.errors.add_row
        self.number = add(form, "Membership &number", QLineEdit(), "membership_number")
        self.number.setPlaceholderText("Given automatically")
        self.title = add(form, "&Title", QComboBox(), "title")
        self.title.setEditable(True)
        self.title.addItems(list(TITLES))
        self.given = add(form, "&First name", QLineEdit(), "given_name")
        self.family = add(form, "&Last name", QLineEdit(), "family_name")
        self.preferred = add(form, "&Preferred name (if different)", QLineEdit(), "preferred_name")
        self.born = add(form, "&Date of birth (optional)", QLineEdit(), "date_of_birth")
        self.born.setPlaceholderText("dd/mm/yyyy")
        self.representative = add(form, "&Representative", QLineEdit(), "representative")
        self.representative.setPlaceholderText("Who speaks and votes for the organisation")
        self.person_form = form
        self._organisation_rows(False)

    def _organisation_rows(self, organisation: bool) -> None:
        """A member organisation has a name and a representative, not a person's names."""
        form = self.person_form

        def row(widget: QWidget) -> QWidget:
            return widget.parentWidget() or widget  # the field with its error beneath it

        for widget in (self.title, self.given, self.preferred, self.born):
            form.setRowVisible(row(widget), not organisation)
        form.setRowVisible(row(self.representative), organisation)
        label = form.labelForField(row(self.family))
        if isinstance(label, QLabel):
            label.setText("&Name of the organisation" if organisation else "&Last name")
        self.family.setAccessibleName("Name of the organisation" if organisation else "Last name")
        if organisation:
            self.family.setFocus()

    def _contact(self) -> None:
        form, add = _form(self.tabs, "&2 Contact"), self.errors.add_row
        self.address = add(form, "&Address", _text_box(4), "address")
        self.postcode = add(form, "Post&code", QLineEdit(), "postcode")
        self.email = add(form, "&Email", QLineEdit(), "email")
        self.email_purpose = add(form, "Email given &for", QLineEdit(), "email_purpose")
        self.email_purpose.setPlaceholderText("e.g. meeting notices and newsletters")
        self.phone = add(form, "P&hone", QLineEdit(), "phone")
        self.mobile = add(form, "&Mobile", QLineEdit(), "mobile")

    def _membership(self) -> None:
        form, add = _form(self.tabs, "&3 Membership"), self.errors.add_row
        self.category = add(form, "&Category", QComboBox(), "category_id")
        self.household = add(form, "Property or &household reference", QLineEdit(), "household_ref")
        self.applied = add(form, "Date of a&pplication", QLineEdit(), "applied_on")
        self.applied.setPlaceholderText("dd/mm/yyyy")
        self.joined = add(form, "Date &admitted (blank for an applicant)", QLineEdit(), "joined_on")
        self.joined.setPlaceholderText("dd/mm/yyyy")
        self.admitted_by = add(form, "Admitted &by (board decision)", QLineEdit(), "admitted_by")
        self.other_property = add(
            form, "&Other property held (e.g. loans)", QLineEdit(), "other_property"
        )
        self.notes = add(form, "&Notes", _text_box(3), "notes")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Periods of membership")
        form.addRow("Periods of membership", self.history)
        self.resolutions = QLabel()
        self.resolutions.setWordWrap(True)
        self.resolutions.setAccessibleName("Resolutions about this member")
        form.addRow("Resolutions", self.resolutions)
        self.voting = QLabel()
        self.voting.setWordWrap(True)
        self.voting.setAccessibleName("Whether the member may vote today")
        form.addRow("Voting today", self.voting)

    def _consents(self) -> None:
        form, add = _form(self.tabs, "&4 Consents and access"), self.errors.add_row
        self.consent_boxes: dict[str, QCheckBox] = {}
        for kind, label in CONSENT_KINDS.items():
            box = named(QCheckBox(f"Agrees to: {label.lower()}"), f"Consent: {label}")
            self.consent_boxes[kind] = box
            form.addRow(box)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.consent_date = named(QLineEdit(uk(date.today())), "Consents recorded on")
        self.consent_source = named(QLineEdit("membership form"), "How the consents were given")
        line.addWidget(self.consent_date)
        line.addWidget(self.consent_source, 2)
        add(form, "Consents recorded on, and how", row, "consents")
        self.large_print = named(QCheckBox("Needs &large print"), "Needs large print")
        form.addRow(self.large_print)
        self.interpreter = add(form, "&Interpreter language", QLineEdit(), "interpreter_language")

    # -- load and save ---------------------------------------------------------------------
    def reload(self) -> None:
        """Read the record again as saved (after someone else changed it)."""
        self.category.clear()
        self._load()

    def _load(self) -> None:
        org_id, member_id = self.ctx.organisation.id, self.member_id

        def load(session: Session) -> Loaded:
            from app.services.meetings import member_resolutions

            found = categories.list_categories(session, org_id)
            record = None if member_id is None else members.get_member(session, org_id, member_id)
            said = [] if member_id is None else member_resolutions(session, member_id)
            verdict = None if member_id is None else eligible(session, member_id, date.today())
            return found, record, said, verdict

        self.ctx.runner.run(self, load, on_success=self._fill, write=False)

    def _fill(self, loaded: Loaded) -> None:
        found, record, said, verdict = loaded
        if verdict is None:
            self.voting.setText("Once saved, whether they may vote is shown here.")
        elif verdict.eligible:
            self.voting.setText("✔ May vote today.")
        else:
            self.voting.setText(
                f"✖ May not vote today: {verdict.reason.removesuffix(' on that date')}."
            )
        for category in found:
            self.category.addItem(category.name, category.id)
            if category.is_default and record is None:
                self.category.setCurrentIndex(self.category.count() - 1)
        self._record = record
        self.resolutions.setText("\n".join(said) or "None")
        if record is None:
            self.joined.setText(uk(date.today()))
            self.history.setText("A new period starts on the date admitted.")
            return
        self._organisation_rows(record.represents_id is not None)
        self.number.setText(str(record.membership_number))
        self.title.setCurrentText(record.title)
        for box, value in (
            (self.given, record.given_name),
            (self.family, record.family_name),
            (self.preferred, record.preferred_name),
            (self.born, uk(record.date_of_birth)),
            (self.postcode, record.postcode),
            (self.email, record.email),
            (self.email_purpose, record.email_purpose),
            (self.phone, record.phone),
            (self.mobile, record.mobile),
            (self.household, record.household_ref),
            (self.applied, uk(record.applied_on)),
            (self.joined, uk(record.joined_on)),
            (self.admitted_by, record.admitted_by),
            (self.other_property, record.other_property),
            (self.interpreter, record.interpreter_language),
            (self.representative, record.representative),
        ):
            box.setText(value)
        self.address.setPlainText(record.address)
        self.notes.setPlainText(record.notes)
        self.category.setCurrentIndex(max(0, self.category.findData(record.category_id)))
        self.large_print.setChecked(record.large_print)
        for kind, check in self.consent_boxes.items():
            consent = record.consents.get(kind)
            check.setChecked(bool(consent and consent.given))
        given = next(iter(record.consents.values()), None)
        if given is not None:
            self.consent_date.setText(uk(given.recorded_on))
            self.consent_source.setText(given.source)
        self.history.setText(
            "\n".join(
                f"{uk(start)} to {uk(end) or 'now'}"
                + (f" ({members.LEAVING_REASONS.get(why, why)})" if why else "")
                for start, end, why in record.periods
            )
            or "Not admitted yet (an applicant)."
        )

    def details(self) -> MemberDetails:
        """What the form says, or UserError with every problem found (as the service sees it)."""
        issues: list[Issue] = []

        def day(box: QLineEdit, field: str, label: str) -> date | None:
            value, issue = parse_date(field, box.text(), label)
            if issue:
                issues.append(issue)
            return value

        number = None
        if self.number.text().strip():
            if self.number.text().strip().isascii() and self.number.text().strip().isdigit():
                number = int(self.number.text())
            else:
                issues.append(Issue("membership_number", "The membership number must be a number."))
        born = day(self.born, "date_of_birth", "Date of birth")
        applied = day(self.applied, "applied_on", "Date of application")
        joined = day(self.joined, "joined_on", "Date admitted")
        recorded = day(self.consent_date, "consents", "Consent date") or date.today()
        old = self._record.consents if self._record is not None else {}
        consents = {}
        for kind, box in self.consent_boxes.items():
            before = old.get(kind)
            if before is not None and before.given == box.isChecked():
                consents[kind] = before
            elif box.isChecked() or before is not None:
                consents[kind] = Consent(box.isChecked(), recorded, self.consent_source.text())
        if self.category.currentData() is None:
            issues.append(Issue("category_id", "Choose the member's category."))
        details = MemberDetails(
            membership_number=number,
            title=self.title.currentText(),
            given_name=self.given.text(),
            family_name=self.family.text(),
            preferred_name=self.preferred.text(),
            date_of_birth=born,
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            email=self.email.text(),
            email_purpose=self.email_purpose.text(),
            phone=self.phone.text(),
            mobile=self.mobile.text(),
            category_id=int(self.category.currentData() or 0),
            household_ref=self.household.text(),
            applied_on=applied,
            joined_on=joined,
            admitted_by=self.admitted_by.text(),
            large_print=self.large_print.isChecked(),
            interpreter_language=self.interpreter.text(),
            other_property=self.other_property.text(),
            notes=self.notes.toPlainText(),
            consents=consents,
            represents_id=self._record.represents_id if self._record is not None else None,
            representative=self.representative.text() if self._record is not None else "",
        )
        typed = {issue.field for issue in issues}
        issues += [
            issue
            for issue in members.validate(members.cleaned(details))
            if issue.field not in typed
        ]
        if issues:
            raise UserError.from_issues(issues)
        return details

    def _on_save(self) -> None:
        try:
            details = self.details()
        except UserError as error:
            self._show_errors(error)
            return
        member_id = self.member_id
        version = self._record.version if self._record is not None else None

        def save(session: Session) -> SaveResult:
            if member_id is None:
                return members.add_member(session, self.ctx.user.actor, details)
            return members.update_member(
                session, self.ctx.user.actor, member_id, details, expected_version=version
            )

        self.ctx.runner.run(
            self,
            save,
            on_success=self._on_saved,
            on_user_error=self._show_errors,
            changes=frozenset({Change.MEMBERS}),
        )

    def _show_errors(self, error: UserError) -> None:
        if isinstance(error, ChangedMeanwhile):
            self.errors.show(error)
            answer = QMessageBox.question(
                self,
                "Changed by someone else",
                f"{error.message}\n\nReload the record now? (What you typed here is replaced "
                "by what is saved; No keeps it on screen to copy from.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.reload()
            return
        widget = self.errors.first_widget(error)
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if widget is not None and page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)  # the first problem's tab, so it can be seen
        self.errors.show(error)

    def _on_saved(self, result: SaveResult) -> None:
        self.saved = result
        if result.warnings:
            QMessageBox.information(
                self,
                "Saved: please check",
                f"Member {result.membership_number} is saved. Please check:\n\n"
                + "\n".join(f"• {w}" for w in result.warnings),
            )
        self.accept()
