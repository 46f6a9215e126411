"""Member documents as a person would check them: the text on the page, page counts, cells."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.reports import render
from app.reports.pdf import labels as pdf_labels
from app.services.common.reports import Column, ColumnKind, Letterhead, TableReport
from app.services.membership.label_sheets import SHEETS, check_start, sheet
from app.services.membership.report_types import (
    Label,
    LabelRun,
    Letter,
    LetterRun,
    ShareCertificate,
)

NAMES = ("Zoë Wróbel", "Nguyễn Thị Hà", "Ayşe Yılmaz", "Siobhán Ní Bhriain")


def _pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def _pdf(data: object) -> list[str]:
    out = io.BytesIO()
    render.write_pdf(data, out, invariant=True)
    return _pages(out.getvalue())


def _labels(count: int, start: int = 1, code: str = "L7160") -> LabelRun:
    return LabelRun(
        SHEETS[code],
        tuple(
            Label((f"Member {i + 1} {NAMES[i % 4]}", "Flat 1", "2 Canal Street", "SE1 1AA"))
            for i in range(count)
        ),
        start,
    )


def test_22_labels_from_label_1_take_two_sheets() -> None:
    """22 labels on L7160 (21 a sheet) print on 2 pages, 21 then 1."""
    pages = _pdf(_labels(22))
    assert len(pages) == 2
    assert pages[0].count("Canal Street") == 21 and pages[1].count("Canal Street") == 1
    assert "Member 22" in pages[1] and "Zoë Wróbel" in pages[0]


def test_start_at_label_20_puts_two_on_the_part_used_sheet() -> None:
    """Starting at label 20 of a part-used L7160 sheet fills 20 and 21, then a new sheet."""
    pages = _pdf(_labels(5, start=20))
    assert len(pages) == 2
    assert pages[0].count("Canal Street") == 2 and pages[1].count("Canal Street") == 3


def test_l7163_holds_fourteen() -> None:
    """L7163 sheets take 14 labels each."""
    assert len(_pdf(_labels(15, code="L7163"))) == 2
    assert len(_pdf(_labels(14, code="L7163"))) == 1


@pytest.mark.parametrize("code", ["L7160", "L7163"])
def test_label_positions_fit_the_a4_sheet_exactly(code: str) -> None:
    """Avery's margins and pitches add up to an A4 sheet (210 x 297 mm), symmetric."""
    s = SHEETS[code]
    right = 210 - (s.left + (s.across - 1) * s.pitch_across + s.width)
    bottom = 297 - (s.top + (s.down - 1) * s.pitch_down + s.height)
    assert right == pytest.approx(s.left, abs=0.05)
    assert bottom == pytest.approx(s.top, abs=0.05)


def test_impossible_label_start_is_a_plain_error() -> None:
    """Label 0 or 22 on a 21-label sheet is refused with the range that works."""
    for bad in (0, 22):
        with pytest.raises(UserError, match="numbered 1 \\(top left\\) to 21"):
            check_start(SHEETS["L7160"], bad)
    with pytest.raises(UserError, match="L7160, L7163"):
        sheet("L9999")


def test_test_sheet_numbers_every_label() -> None:
    """The test sheet prints each label's number so it can be held against a real sheet."""
    pages = _pdf(LabelRun(SHEETS["L7163"], (), 1, test_sheet=True))
    assert len(pages) == 1 and "test sheet for Avery L7163" in pages[0]
    for number in range(1, 15):
        assert str(number) in pages[0]


def test_large_print_labels_use_bigger_text() -> None:
    """A member who asked for large print gets larger type on their label (and it still fits)."""
    normal = pdf_labels.fit(("Ms Zoë Wróbel", "Flat 1"), pdf_labels.NORMAL_SIZE, 180, 90)
    large = pdf_labels.fit(("Ms Zoë Wróbel", "Flat 1"), pdf_labels.LARGE_SIZE, 180, 90)
    assert large > normal
    squeezed = pdf_labels.fit(("A very long name indeed for a label",) * 6, 14, 150, 90)
    assert squeezed < 14


