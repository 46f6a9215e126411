"""Bank reconciliation as a treasurer does it with the statement in hand: tick what the
statement shows; the difference must be nil to finish; the next statement starts from
what was cleared."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserError
from app.services.finance import reconcile
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]


def test_reconcile_two_statements(books: Books) -> None:
    """Opening £500; a receipt, two payments and a transfer out; the statement shows all
    but one cheque. Unbalanced it refuses to finish and says by how much."""
    enter(books, "opening", date(2025, 4, 1), 500_00)
    got = enter(books, "receipt", date(2025, 4, 3), 1_000_00)
    paid = enter(books, "payment", date(2025, 4, 5), 200_00)
    cheque = enter(books, "payment", date(2025, 4, 28), 75_50, reference="Chq 100234")
    moved = enter(books, "transfer", date(2025, 4, 10), 50_00, to_account_id=books.cash)
    enter(books, "receipt", date(2025, 5, 2), 9_00)  # after the statement
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        rec = reconcile.start(session, who, books.bank, date(2025, 4, 30), 1_250_00)
        listed = reconcile.items(session, 1, rec)
    assert [(e.number, effect) for e, effect, _t in listed] == [
        (got.number, 1_000_00),
        (paid.number, -200_00),
        (moved.number, -50_00),
        (cheque.number, -75_50),
    ]
    with books.db.sessions.begin() as session:
        reconcile.tick(session, who, rec, [got.id, paid.id], True)
    with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
        reconcile.finish(session, who, rec)
    assert "come to £1,300.00 but the statement says £1,250.00: a difference of -£50.00" in (
        caught.value.message
    )
    with books.db.sessions.begin() as session:
        reconcile.tick(session, who, rec, [moved.id], True)
        done = reconcile.finish(session, who, rec)
    assert done.difference == 0 and done.finished_at is not None
    with books.db.sessions.begin() as session:
        with pytest.raises(UserError, match="already reconciled to 30/04/2025"):
            reconcile.start(session, who, books.bank, date(2025, 4, 15), 0)
        nxt = reconcile.start(session, who, books.bank, date(2025, 5, 31), 1_183_50)
        waiting = [e.number for e, _eff, _t in reconcile.items(session, 1, nxt)]
        state = reconcile.state(session, 1, nxt)
    assert waiting == [cheque.number, cheque.number + 2]  # the cheque and May's receipt
    assert state.brought_forward == 1_250_00
    with books.db.sessions.begin() as session:
        reconcile.tick(session, who, nxt, [cheque.id, cheque.id + 2], True)
        assert reconcile.finish(session, who, nxt).cleared_balance == 1_183_50
        summary = reconcile.summary(session, 1, date(2025, 6, 30))
    assert summary[0] == (
        "Current account",
        date(2025, 5, 31),
        1_183_50,
        1_183_50,
        "Reconciled to 31/05/2025",
    )
    assert summary[1][-1] == "Not reconciled"


def test_what_cannot_be_ticked(books: Books) -> None:
    """An item after the statement date, or on another account, is refused."""
    later = enter(books, "receipt", date(2025, 6, 1), 10_00)
    cash = enter(books, "receipt", date(2025, 4, 2), 10_00, account_id=books.cash)
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        rec = reconcile.start(session, who, books.bank, date(2025, 4, 30), 0)
    for entry_id, message in (
        (later.id, "dated after the statement"),
        (cash.id, "not on this account"),
    ):
        with pytest.raises(UserError, match=message), books.db.sessions.begin() as session:
            reconcile.tick(session, who, rec, [entry_id], True)
