"""The cash book as a treasurer uses it: receipts, payments, transfers, opening
balances, reversals instead of edits, closed years locked, scans attached; balances
that agree to the penny; and every bad entry refused whole with a plain message."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from app.models import AuditEntry, Entry
from app.services.finance import book, cashbook, setup
from app.services.finance.cashbook import EntryDetails
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]


def _count(db: Any, model: Any) -> int:
    with db.sessions() as session:
        return session.query(model).count()


def test_entries_are_numbered_and_balances_agree(books: Books) -> None:
    """Opening balances, a receipt, a payment and a transfer move the accounts and
    funds by exactly what was typed."""
    enter(books, "opening", date(2025, 4, 1), 1_250_00, description="Balance brought forward")
    enter(books, "opening", date(2025, 4, 1), 50_00, account_id=books.cash, description="Cash")
    allowance = enter(
        books,
        "receipt",
        date(2025, 4, 10),
        30_000_00,
        fund_id=books.lma,
        category_id=books.categories["LMA allowance"],
        party="Southwark Council",
    )
    enter(books, "payment", date(2025, 4, 20), 1_234_56, fund_id=books.lma, party="CleanCo")
    enter(
        books,
        "transfer",
        date(2025, 4, 21),
        100_00,
        to_account_id=books.cash,
        description="Cash for the caretaker",
    )
    moved = enter(
        books,
        "transfer",
        date(2025, 4, 22),
        500_00,
        account_id=None,
        fund_id=books.lma,
        to_fund_id=books.projects,
        description="Community share of savings",
    )
    assert allowance.number == 3 and moved.number == 6
    with books.db.sessions() as session:
        accounts = book.account_balances(session, 1)
        funds = book.fund_balances(session, 1)
        early = book.account_balances(session, 1, on=date(2025, 4, 15))
    assert accounts == {books.bank: 1_250_00 + 30_000_00 - 1_234_56 - 100_00, books.cash: 150_00}
    assert funds == {
        books.general: 1_300_00,
        books.lma: 30_000_00 - 1_234_56 - 500_00,
        books.projects: 500_00,
    }
    assert sum(accounts.values()) == sum(funds.values())  # cash and funds agree
    assert early[books.bank] == 31_250_00


def test_a_mistake_is_reversed_never_edited(books: Books) -> None:
    """A reversal is a new, negative entry naming the original; it cannot be reversed
    again, and the balance goes back to what it was."""
    wrong = enter(books, "payment", date(2025, 5, 1), 99_00)
    with books.db.sessions.begin() as session:
        fix = cashbook.reverse_entry(
            session, actor(books.db), wrong.id, on=date(2025, 5, 2), reason="typed twice"
        )
    assert fix.amount_pence == -99_00 and fix.reverses_id == wrong.id
    assert fix.description == f"Reversal of entry {wrong.number}: typed twice"
    with books.db.sessions() as session:
        assert book.account_balances(session, 1) == {books.bank: 0}
        assert book.reversed_ids(session, 1) == {wrong.id}
    for entry_id, message in ((wrong.id, "already reversed"), (fix.id, "itself a reversal")):
        with pytest.raises(UserError, match=message), books.db.sessions.begin() as session:
            cashbook.reverse_entry(
                session, actor(books.db), entry_id, on=date(2025, 5, 3), reason="x"
            )
    assert _count(books.db, Entry) == 2


def test_a_closed_year_is_locked(books: Books) -> None:
    """After 2025/26 is closed nothing can be dated in it, and it must close before the
    next; a year that has not ended cannot close."""
    enter(books, "receipt", date(2025, 6, 1), 10_00)
    who = actor(books.db)
    with pytest.raises(UserError, match="has not ended yet"), books.db.sessions.begin() as s:
        setup.close_year(s, who, books.years[2026], on=date(2026, 11, 25))
    with books.db.sessions.begin() as session:
        setup.close_year(session, who, books.years[2025], on=date(2026, 5, 1))
    before = _count(books.db, Entry)
    with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
        cashbook.record_entry(
            session,
            who,
            EntryDetails(
                "receipt",
                date(2026, 3, 31),
                "Late",
                5_00,
                books.general,
                books.bank,
                category_id=books.categories["Donations"],
            ),
        )
    assert "is in 2025/26, which was closed on 01/05/2026" in str(caught.value.issue_for("dated"))
    assert _count(books.db, Entry) == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"dated": date(2019, 1, 1)}, "dated", "01/01/2019 is not in an open financial year"),
        ({"amount_pence": 0}, "amount", "cannot be £0.00"),
        ({"amount_pence": -5}, "amount", "more than £0.00"),
        ({"description": " "}, "description", "description"),
        ({"category_id": None}, "category_id", "Choose the category"),
        ({"account_id": None}, "account_id", "Choose the bank or cash account"),
    ],
)
def test_bad_receipts_are_refused_whole(
    books: Books, change: dict[str, Any], field: str, message: str
) -> None:
    """Each mistake is named beside its field, and nothing is saved or audited."""
    fields: dict[str, Any] = {
        "kind": "receipt",
        "dated": date(2025, 6, 1),
        "description": "Hall hire",
        "amount_pence": 40_00,
        "fund_id": books.general,
        "account_id": books.bank,
        "category_id": books.categories["Hall hire"],
    } | change
    before = (_count(books.db, Entry), _count(books.db, AuditEntry))
    with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
        cashbook.record_entry(session, actor(books.db), EntryDetails(**fields))
    assert message in str(caught.value.issue_for(field)), caught.value.message
    assert (_count(books.db, Entry), _count(books.db, AuditEntry)) == before


def test_wrong_transfers_and_categories(books: Books) -> None:
    """A transfer to the same account, a payment under a receipt category, and a closed
    account are each refused with their own message."""
    who = actor(books.db)
    cases = [
        (
            EntryDetails(
                "transfer",
                date(2025, 6, 1),
                "To myself",
                10_00,
                books.general,
                books.bank,
                to_account_id=books.bank,
            ),
            "two different accounts",
        ),
        (
            EntryDetails(
                "payment",
                date(2025, 6, 1),
                "Oops",
                10_00,
                books.general,
                books.bank,
                category_id=books.categories["Donations"],
            ),
            "'Donations' is a receipt category, not a payment one",
        ),
        (
            EntryDetails("transfer", date(2025, 6, 1), "Nowhere", 10_00, books.general, books.bank),
            "goes to another account or to another fund",
        ),
    ]
    for details, message in cases:
        with pytest.raises(UserError, match=message), books.db.sessions.begin() as session:
            cashbook.record_entry(session, who, details)
    with books.db.sessions.begin() as session:
        setup.save_account(
            session, who, name="Petty cash", kind="cash", closed=True, account_id=books.cash
        )
    with pytest.raises(UserError, match="closed"), books.db.sessions.begin() as session:
        cashbook.record_entry(
            session,
            who,
            EntryDetails("opening", date(2025, 4, 1), "x", 1, books.general, books.cash),
        )
    assert _count(books.db, Entry) == 0


def test_a_scan_is_copied_beside_the_database_once(books: Books, tmp_path: Path) -> None:
    """The receipt's scan is copied into the attachments folder and named on the entry."""
    paid = enter(books, "payment", date(2025, 7, 1), 12_50, reference="INV-77")
    scan = tmp_path / "my receipt (1).pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    folder = cashbook.attachments_folder(books.db.path)
    with books.db.sessions.begin() as session:
        name = cashbook.attach_scan(session, actor(books.db), paid.id, scan, folder)
    assert name == f"{paid.number:06d}-my-receipt-1-.pdf"
    assert (folder / name).read_bytes() == b"%PDF-1.4 scan"
    with pytest.raises(UserError, match="already has a scan"), books.db.sessions.begin() as s:
        cashbook.attach_scan(s, actor(books.db), paid.id, scan, folder)


