"""The finance reports agree with the cash book to the penny: the transaction listing,
budget against actual and the council's pack are checked against sums taken straight
from the entries; the pack's formulas give the same totals in a spreadsheet program."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import UserError
from app.models import Entry, FinanceCategory
from app.reports import registry, render
from app.services.common.report_options import ReportOptions
from app.services.finance import reports as finance_reports
from tests.conftest import open_copy
from tests.recalc import needs_libreoffice, recalculated
from tests.services.board_helpers import actor

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def demo_books(demo_files: Callable[..., Path], db_path: Path) -> Any:
    """The small demo with its two years of books (as `mutualdesk demo` makes them)."""
    books = demo_files(members=30, seed=4, board=False, finance=True, today=NOW.date())
    db = open_copy(books, db_path)
    yield db
    db.close(backup=False)


def _entries(db: Any, start: date, end: date) -> list[Entry]:
    with db.sessions() as session:
        found = session.query(Entry).filter(Entry.dated >= start, Entry.dated <= end).all()
        session.expunge_all()
        return found


def _pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


def test_transaction_listing_totals_agree(demo_books: Any, tmp_path: Path) -> None:
    """Quarter 2 of this year: every entry listed once; money in and out total to the sums
    of receipts and payments taken from the entries; the xlsx says the same."""
    with demo_books.sessions() as session:
        table = finance_reports.transactions_table(
            session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=2)
        )
    every = _entries(demo_books, date(2026, 7, 1), date(2026, 9, 30))
    entries = [e for e in every if e.kind != "opening"]
    assert len(table.rows) == len(entries) > 20
    money_in = sum(e.amount_pence for e in entries if e.kind == "receipt")
    money_out = sum(e.amount_pence for e in entries if e.kind == "payment")
    totals = table.totals()
    assert (totals[-2], totals[-1]) == (_pounds(money_in), _pounds(money_out))
    render.write_xlsx(table, tmp_path / "tx.xlsx")
    sheet = load_workbook(tmp_path / "tx.xlsx").active
    numbers = [
        row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)
    ]
    assert sorted(numbers) == sorted(e.number for e in entries)


def test_budget_against_actual_agrees_with_the_entries(demo_books: Any) -> None:
    """Every category's actual for the quarter and to date is the sum of its entries."""
    with demo_books.sessions() as session:
        report = finance_reports.budget_report(
            session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=2)
        )
        names = {c.id: c.name for c in session.query(FinanceCategory)}
    quarter = _entries(demo_books, date(2026, 7, 1), date(2026, 9, 30))
    to_date = _entries(demo_books, date(2026, 4, 1), date(2026, 9, 30))
    for row in report.rows:
        mine = [e for e in quarter if names.get(e.category_id) == row.category]
        ytd = [e for e in to_date if names.get(e.category_id) == row.category]
        same = [r for r in report.rows if r.category == row.category]
        if len(same) == 1:  # a category under one service line only
            assert row.actual == sum(e.amount_pence for e in mine), row.category
            assert row.actual_to_date == sum(e.amount_pence for e in ytd), row.category
        else:
            assert sum(r.actual for r in same) == sum(e.amount_pence for e in mine)
    assert any(r.budget for r in report.rows) and report.chart and report.savings


def test_budget_for_a_year_still_running_is_to_date_with_a_forecast(demo_books: Any) -> None:
    """Without a quarter, this year's report runs to the last month ended; the forecast adds the
    budget still to come to what has been spent; last year's covers the whole year."""
    with demo_books.sessions() as session:
        now = finance_reports.budget_report(
            session, actor(demo_books), NOW, ReportOptions(year=2026)
        )
        last = finance_reports.budget_report(
            session, actor(demo_books), NOW, ReportOptions(year=2025)
        )
        names = {c.id: c.name for c in session.query(FinanceCategory)}
    assert now.period == "April 2026 to October 2026"  # the last month ended by 25/11/2026
    assert last.period == "April 2025 to March 2026"
    to_date = _entries(demo_books, date(2026, 4, 1), date(2026, 10, 31))
    for row in now.rows:
        assert row.actual == row.actual_to_date and row.budget == row.budget_to_date
        assert row.forecast == row.actual_to_date + row.budget_year - row.budget_to_date
        if len([r for r in now.rows if r.category == row.category]) == 1:
            ytd = [e for e in to_date if names.get(e.category_id) == row.category]
            assert row.actual_to_date == sum(e.amount_pence for e in ytd), row.category
    assert any(r.budget_to_date < r.budget_year for r in now.rows)
    assert all(r.budget_to_date == r.budget_year for r in last.rows)


