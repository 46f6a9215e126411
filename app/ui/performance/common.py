"""What the Performance page's tabs share: the year chooser, and the buttons that print
a report or save it as a spreadsheet for the year shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.reports import registry
from app.services.common.report_options import ReportOptions
from app.services.organisation import OrganisationInfo
from app.services.organisation.financial_year import starting_in, under_way
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.widgets import button, save_file


def current_start_year(org: OrganisationInfo, today: date | None = None) -> int:
    """The calendar year in which the organisation's financial year under way started."""
    return under_way(org.fy_start_month, org.fy_start_day, today or date.today()).start.year


def year_box(name: str, row: QHBoxLayout, org: OrganisationInfo,
             chosen: int | None = None) -> QComboBox:  # fmt: skip
    """A chooser of the organisation's financial year (this one and the three before),
    labelled as the reports label it ('2025/26', or '2025' for a calendar year)."""
    box = chooser("&Year:", name, row)
    now = current_start_year(org)
    for year in range(now, now - 4, -1):
        box.addItem(starting_in(year, org.fy_start_month, org.fy_start_day).label, year)
    box.setCurrentIndex(max(0, box.findData(chosen if chosen is not None else now - 1)))
    return box


def chooser(text: str, name: str, row: QHBoxLayout, stretch: int = 0) -> QComboBox:
    """A drop-down list named ``name``, after its label ``text`` (with its shortcut)."""
    box = named(QComboBox(), name)
    label = QLabel(text)
    label.setBuddy(box)
    row.addWidget(label)
    row.addWidget(box, stretch)
    return box


def report_buttons(owner: QWidget, ctx: PageContext, report: str, year: QComboBox,
                   row: QHBoxLayout, say: Any, spreadsheet: bool = True) -> None:  # fmt: skip
    """'Print (PDF)…' and, where the report has one, 'Save as spreadsheet…'."""
    spec = registry.find(report)

    def save(as_sheet: bool) -> None:
        build = registry.builder(spec, spreadsheet=as_sheet)
        options = ReportOptions(year=int(year.currentData()))
        actor = ctx.user.actor
        save_file(owner, ctx, f"Save the {spec.title.lower()}",
                  f"{report}-{year.currentData()}.{'xlsx' if as_sheet else 'pdf'}",
                  lambda s: build(s, actor, datetime.now(), options), say,
                  spreadsheet=as_sheet)  # fmt: skip

    button("Print (P&DF)…", f"Print the {spec.title.lower()}", lambda: save(False), row)
    if spreadsheet:
        button("Save as spread&sheet…", f"Save the {spec.title.lower()} as a spreadsheet",
               lambda: save(True), row)  # fmt: skip


def open_dialog(owner: Any, dialog: Any, done: str, say: Any, refresh: Any) -> None:
    """Open ``dialog`` (kept on ``owner`` while open); when it is accepted, read the tab
    again and say ``done``."""
    owner.dialog = dialog

    def finished() -> None:
        refresh()
        say(f"✔ {done}")

    dialog.accepted.connect(finished)
    dialog.open()
