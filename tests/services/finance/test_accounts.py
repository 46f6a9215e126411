"""The receipts and payments account agrees with the cash book to the penny: every
figure is worked out again here from the entries themselves, in Python, and cash at
the end equals what the bank and cash accounts hold."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from app.models import Entry, FinanceCategory, Fund
from app.services.finance import accounts, cashbook, setup
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]


def _random_books(books: Books, seed: int) -> None:
    """Two years of varied entries: openings, receipts and payments under every heading,
    transfers between accounts and funds, an asset purchase, reversals."""
    rng = random.Random(seed)
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        named = {f.name: f.id for f in setup.list_funds(session, 1)}
        endowment = named.get("Building endowment") or setup.save_fund(
            session,
            who,
            name="Building endowment",
            kind="endowment",
            purpose="Kept; only its interest is spent",
        )
        if not any(c.name == "New mower" for c in setup.list_categories(session, 1)):
            setup.save_category(
                session, who, name="New mower", direction="payment", heading="asset_purchases"
            )
            setup.save_category(
                session, who, name="Old van sold", direction="receipt", heading="asset_sales"
            )
        categories = {c.name: (c.id, c.direction) for c in setup.list_categories(session, 1)}
    funds = [books.general, books.lma, books.projects, endowment]
    enter(books, "opening", date(2025, 4, 1), 2_000_00, fund_id=books.general)
    enter(books, "opening", date(2025, 4, 1), 10_000_00, fund_id=endowment)
    made = []
    for _ in range(120):
        day = date(2025, 4, 1) + timedelta(days=rng.randrange(0, 729))
        pick = rng.random()
        if pick < 0.75:
            _name, (cid, direction) = rng.choice(sorted(categories.items()))
            made.append(
                enter(
                    books,
                    direction,
                    day,
                    rng.randrange(1, 300_000),
                    category_id=cid,
                    fund_id=rng.choice(funds),
                    account_id=rng.choice((books.bank, books.cash)),
                )
            )
        elif pick < 0.88:
            enter(
                books,
                "transfer",
                day,
                rng.randrange(1, 50_000),
                to_account_id=books.cash,
                fund_id=rng.choice(funds),
            )
        else:
            a, b = rng.sample(funds, 2)
            enter(
                books,
                "transfer",
                day,
                rng.randrange(1, 50_000),
                account_id=None,
                fund_id=a,
                to_fund_id=b,
            )
    with books.db.sessions.begin() as session:
        for entry in rng.sample(made, 6):
            on = max(entry.dated, date(2025, 4, 1)) + timedelta(days=1)
            if on <= date(2027, 3, 31):
                cashbook.reverse_entry(session, who, entry.id, on=on, reason="mistake")


def _by_hand(books: Books, year: setup.YearInfo) -> dict[str, dict[str, int]]:
    """The account's figures from the raw entries: {line: {fund kind: pence}}."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with books.db.sessions() as session:
        kinds = {f.id: f.kind for f in session.query(Fund)}
        headings = {c.id: c.heading for c in session.query(FinanceCategory)}
        for e in session.query(Entry):
            inside = year.starts_on <= e.dated <= year.ends_on
            before = e.dated < year.starts_on
            if e.kind in ("receipt", "payment") and inside:
                out[headings[e.category_id]][kinds[e.fund_id]] += e.amount_pence
            sign = -1 if e.kind == "payment" else 1
            if e.kind == "transfer" and e.to_fund_id is not None:
                if inside:
                    out["transfers"][kinds[e.fund_id]] -= e.amount_pence
                    out["transfers"][kinds[e.to_fund_id]] += e.amount_pence
                elif before:
                    out["start"][kinds[e.fund_id]] -= e.amount_pence
                    out["start"][kinds[e.to_fund_id]] += e.amount_pence
            elif e.kind != "transfer" and (before or (inside and e.kind == "opening")):
                out["start"][kinds[e.fund_id]] += sign * e.amount_pence
            if e.dated <= year.ends_on and e.kind != "transfer":
                out["cash at end"]["all"] += sign * e.amount_pence
    return out


def test_receipts_and_payments_agree_with_the_cash_book(books: Books) -> None:
    """For each of two years (and three seeds), every line and column matches the sums
    taken from the entries one by one, and cash at the end is what the accounts hold."""
    for seed in (1, 2, 3):
        if seed > 1:
            with books.db.sessions.begin() as session:
                session.query(Entry).filter(Entry.reverses_id.is_not(None)).delete()
                session.query(Entry).delete()
        _random_books(books, seed)
        with books.db.sessions() as session:
            years = setup.list_years(session, 1)
        found = {}
        for year in years:
            hand = _by_hand(books, year)
            with books.db.sessions() as session:
                found[year.id] = account = accounts.receipts_and_payments(session, 1, year)
            lines = (
                *account.receipts,
                *account.payments,
                account.asset_sales,
                account.asset_purchases,
            )
            for line in lines:
                key = next(h.key for h in accounts.HEADINGS if h.label == line.label)
                assert line.funds == tuple(hand[key][k] for k in accounts.KINDS), line.label
            assert account.transfers.funds == tuple(hand["transfers"][k] for k in accounts.KINDS)
            assert account.transfers.total == 0
            assert account.cash_start.funds == tuple(hand["start"][k] for k in accounts.KINDS)
            assert account.cash_end.total == hand["cash at end"]["all"]
            assert account.agrees, (account.cash_end.total, account.accounts)
        first, second = found[years[0].id], found[years[1].id]
        assert second.cash_start.total == first.cash_end.total
        assert second.receipts_total.last_year == first.receipts_total.total
        assert first.receipts_total.last_year is None