def test_the_months_ended_follow_the_day_the_year_starts() -> None:
    """A year from 6 April: on 1 April it has not ended; on 1 May no month has ended yet."""
    from app.services.finance.reports import _month_reached
    from app.services.finance.setup import YearInfo

    whole = ReportOptions(year=2025)
    sixth = YearInfo(1, date(2025, 4, 6), date(2026, 4, 5), None)
    assert _month_reached(sixth, date(2026, 4, 1), whole) == 11  # to 05/03/2026
    assert _month_reached(sixth, date(2025, 5, 1), whole) == 1
    assert _month_reached(sixth, date(2025, 5, 6), whole) == 1  # month 1 ended 05/05
    assert _month_reached(sixth, date(2025, 5, 7), whole) == 1
    assert _month_reached(sixth, date(2025, 6, 5), whole) == 1  # month 2 ends that day
    assert _month_reached(sixth, date(2025, 6, 6), whole) == 2
    assert _month_reached(sixth, date(2026, 4, 6), whole) is None  # the year is over
    assert _month_reached(sixth, date(2026, 1, 1), ReportOptions(year=2025, quarter=2)) is None


def _pack(db: Any, tmp_path: Path) -> tuple[Path, Any]:
    with db.sessions() as session:
        pack = finance_reports.council_pack(
            session, actor(db), NOW, ReportOptions(year=2026, quarter=2)
        )
    out = tmp_path / "pack.xlsx"
    render.write_xlsx(pack, out)
    return out, pack


