"""The organisation's details as a form, shared by the set-up wizard and Administration."""

from __future__ import annotations

import calendar
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.errors import Issue, UserError
from app.services.common.dates import parse_date, uk
from app.services.common.money import parse_money, to_decimal
from app.services.organisation import KINDS, LEGAL_FORMS, OrganisationDetails
from app.ui.forms import FieldErrors, named
from app.ui.widgets import date_box


class OrganisationForm(QWidget):
    """Name, kind, legal form, registration, address, year start, share value, logo."""

    def __init__(self, *, with_settings: bool = False) -> None:
        super().__init__()
        self.errors = FieldErrors()
        self._logo: bytes | None = None
        form = QFormLayout(self)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows
        )  # labels above: room for large text
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.errors.general)
        add = self.errors.add_row
        self.name = add(form, "Organisation's &name", QLineEdit(), "name")
        self.kind = add(form, "&Kind of organisation", QComboBox(), "kind")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.legal_form = add(form, "&Legal form", QComboBox(), "legal_form")
        self.legal_form.addItems(list(LEGAL_FORMS))
        self.registration = add(
            form, "&Registration number (if any)", QLineEdit(), "registration_number"
        )
        self.address = add(form, "&Address", QPlainTextEdit(), "address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 4 + 12)
        self.postcode = add(form, "&Postcode", QLineEdit(), "postcode")
        year = QWidget()
        row = QHBoxLayout(year)
        row.setContentsMargins(0, 0, 0, 0)
        self.fy_day = named(QSpinBox(), "Financial year starts: day")
        self.fy_day.setRange(1, 31)
        self.fy_month = named(QComboBox(), "Financial year starts: month")
        self.fy_month.addItems(list(calendar.month_name)[1:])
        row.addWidget(self.fy_day)
        row.addWidget(self.fy_month)
        row.addStretch(1)
        add(form, "&Financial year starts on", year, "fy_start")
        self.share_value = add(form, "&Value of one share (£)", QLineEdit(), "share_value")
        logo_row = QWidget()
        logo_box = QHBoxLayout(logo_row)
        logo_box.setContentsMargins(0, 0, 0, 0)
        self.logo_label = QLabel("No logo")
        self.logo_label.setAccessibleName("Logo")
        choose = named(QPushButton("Choose &logo…"), "Choose logo")
        choose.clicked.connect(self._on_choose_clicked)
        self.remove_logo = named(QPushButton("Remove logo"), "Remove logo")
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        logo_box.addWidget(self.logo_label)
        logo_box.addWidget(choose)
        logo_box.addWidget(self.remove_logo)
        logo_box.addStretch(1)
        add(form, "Logo (PNG or JPEG)", logo_row, "logo")
        self.idle_lock: QSpinBox | None = None
        if with_settings:
            self.idle_lock = add(
                form,
                "Lock MutualDesk after this many &idle minutes (0 = never)",
                QSpinBox(),
                "idle_lock",
            )
            self.idle_lock.setRange(0, 240)
        self.voting_age: QSpinBox | None = None
        self.paid_share: QCheckBox | None = None
        self.cancel_repays: QCheckBox | None = None
        self.retention: QSpinBox | None = None
        self.founded: QLineEdit | None = None
        if with_settings:
            self.voting_age = add(
                form, "Members may &vote from the age of", QSpinBox(), "minimum_voting_age"
            )
            self.voting_age.setRange(0, 120)
            self.paid_share = named(
                QCheckBox("A member needs a &paid-up share to vote"), "Voting needs a paid share"
            )
            form.addRow(self.paid_share)
            self.cancel_repays = named(
                QCheckBox("A &cancelled share is repaid to the member (otherwise it is forfeited)"),
                "Cancelled shares are repaid",
            )
            form.addRow(self.cancel_repays)
            self.retention = add(
                form,
                "Keep former members' contact details for this many &years",
                QSpinBox(),
                "retention_years",
            )
            self.retention.setRange(1, 100)
            self.founded = add(
                form,
                "Date the organisation was &founded (optional)",
                date_box("Date the organisation was founded"),
                "founded_on",
            )
        self.set_details(OrganisationDetails(name=""))

    def set_logo(self, data: bytes | None, name: str = "") -> None:
        """Use ``data`` as the logo (None removes it)."""
        self._logo = data
        self.logo_label.setText(
            "No logo" if data is None else f"{name or 'Logo'} ({len(data) // 1024 + 1} KB)"
        )
        self.remove_logo.setEnabled(data is not None)

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a logo", "", "Pictures (*.png *.jpg *.jpeg)"
        )
        if path:
            self.set_logo(Path(path).read_bytes(), Path(path).name)

    def set_details(self, details: OrganisationDetails) -> None:
        """Fill the form."""
        self.name.setText(details.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(details.kind)))
        index = self.legal_form.findText(details.legal_form)
        self.legal_form.setCurrentIndex(max(0, index))
        self.registration.setText(details.registration_number)
        self.address.setPlainText(details.address)
        self.postcode.setText(details.postcode)
        self.fy_day.setValue(details.fy_start_day)
        self.fy_month.setCurrentIndex(details.fy_start_month - 1)
        self.share_value.setText(str(to_decimal(details.share_value_pence)))
        self.set_logo(details.logo_png)
        if self.idle_lock is not None:
            self.idle_lock.setValue(details.idle_lock_minutes)
        if self.voting_age is not None and self.paid_share and self.retention:
            self.voting_age.setValue(details.minimum_voting_age)
            self.paid_share.setChecked(details.voting_needs_paid_share)
            if self.cancel_repays is not None:
                self.cancel_repays.setChecked(details.cancelled_shares_repaid)
            self.retention.setValue(details.retention_years)
        if self.founded is not None:
            self.founded.setText(uk(details.founded_on))

    def details(self) -> OrganisationDetails:
        """What the form says; a UserError (shown beside the fields) if it cannot be read."""
        pence, issue = parse_money("share_value", self.share_value.text())
        if issue is not None:
            error = UserError.from_issues([Issue(issue.field, issue.message)])
            self.errors.show(error)
            raise error
        base = OrganisationDetails(
            name=self.name.text(),
            kind=str(self.kind.currentData()),
            legal_form=self.legal_form.currentText(),
            registration_number=self.registration.text(),
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            fy_start_day=self.fy_day.value(),
            fy_start_month=self.fy_month.currentIndex() + 1,
            share_value_pence=pence if pence is not None else 0,
            logo_png=self._logo,
        )
        if self.idle_lock is not None:
            base = replace(base, idle_lock_minutes=self.idle_lock.value())
        if self.voting_age is not None and self.paid_share and self.retention:
            base = replace(
                base,
                minimum_voting_age=self.voting_age.value(),
                voting_needs_paid_share=self.paid_share.isChecked(),
                cancelled_shares_repaid=bool(self.cancel_repays and self.cancel_repays.isChecked()),
                retention_years=self.retention.value(),
            )
        if self.founded is not None:
            founded, problem = parse_date("founded_on", self.founded.text(), "Founding date")
            if problem is not None:
                error = UserError.from_issues([problem])
                self.errors.show(error)
                raise error
            base = replace(base, founded_on=founded)
        return base
