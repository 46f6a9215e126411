"""The books stay right at their edges: a closed year cannot be changed by the back
door, an account with money in it is not closed, a statement line is not matched to
an item an earlier statement cleared, spending not tied to a service still counts
against the allowance, and odd searches do not crash the cash book."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserError
from app.services.finance import agreements, bank_import, book, figures, reconcile, setup
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]


def test_a_closed_year_cannot_be_changed_by_opening_an_earlier_one(books: Books) -> None:
    """Once 2025/26 is closed, 2024/25 cannot be opened to take entries before it; a
    fund or category used in it keeps its kind and heading."""
    enter(books, "receipt", date(2025, 5, 1), 10_00)
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        setup.close_year(session, who, books.years[2025], on=date(2026, 5, 1))
    with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
        setup.open_year(session, who, 2024)
    assert "comes before 2025/26, which is closed" in str(caught.value.issue_for("year"))
    with pytest.raises(UserError, match="cannot change"), books.db.sessions.begin() as session:
        setup.save_fund(
            session, who, name="General fund", kind="restricted", purpose="x", fund_id=books.general
        )
    with pytest.raises(UserError, match="cannot change"), books.db.sessions.begin() as session:
        setup.save_category(
            session,
            who,
            name="Donations",
            direction="receipt",
            heading="other_receipts",
            category_id=books.categories["Donations"],
        )


def test_an_account_with_money_in_it_is_not_closed(books: Books) -> None:
    """The balance must be moved out first; the message says how much is left."""
    enter(books, "opening", date(2025, 4, 1), 12_34, account_id=books.cash)
    with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
        setup.save_account(
            session,
            actor(books.db),
            name="Petty cash",
            kind="cash",
            closed=True,
            account_id=books.cash,
        )
    assert "still holds £12.34" in str(caught.value.issue_for("closed"))


def test_a_line_is_not_matched_to_an_item_already_cleared(books: Books) -> None:
    """March's £25 standing order was cleared in March; April's £25 line is new."""
    march = enter(books, "payment", date(2025, 5, 28), 25_00, description="Standing order")
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        rec = reconcile.start(session, who, books.bank, date(2025, 5, 31), -25_00)
        reconcile.tick(session, who, rec, [march.id], True)
        reconcile.finish(session, who, rec)
        nxt = reconcile.start(session, who, books.bank, date(2025, 6, 30), -50_00)
    line = bank_import.StatementLine(2, date(2025, 6, 2), "STANDING ORDER", -25_00)
    with books.db.sessions() as session:
        (found,) = bank_import.match(session, 1, books.bank, [line], nxt)
    assert found.state == "new"
    with (
        pytest.raises(UserError, match="already reconciled to 31/05/2025"),
        books.db.sessions.begin() as session,
    ):
        reconcile.start(session, who, books.bank, date(2025, 5, 15), 0)


def test_spending_not_for_a_named_service_counts_against_the_allowance(books: Books) -> None:
    """£800 paid under the agreement with no service still reduces the saving."""
    with books.db.sessions.begin() as session:
        made = agreements.save_agreement(
            session,
            actor(books.db),
            agreements.AgreementDetails(
                "LMA", "Council", date(2024, 4, 1), books.lma, (("Cleaning", 12_000_00),)
            ),
        )
        lma = agreements.get_agreement(session, 1, made)
        year = setup.list_years(session, 1)[0]
    enter(
        books,
        "payment",
        date(2025, 6, 1),
        11_000_00,
        fund_id=books.lma,
        agreement_id=made,
        service_id=lma.services[0].id,
    )
    enter(books, "payment", date(2025, 6, 2), 800_00, fund_id=books.lma, agreement_id=made)
    with books.db.sessions() as session:
        found = figures.savings(session, 1, lma, year)
    assert found.spent == 11_800_00 and found.saving == 200_00
    assert found.by_service[-1] == ("Not for a named service", 0, 800_00)


def test_odd_searches_find_nothing_without_failing(books: Books) -> None:
    """A 20-digit bank reference, a superscript two, wildcards: plain searches."""
    enter(books, "receipt", date(2025, 5, 1), 10_00, reference="12345678901234567890")
    with books.db.sessions() as session:
        for text, hits in (("12345678901234567890", 1), ("²", 0), ("%_", 0)):
            assert len(book.entry_ids(session, 1, book.CashFilter(text=text))) == hits, text
