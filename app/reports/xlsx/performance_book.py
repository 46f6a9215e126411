"""The performance report as a workbook: a row for each indicator's quarter and year with
the two figures recorded; the figure, the year's figures (the quarters added up) and the
result in words are formulas, so a spreadsheet works them out as the report does
(rounded to one place, halves up, before the target is compared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.reports.xlsx.cells import BOLD, as_text, header, pounds
from app.services.common.reports import make_private
from app.services.performance.library import AVERAGE, COUNT, LATEST, PER_THOUSAND, PERCENT, RATE
from app.services.performance.results import IndicatorResult, Performance, PeriodResult

HEADINGS = ["Code", "Indicator", "Period", "First figure", "Divided by", "Figure", "Unit",
            "Target", "Higher is better", "Close within", "Result", "Note", "First figure is",
            "Divided by is"]  # fmt: skip
WIDTHS = [9, 48, 12, 14, 14, 10, 16, 10, 10, 10, 11, 50, 40, 40]
MONEY = '"£"#,##0.00'


def _figure(method: str, row: int) -> str:
    ratio = f"D{row}/E{row}"
    worked = {PERCENT: f"{ratio}*100", PER_THOUSAND: f"{ratio}*1000", AVERAGE: ratio}
    if method == COUNT:
        return f'=IF(D{row}="","",D{row})'
    return f'=IF(OR(D{row}="",E{row}="",E{row}=0),"",{worked[method]})'


def _result(higher: bool, row: int) -> str:
    shown = f"ROUND(F{row},1)"
    short = f"ROUND(H{row}-{shown},2)" if higher else f"ROUND({shown}-H{row},2)"
    return (f'=IF(F{row}="","no figures",IF(H{row}="","no target",IF({short}<=0,"met",'
            f'IF({short}<=J{row},"close","missed"))))')  # fmt: skip


def _year_formulas(item: IndicatorResult, rows: tuple[int, int]) -> tuple[Any, Any]:
    """The year's two figures as formulas over its quarters' rows: added up; the first
    added up over the last quarter's second (per homes); or the last quarter's."""
    top, end = rows
    filled = [top + n for n, p in enumerate(item.periods) if p.first is not None]
    if not filled:
        return "", ""
    last = filled[-1]
    first = f"=D{last}" if item.year_rule == LATEST else f"=SUM(D{top}:D{end})"
    if item.method == COUNT:
        return first, ""
    second = {LATEST: f"=E{last}", RATE: f"=E{last}"}.get(item.year_rule, f"=SUM(E{top}:E{end})")
    return first, second


def _amount(value: int | None, money: bool) -> Any:
    if value is None:
        return None
    return pounds(value) if money else value


def _period_row(sheet: Any, item: IndicatorResult, period: PeriodResult,
                sums: tuple[int, int] | None = None) -> None:  # fmt: skip
    row = sheet.max_row + 1
    first: Any = _amount(period.first, item.money)
    second: Any = _amount(period.second, item.money)
    if sums is not None:  # the year, from the quarters by the indicator's rule
        first, second = _year_formulas(item, sums)
    sheet.append([
        item.code, item.name, period.label, first, second, _figure(item.method, row),
        item.unit, item.target, "Yes" if item.higher_is_better else "No", item.close_within,
        _result(item.higher_is_better, row), period.note, item.first_label, item.second_label,
    ])  # fmt: skip
    as_text(sheet, row, (1, 2, 3, 12, 13, 14))
    if item.money:
        for column in ("D", "E"):
            sheet[f"{column}{row}"].number_format = MONEY
    sheet[f"F{row}"].number_format = "0.0"
    sheet[f"L{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    if sums is not None:
        for cell in sheet[row]:
            cell.font = BOLD


def performance_sheet(sheet: Any, data: Performance) -> None:
    """Fill ``sheet`` with a row for each indicator's quarter and year (the council's
    pack has this sheet too)."""
    header(sheet, HEADINGS, WIDTHS)
    for item in data.indicators:
        if len(item.periods) == 4:
            first = sheet.max_row + 1
            for period in item.periods:
                _period_row(sheet, item, period)
            _period_row(sheet, item, item.year, (first, first + 3))
        else:
            _period_row(sheet, item, item.year)


def write(data: Performance, out: Path | BinaryIO) -> None:
    """Write the performance report as an .xlsx workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Performance"
    performance_sheet(sheet, data)
    notes = book.create_sheet("About")
    notes.append([f"{data.letterhead.organisation}: {data.title}"])
    notes["A1"].font = Font(bold=True, size=13)
    for line in (
        "Each row is one indicator for one quarter, or for the year (in bold: the quarters' "
        "figures added up, then divided, never an average of percentages).",
        "Figure and Result are formulas: the figure is the first figure divided by the second "
        "(× 100 for a percentage, × 1,000 per 1,000 homes); the result compares it, rounded to "
        "one place, with the target: met, close (short by no more than 'Close within') or "
        "missed.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    target: Any = str(out) if isinstance(out, Path) else out
    book.save(target)
    make_private(out)
