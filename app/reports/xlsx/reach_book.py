"""The reach report as a workbook: counts under 5 written as the words "fewer than 5"
(never the figure), the share of registered families seen as formulas that leave a
share of a hidden count blank, and the activities' averages as formulas."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from app.reports.xlsx.cells import as_text, header
from app.services.common.reports import make_private
from app.services.performance.reach import ALL, FEWER, SMALLEST_SHOWN, shown
from app.services.performance.reach_report import ReachReport


def _cell(value: int | None) -> Any:
    if value is None:
        return None
    return value if value >= SMALLEST_SHOWN else shown(value)


def write(data: ReachReport, out: Path | BinaryIO) -> None:
    """Write the reach report as an .xlsx workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Reach"
    header(
        sheet,
        ["Figure", "Group", *(q.split()[-1] for q in data.quarters)],
        [36, 30, 14, 14, 14, 14],
    )
    where: dict[tuple[str, str], int] = {}
    for measure, group, counts in data.rows:
        sheet.append([measure, group, *(_cell(c) for c in counts)])
        as_text(sheet, sheet.max_row, (1, 2))
        where[(measure, group)] = sheet.max_row
    registered = where.get(("Families registered", ALL))
    for measure in ("Families seen at least once", "Families seen regularly"):
        seen = where.get((measure, ALL))
        if registered and seen:
            row = sheet.max_row + 1
            sheet.append([f"{measure}, as a share of families registered (%)", ALL])
            for column in "CDEF":
                sheet[f"{column}{row}"] = (
                    f'=IF(AND(ISNUMBER({column}{seen}),ISNUMBER({column}{registered})),'
                    f'ROUND({column}{seen}/{column}{registered}*100,1),"")'
                )  # fmt: skip
    activities = book.create_sheet("Activities")
    header(activities, ["Activity", "Quarter", "Sessions", "Attendance", "Average a session"],
           [36, 12, 12, 14, 18])  # fmt: skip
    for label, found in data.activities:
        for activity in found:
            if activity.sessions:
                row = activities.max_row + 1
                activities.append([activity.name, label.split()[-1], activity.sessions,
                                   _cell(activity.attendance),
                                   f'=IF(ISNUMBER(D{row}),IF(ROUND(D{row}/C{row},0)<{SMALLEST_SHOWN},'
                                   f'"{FEWER}",ROUND(D{row}/C{row},0)),"")'])  # fmt: skip
                as_text(activities, row, (1,))
    about = book.create_sheet("About")
    about.append([f"{data.letterhead.organisation}: {data.title}"])
    about["A1"].font = Font(bold=True, size=13)
    about.append(
        [
            f"Only counts are kept, never a child's record. A count under "
            f"{SMALLEST_SHOWN} is written as words, so that no family can be picked out."
        ]
    )
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
