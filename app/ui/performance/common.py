"""What the Performance page's tabs share: the year chooser, and the buttons that print
a report or save it as a spreadsheet for the year shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.reports import registry
from app.services.common.report_options import ReportOptions
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.widgets import button, save_file


def current_start_year(today: date | None = None) -> int:
    """The financial year under way (April to March)."""
    today = today or date.today()
    return today.year if today.month >= 4 else today.year - 1


def year_box(name: str, row: QHBoxLayout, chosen: int | None = None) -> QComboBox:
    """A chooser of the financial year (this one and the three before), labelled."""
    box = named(QComboBox(), name)
    now = current_start_year()
    for year in range(now, now - 4, -1):
        box.addItem(f"{year}/{(year + 1) % 100:02d}", year)
    box.setCurrentIndex(max(0, box.findData(chosen if chosen is not None else now - 1)))
    label = QLabel("&Year:")
    label.setBuddy(box)
    row.addWidget(label)
    row.addWidget(box)
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
