"""The choices a report takes, shown above the buttons for the report picked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app import paths
from app.errors import Issue, UserError
from app.reports.registry import ReportName
from app.services.common.report_options import MemberFilter, ReportOptions
from app.services.membership.documents import FIELDS as LETTER_FIELDS
from app.services.membership.label_sheets import SHEETS
from app.services.membership.member_status import STATUSES, MemberStatus
from app.services.membership.reports import DEFAULT_COLUMNS
from app.services.membership.reports import FIELDS as LIST_FIELDS
from app.ui.forms import named

FILTERED = {ReportName.MEMBER_LIST, ReportName.LABELS, ReportName.LETTERS}


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return box


class ReportOptionsPanel(QWidget):
    """Only the choices that make sense for the report picked are shown."""

    def set_categories(self, names: list[str]) -> None:
        """The organisation's categories, for the category filter."""
        chosen = self.category.currentData()
        self.category.clear()
        self.category.addItem("All categories", None)
        for name in names:
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))

    def __init__(self, categories: list[str]) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form = form
        self.category = named(QComboBox(), "Which category")
        self.category.addItem("All categories", None)
        for name in categories:
            self.category.addItem(name, name)
        self.status = named(QComboBox(), "Which members")
        self.status.addItem("Current members", MemberStatus.CURRENT.value)
        self.status.addItem("Everyone (current, former, applicants)", None)
        for status in STATUSES:
            if status != MemberStatus.CURRENT:
                self.status.addItem(f"{status.value.capitalize()} members only", status.value)
        self.eligible = named(QCheckBox("Only those eligible to vote on"), "Only eligible voters")
        self.eligible_on = named(QDateEdit(QDate.currentDate()), "Date for eligibility to vote")
        self.eligible_on.setDisplayFormat("dd/MM/yyyy")
        self.eligible_on.setEnabled(False)
        self.eligible.toggled.connect(self.eligible_on.setEnabled)
        self.landscape = named(QCheckBox("Landscape (across the page)"), "Landscape")
        self.large_print = named(QCheckBox("Large print"), "Large print")
        self.columns = named(QListWidget(), "Columns of the member list")
        for key, field in LIST_FIELDS.items():
            item = QListWidgetItem(field.column.heading)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if key in DEFAULT_COLUMNS else Qt.CheckState.Unchecked
            )
            self.columns.addItem(item)
        self.columns.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.year = named(QSpinBox(), "Financial year starting in")
        self.year.setRange(1990, 2100)
        self.year.setValue(date.today().year - 1)
        self.sheet = named(QComboBox(), "Label sheet")
        for code in SHEETS:
            self.sheet.addItem(code, code)
        self.start = named(QSpinBox(), "Start at label")
        self.start.setRange(1, 21)
        self.sheet.currentIndexChanged.connect(self._on_sheet_changed)
        self.test_sheet = named(
            QCheckBox("Print a test sheet (outlines and numbers)"), "Test sheet"
        )
        self.template = named(QPlainTextEdit(), "Letter template")
        self.template.setTabChangesFocus(True)
        self.template.setPlainText(self._default_template())
        self.load_template = named(QPushButton("Load template from a file…"), "Load template")
        self.load_template.clicked.connect(self._on_load_template)
        self.fields_help = QLabel("Fields: " + ", ".join(f"{{{name}}}" for name in LETTER_FIELDS))
        self.fields_help.setWordWrap(True)
        self.member = named(QLineEdit(), "Membership number for the certificate")
        self.election = named(QSpinBox(), "Election number")
        self.election.setRange(1, 1_000_000)
        self.ballot = named(QSpinBox(), "Project ballot number")
        self.ballot.setRange(1, 1_000_000)
        self.copies = named(QSpinBox(), "How many copies (0: one for each elector)")
        self.copies.setRange(0, 100_000)
        self.rows: dict[str, tuple[str, QWidget]] = {
            "category": ("Category", self.category),
            "status": ("Members", self.status),
            "eligible": ("Eligibility", _row(self.eligible, self.eligible_on)),
            "layout": ("Layout", _row(self.landscape, self.large_print)),
            "columns": ("Columns (tick to include)", self.columns),
            "year": ("Financial year starting in", self.year),
            "sheet": ("Label sheet", _row(self.sheet, QLabel("start at label"), self.start)),
            "test": ("Test", self.test_sheet),
            "template": ("Letter", self.template),
            "template_tools": ("", _row(self.load_template)),
            "fields": ("", self.fields_help),
            "member": ("Membership number", self.member),
            "election": ("Election number (Board && Elections lists them)", self.election),
            "ballot": ("Project ballot number (Performance, Ballots lists them)", self.ballot),
            "copies": ("Copies (0 for one each on the roll)", self.copies),
        }
        self._labels: dict[str, QLabel] = {}
        self._wanted: set[str] = set()
        for key, (text, widget) in self.rows.items():
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, widget)
        self.show_for(ReportName.USERS)

    @staticmethod
    def _default_template() -> str:
        path = paths.resources_dir() / "templates" / "agm-notice.txt"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def _on_sheet_changed(self) -> None:
        layout = SHEETS[self.sheet.currentData()]
        self.start.setMaximum(layout.per_sheet)

    def _on_load_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Letter template", "", "Text (*.txt)")
        if path:
            self.template.setPlainText(Path(path).read_text(encoding="utf-8-sig"))

    def show_for(self, name: ReportName) -> None:
        """Show the rows ``name`` uses and hide the rest."""
        wanted: set[str] = set()
        if name in FILTERED:
            wanted |= {"category", "status", "eligible"}
        if name is ReportName.MEMBER_LIST:
            wanted |= {"layout", "columns"}
        if name is ReportName.YEAR_END:
            wanted.add("year")
        if name is ReportName.LABELS:
            wanted |= {"sheet", "test"}
        if name is ReportName.LETTERS:
            wanted |= {"template", "template_tools", "fields"}
        if name is ReportName.CERTIFICATE:
            wanted.add("member")
        if name in (ReportName.BALLOT_PAPERS, ReportName.NOMINATION_FORMS):
            wanted |= {"election", "copies"}
        if name is ReportName.PROJECT_BALLOT_PAPERS:
            wanted |= {"ballot", "copies"}
        if name in (ReportName.RESULT, ReportName.ELECTION_RESULT, ReportName.VOTER_ROLL):
            wanted.add("election")
        self._wanted = wanted
        for key, (_text, widget) in self.rows.items():
            widget.setVisible(key in wanted)
            self._labels[key].setVisible(key in wanted)
        self.setVisible(bool(wanted))

    def options(self) -> ReportOptions:
        """The choices made, or a UserError saying what to put right."""
        eligible_on = None
        if self.eligible.isChecked():
            chosen = self.eligible_on.date().toPython()
            assert isinstance(chosen, date)
            eligible_on = chosen
        member = None
        if "member" in self._wanted:
            text = self.member.text().strip()
            if not (text.isascii() and text.isdigit()) or len(text) > 9:
                raise UserError.from_issues(
                    [Issue("member", "Enter the membership number for the certificate.")]
                )
            member = int(text)
        columns = tuple(
            self.columns.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.columns.count())
            if self.columns.item(i).checkState() == Qt.CheckState.Checked
        )
        return ReportOptions(
            members=MemberFilter(
                self.category.currentData(), self.status.currentData(), eligible_on
            ),
            columns=columns,
            landscape=self.landscape.isChecked(),
            large_print=self.large_print.isChecked(),
            year=self.year.value(),
            member_number=member,
            template=self.template.toPlainText(),
            label=self.sheet.currentData(),
            start=self.start.value(),
            test_sheet=self.test_sheet.isChecked(),
            election_id=self.election.value() if "election" in self._wanted else None,
            ballot_id=self.ballot.value() if "ballot" in self._wanted else None,
            copies=self.copies.value() or None,
        )