def test_the_cash_book_filters(books: Books) -> None:
    """By account (either side of a transfer), category, text and date; in date order."""
    enter(
        books,
        "receipt",
        date(2025, 5, 2),
        10_00,
        description="Hall hire: Smith party",
        category_id=books.categories["Hall hire"],
    )
    enter(books, "payment", date(2025, 5, 1), 20_00, description="Window cleaning")
    enter(books, "transfer", date(2025, 5, 3), 5_00, to_account_id=books.cash, description="Float")
    with books.db.sessions() as session:
        every = book.entry_rows(session, book.entry_ids(session, 1))
        cash = book.entry_ids(session, 1, book.CashFilter(account_id=books.cash))
        hire = book.entry_ids(
            session, 1, book.CashFilter(category_id=books.categories["Hall hire"])
        )
        smith = book.entry_ids(session, 1, book.CashFilter(text="smith"))
        may2 = book.entry_ids(session, 1, book.CashFilter(date_from=date(2025, 5, 2)))
    assert [r.description for r in every] == ["Window cleaning", "Hall hire: Smith party", "Float"]
    assert [r.money_out for r in every] == [20_00, 0, 0]
    assert every[2].to_account == "Petty cash" and len(cash) == 1
    assert hire == smith == [every[1].id] and len(may2) == 2