def test_council_pack_sheets_and_formulas(demo_books: Any, tmp_path: Path) -> None:
    """Five sheets; totals and variances are formulas, not typed-in figures; the
    transactions are the quarter's, openings aside; the allowance payments due so far
    are listed with what arrived, and none is late."""
    out, pack = _pack(demo_books, tmp_path)
    book = load_workbook(out)
    assert book.sheetnames == [
        "Cover", "Budget v actual", "Transactions", "Bank reconciliation", "Allowance received",
    ]  # fmt: skip
    cover = {r[0]: r[1] for r in book["Cover"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert cover["Period"] == "01/07/2026 to 30/09/2026"
    assert cover["Annual allowance"] == "£112,000.00"
    assert cover["Allowance payments late"].startswith("None: every payment due")
    paid = list(book["Allowance received"].iter_rows(min_row=2, values_only=True))
    assert [r[1].date() for r in paid[:-1]] == [date(2026, 4, 1), date(2026, 7, 1)]
    assert all(str(r[5]).startswith("Paid ") for r in paid[:-1])
    assert paid[-1][2] == f"=SUM(C2:C{len(paid)})"
    tx = book["Transactions"]
    last = tx.max_row
    assert tx[f"H{last}"].value == f"=SUM(H2:H{last - 1})"
    budget = book["Budget v actual"]
    formulas = [
        c.value
        for row in budget.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any(f.startswith("=SUM(") for f in formulas) and any("-" in f for f in formulas)
    entries = [
        e for e in _entries(demo_books, date(2026, 7, 1), date(2026, 9, 30)) if e.kind != "opening"
    ]
    assert len(pack.transactions) == len(entries)


@needs_libreoffice
def test_council_pack_formulas_recalculate_to_the_same_totals(
    demo_books: Any, tmp_path: Path
) -> None:
    """LibreOffice opens the pack, recalculates every formula, and the totals equal the
    sums taken from the cash book."""
    out, pack = _pack(demo_books, tmp_path)
    book = recalculated(out, tmp_path)
    tx = book["Transactions"]
    totals = next(tx.iter_rows(min_row=tx.max_row, values_only=True))
    entries = [
        e for e in _entries(demo_books, date(2026, 7, 1), date(2026, 9, 30)) if e.kind != "opening"
    ]
    money_in = sum(e.amount_pence for e in entries if e.kind == "receipt")
    money_out = sum(e.amount_pence for e in entries if e.kind == "payment")
    assert round(Decimal(str(totals[7])) * 100) == money_in
    assert round(Decimal(str(totals[8])) * 100) == money_out
    budget = book["Budget v actual"]
    rows = {r[0]: r for r in budget.iter_rows(values_only=True) if r[0]}
    receipts = sum(r.actual for r in pack.budget if r.direction == "receipt")
    payments = sum(r.actual for r in pack.budget if r.direction == "payment")
    assert round(Decimal(str(rows["Total receipts"][3])) * 100) == receipts
    assert round(Decimal(str(rows["Total payments"][3])) * 100) == payments
    assert round(Decimal(str(rows["Receipts less payments"][3])) * 100) == receipts - payments


def test_reports_from_the_command_line_catalogue(demo_books: Any, tmp_path: Path) -> None:
    """The accounts and the budget report render as PDFs that say what they are."""
    for name, expected in (("accounts", "Receipts and payments account"), ("budget", "Quarter 2")):
        spec = registry.find(name)
        with demo_books.sessions() as session:
            data = spec.build(session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=2))
        out = tmp_path / f"{name}.pdf"
        render.write_pdf(data, out)
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert expected in text


@needs_libreoffice
@pytest.mark.parametrize("year", [2025, 2026])
def test_accounts_workbook_recalculates_to_the_printed_accounts(
    demo_books: Any, tmp_path: Path, year: int
) -> None:
    """`export accounts`: every total is a formula, and once LibreOffice recalculates them
    each figure equals the printed accounts' to the penny, last year's too; the cash funds
    agree."""
    from app.reports.xlsx import accounts_book
    from app.services.finance import reports as finance_reports

    with demo_books.sessions() as session:
        statement = finance_reports.accounts_statement(
            session, actor(demo_books), NOW, ReportOptions(year=year)
        )
    out = tmp_path / "accounts.xlsx"
    accounts_book.write(statement, out)
    sheet = load_workbook(out)["Receipts and payments"]
    written = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert str(written["Total receipts"][4]).startswith("=SUM(")
    assert str(written["Cash funds at the end of the year"][1]).startswith("=")
    book = recalculated(out, tmp_path)
    shown = {r[0]: r for r in book["Receipts and payments"].iter_rows(values_only=True) if r[0]}

    def pence(value: Any) -> int:
        return round(Decimal(str(value)) * 100)

    for row in statement.rows:
        if row.funds is None:
            continue
        cells = shown[row.label]
        assert [pence(v) for v in cells[1:4]] == list(row.funds), row.label
        assert pence(cells[4]) == row.total, row.label
    assets = {
        r[0]: r[2] for r in book["Assets and liabilities"].iter_rows(values_only=True) if r[0]
    }
    assert pence(assets["Total cash funds"]) == sum(b for _n, b in statement.cash)
    assert pence(assets["Difference (should be nil)"]) == 0
    for section in statement.statement:  # every section's total, recalculated
        assert pence(assets[section.total_label]) == section.total, section.title


def test_a_closed_years_closing_funds_open_the_next_and_its_accounts_never_change(
    demo_books: Any,
) -> None:
    """Each fund's cash at the end of the closed year is where the next year starts, and
    the closed year's accounts come out the same after more work in the open year."""
    from app.services.finance import reports as finance_reports

    def statement(year: int) -> Any:
        with demo_books.sessions() as session:
            return finance_reports.accounts_statement(
                session, actor(demo_books), NOW, ReportOptions(year=year)
            )

    closed, open_ = statement(2025), statement(2026)
    end = next(r for r in closed.rows if r.style == "grand")
    start = next(r for r in open_.rows if r.label.startswith("Cash funds at the start"))
    assert start.funds == end.funds and start.total == end.total
    assert start.last_year is not None  # last year's start, beside this year's
    from app.services.finance import cashbook

    with demo_books.sessions.begin() as session:
        first = session.scalars(
            select(Entry).where(Entry.dated >= date(2026, 4, 1), Entry.kind == "receipt")
        ).first()
        assert first is not None
        cashbook.record_entry(session, actor(demo_books), cashbook.EntryDetails(
            "receipt", date(2026, 11, 20), "Hall hire", 45_00, first.fund_id, first.account_id,
            "Mrs Okafor", first.category_id,
        ))  # fmt: skip
    assert statement(2025) == closed
    assert statement(2026) != open_


def test_the_accounts_notes_give_share_capital_and_the_allowance(
    demo_books: Any, tmp_path: Path
) -> None:
    """The notes: share capital from the share ledger (start, movements, end adding up),
    the allowance expected and received, the community dividend; in the PDF and the
    workbook, where share capital at the end is a formula."""
    from app.reports.pdf import finance_papers
    from app.reports.xlsx import accounts_book
    from app.services.finance import reports as finance_reports
    from app.services.membership import year_end

    with demo_books.sessions() as session:
        statement = finance_reports.accounts_statement(
            session, actor(demo_books), NOW, ReportOptions(year=2025)
        )
        shares = year_end.year_end_figures(session, 1, 2025, NOW.date())
    notes = dict(statement.notes)
    capital = dict(next(v for k, v in notes.items() if k.startswith("Members' share capital")))
    assert capital["Paid up at the end of the year"] == shares.capital_at_end_pence
    start, *moves, end = next(v for k, v in notes.items() if k.startswith("Members'"))
    assert start[1] + sum(p for _l, p in moves) == end[1]
    lma = dict(next(v for k, v in notes.items() if "community dividend" in k))
    assert lma["Allowance expected in the year"] == lma["Allowance received for the year"]
    pdf = tmp_path / "accounts.pdf"
    finance_papers.write_accounts(statement, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Notes to the accounts" in text and "Community dividend (50% of the saving)" in text
    assert statement.share_capital_pence == shares.capital_at_end_pence
    flat = " ".join(text.split())
    assert "Members' share capital (repayable to members, shown apart from the funds)" in flat
    book = tmp_path / "accounts.xlsx"
    accounts_book.write(statement, book)
    assets = load_workbook(book)["Assets and liabilities"]
    held = {r[0]: r[2] for r in assets.iter_rows(values_only=True) if r[0]}
    assert round(held["Paid up on members' shares"] * 100) == shares.capital_at_end_pence
    sheet = load_workbook(book)["Notes"]
    cells = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert str(cells["Paid up at the end of the year"]).startswith("=SUM(B")


def test_the_agreements_monitoring_months_make_the_packs_periods(demo_books: Any) -> None:
    """Monitored monthly, the pack's period 5 is the year's fifth month; there is no
    period 13; monitored quarterly (the demo), period 2 is July to September."""
    from app.services.finance import agreements

    with demo_books.sessions() as session:
        quarterly = finance_reports.council_pack(
            session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=2)
        )
    assert dict(quarterly.cover)["Period"] == "01/07/2026 to 30/09/2026"
    assert quarterly.period_label == "2026/27, quarter 2"
    with demo_books.sessions.begin() as session:
        (lma,) = agreements.list_agreements(session, 1)
        details = agreements.AgreementDetails(
            lma.name, lma.counterparty, lma.starts_on, lma.fund_id,
            tuple((s.name, s.annual_allowance_pence) for s in lma.services),
            lma.ends_on, lma.schedule, lma.community_share_bp, monitoring_months=1,
        )  # fmt: skip
        agreements.save_agreement(session, actor(demo_books), details, lma.id)
    with demo_books.sessions() as session:
        monthly = finance_reports.council_pack(
            session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=5)
        )
        with pytest.raises(UserError, match="monitored every 1 month, so give 1 to 12"):
            finance_reports.council_pack(
                session, actor(demo_books), NOW, ReportOptions(year=2026, quarter=13)
            )
    assert dict(monthly.cover)["Period"] == "01/08/2026 to 31/08/2026"
    assert monthly.period_label == "2026/27, month 5"


def test_the_demo_statement_lists_what_is_owed_owned_and_members_capital(
    demo_books: Any,
) -> None:
    """The latest complete year's statement of assets and liabilities on the demo: a
    debtor, a creditor and equipment at cost, and members' share capital equal to the
    share ledger's paid-up total at the year's end, apart from the funds."""
    from app.services.finance import reports as finance_reports
    from app.services.membership import shares

    with demo_books.sessions() as session:
        statement = finance_reports.accounts_statement(
            session, actor(demo_books), NOW, ReportOptions(year=2025)
        )
        ledger = shares.ledger(session, 1)
    sections = {s.key: s for s in statement.statement}
    assert [s.key for s in statement.statement] == [
        "cash", "debtors", "investments", "own_use", "creditors", "share_capital",
    ]  # fmt: skip
    assert sections["debtors"].lines and sections["creditors"].lines
    assert sections["own_use"].lines and all(p > 0 for _w, _d, p in sections["own_use"].lines)
    paid_up = sum(line.amount_pence for line in ledger if line.on <= statement.year_end)
    assert sections["share_capital"].total == paid_up == statement.share_capital_pence
    assert sections["cash"].total == sum(b for _n, b in statement.cash)
