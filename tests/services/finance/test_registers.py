"""Debtors, creditors and equipment: what the statement of assets and liabilities lists
at a year's end, plain messages for bad input, and nothing in a closed year changes."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserError
from app.services.finance import agreements, registers, setup, statement
from app.services.finance.agreements import AgreementDetails
from app.services.finance.registers import EquipmentDetails, OwedDetails
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]


def _save(books: Books, details: OwedDetails | EquipmentDetails) -> int:
    with books.db.sessions.begin() as session:
        if isinstance(details, OwedDetails):
            return registers.save_owed(session, actor(books.db), details)
        return registers.save_equipment(session, actor(books.db), details)


def _sections(books: Books, start: int) -> dict[str, statement.StatementSection]:
    with books.db.sessions() as session:
        year = next(y for y in setup.list_years(session, 1) if y.starts_on.year == start)
        found = statement.assets_and_liabilities(session, 1, year, (("Bank", 100),), 4200)
    return {s.key: s for s in found}


def test_the_statement_lists_what_was_owed_and_held_at_the_years_end(books: Books) -> None:
    owed = _save(books, OwedDetails("debtor", "Football club", "Hall hire", 180_00,
                                    date(2026, 3, 10), date(2026, 4, 10)))  # fmt: skip
    _save(books, OwedDetails("creditor", "A1 Drains", "Gullies", 240_00, date(2026, 3, 20)))
    _save(books, OwedDetails("debtor", "Nursery", "Hall hire, April", 50_00, date(2026, 4, 2)))
    _save(books, EquipmentDetails("Mower", date(2025, 5, 1), 2_350_00, "Store", books.lma))
    gone = _save(books, EquipmentDetails("Strimmer", date(2020, 5, 1), 189_00))
    with books.db.sessions.begin() as session:
        registers.settle_owed(session, actor(books.db), owed, date(2026, 4, 12))
        registers.dispose_equipment(session, actor(books.db), gone, date(2026, 1, 5), "Broken")
    at_end = _sections(books, 2025)
    assert [line[0] for line in at_end["debtors"].lines] == ["Football club"]  # paid after
    assert at_end["debtors"].total == 180_00
    assert at_end["creditors"].lines[0][1] == "Gullies; no date due"
    assert [line[0] for line in at_end["own_use"].lines] == ["Mower"]  # strimmer gone
    assert "LMA allowance" in at_end["own_use"].lines[0][1]
    assert at_end["share_capital"].total == 4200
    assert at_end["investments"].lines == () and at_end["investments"].empty == "None held"
    assert at_end["cash"].total == 100


def test_an_allowance_payment_due_and_unpaid_at_the_years_end_is_a_debtor(
    books: Books,
) -> None:
    with books.db.sessions.begin() as session:
        agreement = agreements.save_agreement(
            session,
            actor(books.db),
            AgreementDetails("Estate LMA", "The council", date(2025, 4, 1), books.lma,
                             (("Cleaning", 40_000_00),), schedule="quarterly"),
        )  # fmt: skip
    for day in (date(2025, 4, 3), date(2025, 7, 2), date(2025, 10, 1)):  # the fourth is late
        enter(books, "receipt", day, 10_000_00, fund_id=books.lma, agreement_id=agreement,
              category_id=books.categories["LMA allowance"])  # fmt: skip
    debtors = _sections(books, 2025)["debtors"]
    assert debtors.total == 10_000_00
    assert debtors.lines[0][0] == "The council"
    assert "allowance payment due 01/01/2026, not received by 31/03/2026" in debtors.lines[0][1]


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (OwedDetails("debtor", "", "Hall hire", 100, date(2026, 4, 1)), "who it is"),
        (OwedDetails("debtor", "Club", "Hall hire", 0, date(2026, 4, 1)), "more than £0.00"),
        (OwedDetails("creditor", "Club", "Bill", 100, date(2026, 4, 9), date(2026, 4, 1)),
         "cannot be before"),
        (OwedDetails("lender", "Club", "Loan", 100, date(2026, 4, 1)), "owed to us"),
        (EquipmentDetails("", date(2026, 4, 1), 100), "description"),
        (EquipmentDetails("Van", date(2099, 4, 1), 100), "in the future"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_plain_message(
    books: Books, details: OwedDetails | EquipmentDetails, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        _save(books, details)
    assert not _sections(books, 2026)["own_use"].lines


def test_a_closed_years_registers_cannot_change(books: Books) -> None:
    owed = _save(books, OwedDetails("creditor", "A1 Drains", "Gullies", 240_00, date(2026, 3, 2)))
    kept = _save(books, EquipmentDetails("Mower", date(2025, 5, 1), 2_350_00))
    with books.db.sessions.begin() as session:
        setup.close_year(session, actor(books.db), books.years[2025], on=date(2026, 4, 30))
    with pytest.raises(UserError, match="closed financial year"):
        _save(books, OwedDetails("debtor", "Club", "Hire", 100, date(2026, 3, 30)))
    with pytest.raises(UserError, match="closed financial year"), books.db.sessions.begin() as s:
        registers.save_owed(
            s, actor(books.db),
            OwedDetails("creditor", "A1 Drains", "Gullies", 250_00, date(2026, 3, 2)), owed,
        )  # fmt: skip
    with pytest.raises(UserError, match="closed financial year"), books.db.sessions.begin() as s:
        registers.settle_owed(s, actor(books.db), owed, date(2026, 3, 31))
    with books.db.sessions.begin() as s:  # paid in the open year: fine
        registers.settle_owed(s, actor(books.db), owed, date(2026, 4, 20))
        registers.dispose_equipment(s, actor(books.db), kept, date(2026, 5, 1), "Sold")
    with pytest.raises(UserError, match="already marked paid"), books.db.sessions.begin() as s:
        registers.settle_owed(s, actor(books.db), owed, date(2026, 4, 21))
    assert _sections(books, 2025)["creditors"].total == 240_00  # the closed year unchanged
