"""The performance report: the demo's two years of indicators printed with each quarter
met, close or missed in words, the missed ones with their notes; its workbook's figures
and results are formulas that LibreOffice works out to what the PDF prints."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.reports import render
from app.services.common.report_options import ReportOptions
from app.services.performance.results import performance
from tests.conftest import open_copy
from tests.recalc import needs_libreoffice, recalculated
from tests.services.board_helpers import actor

NOW = datetime(2026, 11, 25, 10, 0)
OPTIONS = ReportOptions(year=2025)


@pytest.fixture
def demo_books(demo_files: Callable[..., Path], db_path: Path) -> Any:
    """The small demo with its books and measures (as `mutualdesk demo` makes them)."""
    db = open_copy(demo_files(members=30, seed=4, board=False, finance=True, today=NOW.date()),
                   db_path)  # fmt: skip
    yield db
    db.close(backup=False)


def _data(db: Any) -> Any:
    with db.sessions() as session:
        return performance(session, actor(db), NOW, OPTIONS)


def test_the_pdf_says_met_close_and_missed_in_words_with_the_notes(
    demo_books: Any, tmp_path: Path
) -> None:
    """Rent collected in Q3 was missed, with the note why; the year is worked out from
    the quarters; every indicator of the demo is there."""
    data = _data(demo_books)
    rent = next(i for i in data.indicators if i.code == "RENT-1")
    q3 = rent.periods[2]
    assert (q3.shown, q3.verdict) == ("93.8%", "missed")
    out = tmp_path / "performance.pdf"
    render.write_pdf(data, out, invariant=True)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "RENT-1 2025/26 Q3: 93.8% against a target of 97.0%. Universal Credit" in text
    assert "missed" in text and "close" in text and "met" in text
    assert "Tenant Satisfaction Measures: tenant perception survey" in text
    assert f"{data.count('missed')} missed" in text and data.count("missed") > 0


@needs_libreoffice
def test_the_workbooks_formulas_give_the_pdfs_figures(demo_books: Any, tmp_path: Path) -> None:
    """Every figure and result LibreOffice works out equals the report's own."""
    data = _data(demo_books)
    out = tmp_path / "performance.xlsx"
    render.write_xlsx(data, out)
    sheet = recalculated(out, tmp_path)["Performance"]
    rows = {(r[0], r[2]): r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    checked = 0
    for item in data.indicators:
        for period in (*item.periods, item.year):
            row = rows[(item.code, period.label)]
            if period.value is None:
                assert row[5] in (None, "") and row[10] == "no figures"
                continue
            assert abs(float(row[5]) - float(period.value)) < 1e-9, (item.code, period.label)
            assert row[10] == period.verdict, (item.code, period.label)
            checked += 1
    assert checked > 120  # the demo's indicators, quarters and years


def test_three_families_show_as_fewer_than_five_in_the_exported_reach(
    demo_books: Any, tmp_path: Path
) -> None:
    """A count of 3 is never written, in the PDF or the workbook: 'fewer than 5'."""
    from openpyxl import load_workbook

    from app.services.performance import reach
    from app.services.performance.reach_report import reach_report

    with demo_books.sessions.begin() as session:
        reach.record_counts(session, actor(demo_books), 2025, 1,
                            {("Families registered", "Teenage parents"): 3})  # fmt: skip
    with demo_books.sessions() as session:
        data = reach_report(session, actor(demo_books), NOW, OPTIONS)
    pdf, xlsx = tmp_path / "reach.pdf", tmp_path / "reach.xlsx"
    render.write_pdf(data, pdf, invariant=True)
    render.write_xlsx(data, xlsx)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    line = next(x for x in text.splitlines() if "Teenage parents" in x)
    assert "fewer" in line and " 3 " not in f" {line} "
    sheet = load_workbook(xlsx)["Reach"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "Teenage parents")
    assert row[2] == "fewer than 5"
    every = [c for r in sheet.iter_rows(min_row=2, values_only=True) for c in r[2:6]]
    assert not [c for c in every if isinstance(c, int) and c < 5]
