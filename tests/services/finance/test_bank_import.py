"""Bank statements brought in: a CSV with the bank's usual headings (the mapping kept
for next time), one with headings chosen by hand, OFX; matched to the cash book; new
lines entered all or none; bad files refused with what is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserError
from app.models import Entry
from app.services.finance import bank_import
from app.services.finance.bank_import import CsvMapping
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]

CSV = """Date,Description,Paid in,Paid out,Balance
01/05/2025,SOUTHWARK COUNCIL LMA,"25,000.00",,25000.00
03/05/2025,BRIGHT WINDOWS,,120.00,24880.00
04/05/2025,DD INSURANCE,,1450.50,23429.50
"""

OFX = """OFXHEADER:100
DATA:OFXSGML
<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250501<TRNAMT>25000.00<FITID>A1<NAME>SOUTHWARK COUNCIL</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250503120000<TRNAMT>-120.00<FITID>A2
<NAME>BRIGHT WINDOWS<MEMO>INV 77</STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""


def test_csv_with_a_banks_usual_headings(books: Books) -> None:
    """Paid in / Paid out are understood; money out is negative; commas in amounts."""
    lines, mapping = bank_import.read_csv(CSV, None)
    assert mapping == CsvMapping("Date", "Description", money_in="Paid in", money_out="Paid out")
    assert [(ln.line, ln.dated, ln.amount_pence) for ln in lines] == [
        (2, date(2025, 5, 1), 25_000_00),
        (3, date(2025, 5, 3), -120_00),
        (4, date(2025, 5, 4), -1_450_50),
    ]


def test_unknown_columns_are_mapped_by_hand_and_remembered(books: Books) -> None:
    """Headings it does not know are named in the message; chosen by hand they work, and
    the account keeps the choice for its next statement."""
    text = "When,What,Sum\n2025-05-01,Hall hire,40.00\n2025-05-02,Stamps,(8.40)\n"
    with pytest.raises(UserError) as caught:
        bank_import.read_csv(text, None)
    assert "'When', 'What', 'Sum'" in str(caught.value.issue_for("mapping"))
    mine = CsvMapping("When", "What", amount="Sum")
    lines, _m = bank_import.read_csv(text, mine)
    assert [ln.amount_pence for ln in lines] == [40_00, -8_40]
    with books.db.sessions.begin() as session:
        bank_import.remember_mapping(session, actor(books.db), books.bank, mine)
    with books.db.sessions() as session:
        assert bank_import.saved_mapping(session, 1, books.bank) == mine


def test_a_bad_row_stops_the_whole_file(books: Books) -> None:
    """Rows that cannot be read are listed by row number, and no line is taken."""
    text = "Date,Description,Amount\n31/02/2025,x,1.00\n01/03/2025,y,abc\n02/03/2025,z,1.234\n"
    with pytest.raises(UserError) as caught:
        bank_import.read_csv(text, None)
    message = caught.value.message
    assert "row 2: '31/02/2025' is not a date" in message
    assert "row 3: 'abc' is not an amount of money" in message
    assert "row 4: '1.234' has more than two figures after the point" in message


def test_ofx_read_and_truncated_ofx_refused() -> None:
    """Both transactions with their bank references; a file cut short is refused."""
    lines = bank_import.read_ofx(OFX)
    assert [(ln.bank_ref, ln.amount_pence, ln.description) for ln in lines] == [
        ("A1", 25_000_00, "SOUTHWARK COUNCIL"),
        ("A2", -120_00, "BRIGHT WINDOWS INV 77"),
    ]
    with pytest.raises(UserError, match="stops part-way"):
        bank_import.read_ofx(OFX[: OFX.index("</BANKTRANLIST>")])
    with pytest.raises(UserError, match="not an OFX file"):
        bank_import.read_ofx("Date,Amount\n")


def test_matching_and_entering_the_new_lines(books: Books) -> None:
    """The allowance already entered (a day later) matches; the other two are new and are
    entered as a payment each, with the bank's reference; a second import matches all."""
    enter(
        books,
        "receipt",
        date(2025, 5, 2),
        25_000_00,
        fund_id=books.lma,
        category_id=books.categories["LMA allowance"],
    )
    lines, _m = bank_import.read_csv(CSV, None)
    with books.db.sessions() as session:
        proposals = bank_import.match(session, 1, books.bank, lines)
    assert [p.state for p in proposals] == ["matched", "new", "new"]
    chosen = [
        (p.line, books.categories["Contractors" if i == 1 else "Insurance"], books.general)
        for i, p in enumerate(proposals)
        if p.state == "new"
    ]
    with books.db.sessions.begin() as session:
        assert bank_import.enter_new(session, actor(books.db), books.bank, chosen) == 2
    with books.db.sessions() as session:
        again = bank_import.match(session, 1, books.bank, lines)
        kinds = [e.kind for e in session.query(Entry).order_by(Entry.number)]
    assert [p.state for p in again] == ["matched"] * 3
    assert kinds == ["receipt", "payment", "payment"]


def test_entering_is_all_or_none(books: Books) -> None:
    """If one line cannot be entered (a date in no open year), none are."""
    lines = [
        bank_import.StatementLine(2, date(2025, 5, 1), "ok", 10_00),
        bank_import.StatementLine(3, date(2019, 5, 1), "too old", 10_00),
    ]
    chosen = [(ln, books.categories["Donations"], books.general) for ln in lines]
    with (
        pytest.raises(UserError, match="not in an open financial year"),
        books.db.sessions.begin() as session,
    ):
        bank_import.enter_new(session, actor(books.db), books.bank, chosen)
    with books.db.sessions() as session:
        assert session.query(Entry).count() == 0
