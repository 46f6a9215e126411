"""Agreements, budgets and the figures made from them: expected allowance payments,
phasing that adds up, copying with an uplift, budget against actual and the savings
split, each checked against figures worked out here independently."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import UserError
from app.services.finance import agreements, budgets, cashbook, figures, setup
from app.services.finance.agreements import AgreementDetails
from tests.services.board_helpers import actor
from tests.services.finance_helpers import Books, books, enter, plain

__all__ = ["books", "plain"]

SERVICES = (("Cleaning", 60_000_00), ("Grounds maintenance", 25_000_00), ("Caretaking", 15_000_01))


def _agreement(books: Books, **kw: object) -> agreements.AgreementInfo:
    details = AgreementDetails(
        name="Riverside LMA",
        counterparty="London Borough of Southwark",
        starts_on=date(2024, 4, 1),
        fund_id=books.lma,
        services=SERVICES,
        **kw,  # type: ignore[arg-type]
    )
    with books.db.sessions.begin() as session:
        made = agreements.save_agreement(session, actor(books.db), details)
        return agreements.get_agreement(session, 1, made)


def _year(books: Books, start: int) -> setup.YearInfo:
    with books.db.sessions() as session:
        return next(y for y in setup.list_years(session, 1) if y.starts_on.year == start)


def test_the_schedule_gives_the_allowance_payments_to_expect(books: Books) -> None:
    """Quarterly: four payments on the quarter days adding to the annual allowance to the
    penny; an agreement ending mid-year expects only the payments before its end."""
    lma = _agreement(books)
    assert lma.annual_allowance_pence == 100_000_01
    due = agreements.expected_receipts(lma, _year(books, 2025))
    assert [d.due_on for d in due] == [
        date(2025, 4, 1),
        date(2025, 7, 1),
        date(2025, 10, 1),
        date(2026, 1, 1),
    ]
    assert [d.amount_pence for d in due] == [25_000_01, 25_000_00, 25_000_00, 25_000_00]
    with books.db.sessions.begin() as session:
        agreements.save_agreement(
            session,
            actor(books.db),
            AgreementDetails(
                "Riverside LMA",
                "London Borough of Southwark",
                date(2024, 4, 1),
                books.lma,
                SERVICES,
                ends_on=date(2025, 9, 30),
                schedule="monthly",
            ),
            lma.id,
        )
        short = agreements.get_agreement(session, 1, lma.id)
    assert len(agreements.expected_receipts(short, _year(books, 2025))) == 6


def test_agreement_mistakes_are_named(books: Books) -> None:
    """No services, a repeated service, an end before the start, a share over 100%."""
    cases = [
        ({"services": ()}, "services", "List the services"),
        ({"services": (("Cleaning", 1), ("cleaning", 2))}, "services", "its own name"),
        ({"ends_on": date(2020, 1, 1)}, "ends_on", "end after it starts"),
        ({"community_share_bp": 12_000}, "community_share_bp", "0% to 100%"),
    ]
    for change, field, message in cases:
        fields = {
            "name": "LMA",
            "counterparty": "Council",
            "starts_on": date(2024, 4, 1),
            "fund_id": books.lma,
            "services": SERVICES,
        } | change
        with pytest.raises(UserError) as caught, books.db.sessions.begin() as session:
            agreements.save_agreement(session, actor(books.db), AgreementDetails(**fields))  # type: ignore[arg-type]
        assert message in str(caught.value.issue_for(field))


def test_phasing_and_copying_with_an_uplift(books: Books) -> None:
    """Evenly and quarterly phasing add back to the year; a copy with 2.5% raises every
    month, half a penny up; copying over an existing budget is refused."""
    assert sum(budgets.phase(10_000_01, "evenly")) == 10_000_01
    # By quarter: each quarter over its three months, the odd pence in its third month.
    assert budgets.phase(400_00, "quarterly") == [33_33, 33_33, 33_34] * 4
    assert sum(budgets.phase(10_000_01, "quarterly")) == 10_000_01
    assert budgets.phase(-12_00, "quarterly") == [-1_00] * 12
    who = actor(books.db)
    with books.db.sessions.begin() as session:
        budgets.set_budget_line(
            session,
            who,
            year_id=books.years[2025],
            category_id=books.categories["Contractors"],
            months=budgets.phase(12_345_67, "evenly"),
        )
        budgets.copy_budget(
            session,
            who,
            from_year_id=books.years[2025],
            to_year_id=books.years[2026],
            uplift_bp=250,
        )
        old = budgets.budget_lines(session, 1, books.years[2025])[0]
        new = budgets.budget_lines(session, 1, books.years[2026])[0]
    expected = [(p * 10250 * 2 + 10000) // 20000 for p in old.months]
    assert list(new.months) == expected and new.total == sum(expected)
    with pytest.raises(UserError, match="already has a budget"), books.db.sessions.begin() as s:
        budgets.copy_budget(s, who, from_year_id=books.years[2025], to_year_id=books.years[2026])


def test_budget_against_actual_for_a_quarter(books: Books) -> None:
    """Quarter 2 of 2025/26: budget, actual and variance for the quarter and the year to
    date, and the forecast outturn, each as worked out by hand."""
    lma = _agreement(books)
    cleaning = lma.services[0].id
    who = actor(books.db)
    months = budgets.phase(60_000_00, "evenly")  # 5,000 a month
    with books.db.sessions.begin() as session:
        budgets.set_budget_line(
            session,
            who,
            year_id=books.years[2025],
            category_id=books.categories["Contractors"],
            service_id=cleaning,
            months=months,
        )
    for day, pence in (
        (date(2025, 5, 10), 4_000_00),
        (date(2025, 7, 10), 5_500_00),
        (date(2025, 9, 30), 6_000_00),
        (date(2025, 10, 1), 9_999_99),
    ):
        enter(
            books,
            "payment",
            day,
            pence,
            fund_id=books.lma,
            agreement_id=lma.id,
            service_id=cleaning,
        )
    hall = enter(
        books, "receipt", date(2025, 8, 1), 120_00, category_id=books.categories["Hall hire"]
    )
    year = _year(books, 2025)
    with books.db.sessions.begin() as session:
        cashbook.reverse_entry(session, who, hall.id, on=date(2025, 8, 2), reason="cancelled")
        report = figures.budget_vs_actual(session, 1, year, 4, 6)
    assert report.period == "Quarter 2 (July 2025 to September 2025)"
    (row,) = [r for r in report.rows if r.category == "Contractors"]
    assert row.service == "Cleaning"
    assert (row.budget_period, row.actual_period, row.variance_period) == (
        15_000_00,
        11_500_00,
        -3_500_00,
    )
    assert (row.budget_to_date, row.actual_to_date) == (30_000_00, 15_500_00)
    assert row.forecast == 15_500_00 + 30_000_00
    (hire,) = [r for r in report.rows if r.category == "Hall hire"]
    assert (hire.budget_year, hire.actual_period) == (0, 0)  # the reversal took it off
    assert figures.percent(row.variance_period, row.budget_period) == Decimal("-23.3")


def test_savings_split_between_community_and_council(books: Books) -> None:
    """Allowance less spending on the agreement's services is the saving; the
    community's 50% and the council's share add up to it exactly."""
    lma = _agreement(books, community_share_bp=3333)
    for service, spent in zip(lma.services, (55_000_00, 20_000_00, 15_000_01), strict=True):
        enter(
            books,
            "payment",
            date(2025, 6, 1),
            spent,
            fund_id=books.lma,
            agreement_id=lma.id,
            service_id=service.id,
        )
    enter(
        books,
        "payment",
        date(2025, 7, 1),
        1_000_00,
        fund_id=books.lma,
        agreement_id=lma.id,
        service_id=lma.services[0].id,
        category_id=books.categories["Staff wages"],
    )
    enter(
        books,
        "receipt",
        date(2025, 4, 2),
        25_000_01,
        fund_id=books.lma,
        agreement_id=lma.id,
        category_id=books.categories["LMA allowance"],
    )
    with books.db.sessions() as session:
        found = figures.savings(session, 1, lma, _year(books, 2025))
    assert found.allowance == 100_000_01 and found.spent == 91_000_01
    assert found.received == 25_000_01
    assert found.saving == 9_000_00
    assert found.community_share == 2_999_70 and found.council_share == 6_000_30
    assert found.by_service[0] == ("Cleaning", 60_000_00, 56_000_00)  # two categories