def test_letters_one_per_member_with_large_print() -> None:
    """Each member's letter starts a new page; large print letters use bigger type."""
    run = LetterRun(
        Letterhead("Riverside TMO", address="1 Riverside Walk\nSE1 7PB"),
        (Letter("Dear Zoë,\n\nThe AGM is on Thursday."), Letter("Dear Ayşe,", large_print=True)),
    )
    pages = _pdf(run)
    assert len(pages) == 2
    assert "Dear Zoë," in pages[0] and "Dear Ayşe," in pages[1]
    assert "Riverside TMO" in pages[1]
    from app.reports.pdf import letters

    assert letters.LARGE_SIZE >= 16 > letters.NORMAL_SIZE
    flow = letters.story(run)
    assert [p.style.fontSize for p in flow if hasattr(p, "style")][-1] == letters.LARGE_SIZE


def test_certificate_states_the_holding() -> None:
    """The certificate names the holder, the shares, the amount paid, the date, and the society."""
    cert = ShareCertificate(
        "Riverside Tenant Management Organisation",
        "Co-operative or community benefit society",
        "31234R",
        "1 Riverside Walk, London, SE1 7PB",
        None,
        42,
        "Ms Zoë Wróbel",
        ("Flat 1", "2 Canal Street", "SE1 1AA"),
        3,
        Decimal("3.00"),
        Decimal("1.00"),
        date(2026, 11, 24),
    )
    (text,) = _pdf(cert)
    flat = " ".join(text.split())
    for expected in (
        "Share certificate",
        "Ms Zoë Wróbel",
        "3 fully paid shares of £1.00 each",
        "£3.00",
        "Membership number 42",
        "24/11/2026",
        "registration number 31234R",
        "Signed (secretary)",
    ):
        assert expected in flat


def _members_table(rows: int) -> TableReport:
    return TableReport(
        title="Member list",
        letterhead=Letterhead("Riverside TMO"),
        generated=datetime(2026, 11, 24, 9, 30),
        columns=(
            Column("No.", ColumnKind.IDENTIFIER),
            Column("Name", width=2),
            Column("Joined", ColumnKind.DATE),
            Column("Shares", ColumnKind.NUMBER, total=True),
            Column("Paid", ColumnKind.MONEY, total=True),
        ),
        rows=tuple(
            (
                1000 + i,
                '=HYPERLINK("x")' if i == 0 else NAMES[i % 4],
                date(2020, 4, 1),
                1,
                Decimal("1.00"),
            )
            for i in range(rows)
        ),
    )


def test_member_list_spreadsheet_reads_back(tmp_path: Path) -> None:
    """Names stay text (even ones like a formula), dates are dates, totals are formulas."""
    path = tmp_path / "members.xlsx"
    render.write_xlsx(_members_table(3), path)
    sheet_ = load_workbook(path).active
    assert sheet_ is not None
    assert sheet_["B2"].value == '=HYPERLINK("x")' and sheet_["B2"].data_type == "s"
    assert sheet_["C2"].is_date and sheet_["C2"].value == datetime(2020, 4, 1)
    assert sheet_["C2"].number_format == "DD/MM/YYYY"
    assert sheet_["E2"].value == 1 and "£" in sheet_["E2"].number_format
    assert sheet_["D5"].value == "=SUM(D2:D4)" and sheet_["E5"].value == "=SUM(E2:E4)"
    assert sheet_["A2"].value == 1000 and sheet_.freeze_panes == "A2"


def test_large_print_and_landscape_member_list() -> None:
    """Landscape pages are wider than tall; large print needs more pages for the same rows."""
    normal, large = io.BytesIO(), io.BytesIO()
    report = _members_table(120)
    render.write_pdf(report, normal)
    render.write_pdf(
        TableReport(**{**report.__dict__, "large_print": True, "landscape": True}), large
    )
    small_pdf, big_pdf = pdfium.PdfDocument(normal.getvalue()), pdfium.PdfDocument(large.getvalue())
    width, height = big_pdf[0].get_size()
    assert width > height
    assert len(big_pdf) > len(small_pdf)
    assert "1000" in _pages(normal.getvalue())[0]  # membership numbers without a comma
