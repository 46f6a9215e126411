"""Members' share money moves the cash book as the rules say, in the same unit of work as
the share ledger, and ``check`` finds any difference between the two."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.errors import UserError
from app.models import Entry, FinanceCategory, Member, Organisation, ShareMoney, ShareTransaction
from app.services.finance import accounts, cashbook, setup, share_money
from app.services.membership import shares
from app.services.upkeep.health import check_database
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]

IN_BOOKS = date(2026, 5, 6)  # in 2026/27, which the books fixture opened


def _current_member(books: Books) -> int:
    with books.db.sessions() as session:
        return int(
            session.scalar(
                select(Member.id)
                .where(Member.left_on.is_(None), Member.joined_on < date(2025, 1, 1))
                .order_by(Member.id)
            )
        )


def _share_entries(books: Books) -> list[tuple[str, int, str, str]]:
    """(kind, pence, category heading, fund name) of every entry under share capital."""
    with books.db.sessions() as session:
        rows = session.execute(
            select(Entry.kind, Entry.amount_pence, FinanceCategory.heading, Entry.fund_id)
            .join(FinanceCategory, FinanceCategory.id == Entry.category_id)
            .where(FinanceCategory.heading.like("share_capital%"))
            .order_by(Entry.number)
        ).all()
        funds = {f.id: f.name for f in setup.list_funds(session, 1)}
    return [(k, p, h, funds[f]) for k, p, h, f in rows]


def _compare(books: Books) -> share_money.ShareCapitalCheck:
    with books.db.sessions() as session:
        return share_money.compare(session, 1)


def _settle_demo_shares(books: Books) -> None:
    """The demo's own share lines since the books began, banked as the program would."""
    with books.db.sessions.begin() as session:
        lines = session.scalars(
            select(ShareTransaction).where(ShareTransaction.on >= date(2025, 4, 1))
        ).all()
        share_money.record_money(session, actor(books.db), 1, list(lines), books.bank)


def test_a_paid_issue_is_a_receipt_under_share_capital_shown_apart(books: Books) -> None:
    _settle_demo_shares(books)
    member = _current_member(books)
    with books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), member, 3, IN_BOOKS)
    assert _share_entries(books)[-1] == ("receipt", 300, "share_capital_in", "General fund")
    assert _compare(books).agrees
    with books.db.sessions() as session:
        year = next(y for y in setup.list_years(session, 1) if y.starts_on.year == 2026)
        rp = accounts.receipts_and_payments(session, 1, year)
    assert rp.shares_in.total >= 300
    assert all("share" not in line.label for line in rp.receipts)  # not income
    assert rp.agrees  # cash at the end still equals the bank and cash balances


def test_unpaid_shares_and_forfeited_cancellations_move_no_money(books: Books) -> None:
    _settle_demo_shares(books)
    member = _current_member(books)
    before = len(_share_entries(books))
    with books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), member, 1, IN_BOOKS, amount_pence=0)
        share_money.issue(session, actor(books.db), member, 2, IN_BOOKS)
        share_money.cancel(session, actor(books.db), member, 1, date(2026, 6, 1))
    kinds = [e[0] for e in _share_entries(books)[before:]]
    assert kinds == ["receipt"]  # the paid issue only: the cancelled share is forfeited
    assert _compare(books).agrees


def test_withdrawal_and_a_repaid_cancellation_are_payments(books: Books) -> None:
    _settle_demo_shares(books)
    member = _current_member(books)
    with books.db.sessions.begin() as session:
        session.execute(update(Organisation).values(cancelled_shares_repaid=True))
    before = len(_share_entries(books))
    with books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), member, 4, IN_BOOKS)
        share_money.withdraw(session, actor(books.db), member, 1, date(2026, 6, 1))
        share_money.cancel(session, actor(books.db), member, 1, date(2026, 6, 2))
    assert [(k, p) for k, p, _h, _f in _share_entries(books)[before:]] == [
        ("receipt", 400),
        ("payment", 100),
        ("payment", 100),
    ]
    assert _compare(books).agrees


def test_shares_before_the_books_begin_are_the_ledger_alone(books: Books) -> None:
    member = _current_member(books)
    before = len(_share_entries(books))
    with books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), member, 1, date(2025, 3, 31))
    assert len(_share_entries(books)) == before


def test_a_share_dated_in_a_closed_year_is_refused_whole(books: Books) -> None:
    member = _current_member(books)
    with books.db.sessions.begin() as session:
        setup.close_year(session, actor(books.db), books.years[2025], on=date(2026, 4, 30))
    with books.db.sessions() as session:
        ledger_before = len(shares.ledger(session, 1))
    with pytest.raises(UserError, match="closed"), books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), member, 1, date(2025, 9, 1))
    with books.db.sessions() as session:
        assert len(shares.ledger(session, 1)) == ledger_before


def test_issuing_one_each_banks_a_receipt_per_day(books: Books) -> None:
    with books.db.sessions() as session:
        without = shares.members_without_shares(session, 1)
        assert not without  # the demo gave everyone a share: take some back first
        ids = list(
            session.scalars(
                select(Member.id).where(Member.left_on.is_(None)).order_by(Member.id).limit(3)
            )
        )
    _settle_demo_shares(books)
    with books.db.sessions.begin() as session:
        for member in ids:
            share_money.withdraw(session, actor(books.db), member, 1, date(2026, 7, 1))
    before = len(_share_entries(books))
    with books.db.sessions.begin() as session:
        count = share_money.issue_one_each(
            session, actor(books.db), None, paid=True, on=date(2026, 7, 2)
        )
    assert count == 3
    assert _share_entries(books)[before:] == [("receipt", 300, "share_capital_in", "General fund")]
    assert _compare(books).agrees


@pytest.mark.parametrize("plant", ["receipt typed by hand", "ledger line alone", "reversal"])
def test_check_finds_a_planted_difference(books: Books, db_path: Path, plant: str) -> None:
    _settle_demo_shares(books)
    member = _current_member(books)
    assert _compare(books).agrees
    if plant == "receipt typed by hand":
        enter(books, "receipt", IN_BOOKS, 500, category_id=books.categories["Members' shares"])
        expected = "was not recorded with the share ledger"
    elif plant == "ledger line alone":  # the ledger's own service, not the books'
        with books.db.sessions.begin() as session:
            shares.issue_shares(session, actor(books.db), member, 5, IN_BOOKS)
        expected = "has no receipt recorded with it"
    else:
        with books.db.sessions.begin() as session:
            share_money.issue(session, actor(books.db), member, 5, IN_BOOKS)
            entry = session.scalars(select(ShareMoney.entry_id)).all()[-1]
        with books.db.sessions.begin() as session:
            cashbook.reverse_entry(
                session, actor(books.db), entry, on=IN_BOOKS, reason="typed in error"
            )
        expected = "whose shares are still in the share ledger"
    found = _compare(books)
    assert not found.agrees
    assert abs(found.ledger_pence - found.cash_pence) == 500
    assert expected in found.words()
    books.db.close(backup=False)
    report = check_database(books.db.address or db_path)
    failed = [line for line in report.lines if line.startswith("FAIL")]
    assert len(failed) == 1 and "share capital" in failed[0] and expected in failed[0]


def test_check_passes_when_the_books_agree(books: Books, db_path: Path) -> None:
    _settle_demo_shares(books)
    with books.db.sessions.begin() as session:
        share_money.issue(session, actor(books.db), _current_member(books), 2, IN_BOOKS)
    books.db.close(backup=False)
    report = check_database(books.db.address or db_path)
    assert not report.failures, report.lines
    assert any("share ledger and the cash book agree" in line for line in report.lines)
