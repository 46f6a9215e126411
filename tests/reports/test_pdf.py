"""The PDF base: letterhead, page X of Y, Unicode names, byte-for-byte invariant output."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pypdfium2 as pdfium

from app.reports.pdf import fonts
from app.reports.pdf import table as pdf_table
from app.services.common.reports import Column, ColumnKind, Letterhead, TableReport

NAMES = ("Zoë Wróbel", "Nguyễn Thị Hà", "Ayşe Yılmaz", "Siobhán Ní Bhriain", "Łucja Müller")


def _report(rows: int = 3) -> TableReport:
    return TableReport(
        title="Register of members",
        letterhead=Letterhead("Riverside TMO"),
        generated=datetime(2026, 11, 24, 9, 30),
        columns=(
            Column("Name", width=3),
            Column("Joined", ColumnKind.DATE),
            Column("Paid", ColumnKind.MONEY, total=True),
        ),
        rows=tuple((NAMES[i % len(NAMES)], date(2020, 4, 1), Decimal("1.00")) for i in range(rows)),
    )


def _pages_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def test_bundled_font_draws_every_name() -> None:
    """Names from across our members' languages have glyphs in the bundled font (no boxes)."""
    assert fonts.missing_glyphs("".join(NAMES) + "£€–’“”") == set()


def test_names_come_out_of_the_pdf_as_typed() -> None:
    """Unicode names survive into the PDF text exactly, with the heading and date."""
    out = io.BytesIO()
    pdf_table.write(_report(5), out)
    text = _pages_text(out.getvalue())[0]
    for name in NAMES:
        assert name in text
    assert "Riverside TMO" in text and "Register of members" in text
    assert "Generated 24/11/2026 09:30" in text
    assert "01/04/2020" in text and "£5.00" in text


def test_long_report_numbers_pages_x_of_y() -> None:
    """A report over several pages says 'Page 1 of N' ... 'Page N of N'."""
    out = io.BytesIO()
    pdf_table.write(_report(200), out)
    pages = _pages_text(out.getvalue())
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in " ".join(text.split())
        assert "Name" in text  # the heading row repeats


def test_invariant_output_is_byte_for_byte_stable() -> None:
    """In invariant mode the same data gives the same bytes (tests can compare files)."""
    first, second = io.BytesIO(), io.BytesIO()
    pdf_table.write(_report(), first, invariant=True)
    pdf_table.write(_report(), second, invariant=True)
    assert first.getvalue() == second.getvalue()


def test_logo_is_drawn(tmp_path: object) -> None:
    """An organisation's logo appears on the page (the PDF carries an image)."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x20\x60\xa0" * 8 for _ in range(8))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    report = _report()
    with_logo = TableReport(**{**report.__dict__, "letterhead": Letterhead("Riverside TMO", png)})
    out = io.BytesIO()
    pdf_table.write(with_logo, out)
    page = pdfium.PdfDocument(out.getvalue())[0]
    kinds = [obj.type for obj in page.get_objects()]
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds


def test_every_row_is_printed_once_in_order_with_the_total_last() -> None:
    """1,500 rows laid out a page at a time, some long enough to wrap: each row appears
    once, in order, under the heading on every page, and the total of £1,500.00 comes
    after the last row."""
    rows = tuple(
        (f"Member {n:04d}" + (" with a very long name " * 6 if n % 97 == 0 else ""),
         date(2020, 4, 1), Decimal("1.00"))
        for n in range(1, 1501)
    )  # fmt: skip
    report = TableReport(
        title="Register of members", letterhead=Letterhead("Riverside TMO"),
        generated=datetime(2026, 11, 24, 9, 30), rows=rows,
        columns=(Column("Name", width=3), Column("Joined", ColumnKind.DATE),
                 Column("Paid", ColumnKind.MONEY, total=True)),
    )  # fmt: skip
    out = io.BytesIO()
    pdf_table.write(report, out)
    pages = _pages_text(out.getvalue())
    seen = [word for text in pages for word in text.split() if word.isdigit() and len(word) == 4]
    assert seen == [f"{n:04d}" for n in range(1, 1501)]
    assert all("Name" in text for text in pages)
    printed = "".join(pages)
    assert printed.index("Total") > printed.index("Member 1500")
    assert "£1,500.00" in pages[-1]
