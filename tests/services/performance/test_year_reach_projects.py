"""A year of an indicator (the quarters' figures added up, the trend over eight
quarters), a Children's Centre's reach (counts only, small ones not shown), and a
community project's spending from the cash book."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from app.errors import UserError
from app.services.accounts import auth
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD
from app.services.performance import indicators, projects, reach, results
from tests.services.finance_helpers import books, enter, plain

__all__ = ["books", "plain"]


def _office(db: Any) -> Any:
    return auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor


def test_the_year_adds_up_the_quarters_and_the_trend_reads_eight(books: Any) -> None:
    """Repairs in time: 45/50, 40/50 and 95/100 in three quarters is 180/200 = 90.0% for
    the year (not the average of 90%, 80% and 95%); last year's Q4 shows in the trend."""
    db = books.db
    office = _office(db)
    with db.sessions.begin() as session:
        indicators.switch_on(session, office, ["REP-R"])
        rep = indicators.find_indicator(session, 1, "REP-R").id
        for year, quarter, done, all_ in ((2025, 1, 45, 50), (2025, 2, 40, 50),
                                          (2025, 3, 95, 100), (2024, 4, 7, 10)):  # fmt: skip
            indicators.record(session, office, rep, year, quarter, done, all_,
                              note="Contractor changed" if done == 40 else "")  # fmt: skip
    with db.sessions() as session:
        found = results.performance(session, office, datetime(2026, 6, 1), ReportOptions(year=2025))
    (year,) = found.indicators
    assert (year.year.first, year.year.second, year.year.shown) == (180, 200, "90.0%")
    assert year.year.verdict == "met"  # the target is 90%
    assert [p.verdict for p in year.periods] == ["met", "missed", "met", "no figures"]
    assert year.periods[1].note == "Contractor changed"
    assert year.trend[3] == ("2024/25 Q4", Decimal(70))
    assert [t[1] for t in year.trend[4:]] == [Decimal(90), Decimal(80), Decimal(95), None]


def test_reach_keeps_counts_and_an_export_shows_no_figure_under_five(books: Any) -> None:
    """Three lone parents is 'fewer than 5' as an export shows it; a sign-in sheet counts
    each name once and keeps none."""
    db = books.db
    office = _office(db)
    assert reach.shown(3) == "fewer than 5" and reach.shown(0) == "fewer than 5"
    assert reach.shown(5) == "5" and reach.shown(1254) == "1,254"
    assert reach.count_sheet("Amy Khan\n\namy  khan\nBen Okoro\n") == 2
    with db.sessions.begin() as session:
        reach.record_counts(session, office, 2025, 2, {
            ("Families registered", reach.ALL): 1254, ("Families registered", "Lone parents"): 3,
        })  # fmt: skip
        play = reach.add_activity(session, office, "Stay and play")
        reach.record_session(session, office, play, date(2025, 7, 3), 14)
        reach.record_session(session, office, play, date(2025, 7, 10), 11, reach.SHEET)
    with db.sessions() as session:
        found = reach.reach(session, 1, 2025, 2, date(2025, 7, 1), date(2025, 9, 30))
    assert found.counts[("Families registered", "Lone parents")] == 3
    assert found.groups == (reach.ALL, "Lone parents")
    assert [(a.name, a.sessions, a.attendance, a.average) for a in found.activities] == [
        ("Stay and play", 2, 25, 13)
    ]
    with db.sessions.begin() as session, pytest.raises(UserError, match="not one of the reach"):
        reach.record_counts(session, office, 2025, 2, {("Babies named", reach.ALL): 4})


def test_a_projects_spending_is_its_payments_in_the_cash_book(books: Any) -> None:
    """A project added with a budget shows what the cash book charged to it; a result is
    kept in words and a figure; a project ending before it starts is refused."""
    db = books.db
    office = _office(db)
    details = projects.ProjectDetails(
        name="Community garden", fund_id=books.projects, budget_pence=250_000,
        lead="Grace Adeyemi", starts_on=date(2025, 5, 1), ends_on=date(2026, 3, 31),
        status="under way",
    )  # fmt: skip
    with db.sessions.begin() as session:
        garden = projects.add_project(session, office, details)
        projects.add_result(session, office, garden, "Raised beds built", 12, "beds")
    enter(books, "receipt", date(2025, 5, 2), 300_000, fund_id=books.projects)
    enter(books, "payment", date(2025, 6, 1), 84_050, fund_id=books.projects,
          project_id=garden, description="Timber for raised beds")  # fmt: skip
    enter(books, "payment", date(2025, 6, 2), 10_000, fund_id=books.projects)  # not the garden's
    with db.sessions() as session:
        found = {p.name: p for p in projects.summaries(session, 1)}
    garden_now = found["Community garden"]
    assert garden_now.results == (("Raised beds built", 12, "beds"),)
    assert garden_now.payments == (
        projects.Payment(date(2025, 6, 1), "Timber for raised beds", 84_050),
    )
    assert (garden_now.spent_pence, garden_now.left_pence) == (84_050, 165_950)
    with db.sessions.begin() as session, pytest.raises(UserError) as refused:
        projects.add_project(session, office, details.__class__(
            **{**details.__dict__, "name": "Mural", "ends_on": date(2025, 1, 1)}))  # fmt: skip
    assert "ends before it starts" in str(refused.value.issues)


def test_a_rate_per_homes_counts_the_homes_once_and_a_position_is_the_years_end(
    books: Any,
) -> None:
    """Ten stage-one complaints a quarter among 412 homes is 40 ÷ 412 × 1,000 = 97.1 a
    year (not 40 ÷ 1,648); arrears for the year are the last quarter's; and figures for a
    period an indicator does not use are refused."""
    db = books.db
    office = _office(db)
    with db.sessions.begin() as session:
        indicators.switch_on(session, office, ["CH01-1", "RENT-2", "TP01"])
        ch01 = indicators.find_indicator(session, 1, "CH01-1").id
        arrears = indicators.find_indicator(session, 1, "RENT-2").id
        for quarter in range(1, 5):
            indicators.record(session, office, ch01, 2025, quarter, 10, 412)
        indicators.record(session, office, arrears, 2025, 3, 500_000, 20_000_000)
        indicators.record(session, office, arrears, 2025, 4, 640_000, 20_000_000)
    with db.sessions() as session:
        found = results.performance(session, office, datetime(2026, 6, 1), ReportOptions(year=2025))
    year = {i.code: i.year for i in found.indicators}
    assert (year["CH01-1"].first, year["CH01-1"].second, year["CH01-1"].shown) == \
        (40, 412, "97.1 per 1,000 homes")  # fmt: skip
    assert year["CH01-1"].verdict == "missed"
    assert (year["RENT-2"].first, year["RENT-2"].shown) == (640_000, "3.2%")
    with db.sessions.begin() as session:
        tp01 = indicators.find_indicator(session, 1, "TP01").id
    for indicator, quarter, said in ((tp01, 2, "once a year"), (ch01, 0, "each quarter")):
        with db.sessions.begin() as session, pytest.raises(UserError) as refused:
            indicators.record(session, office, indicator, 2025, quarter, 1, 2)
        assert said in str(refused.value.issues)
