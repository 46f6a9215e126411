"""The data for the finance reports: the accounts, budget against actual, the
transaction listing and the council's monitoring pack (``--year`` is the year the
financial year starts in; ``--quarter`` narrows to a quarter of it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import MoneyAccount, Reconciliation
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.money import format_pence, to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Cell, Column, ColumnKind, TableReport
from app.services.finance import (
    accounts,
    agreements,
    allowance,
    book,
    figures,
    reconcile,
    setup,
    statement,
)
from app.services.finance.common import ENTRY_KINDS, EntryKind
from app.services.finance.report_types import (
    AccountsRow,
    AccountsStatement,
    BudgetLineRow,
    BudgetReport,
    CouncilPack,
)
from app.services.membership import year_end


def accounts_statement(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> AccountsStatement:
    """The receipts and payments account and the statement of assets and liabilities."""

    year = setup.report_year(session, actor, options)
    assert actor.organisation_id is not None
    rp = accounts.receipts_and_payments(session, actor.organisation_id, year)

    def row(line: accounts.Line, style: str = "line") -> AccountsRow:
        return AccountsRow(line.label, line.funds, line.total, line.last_year, style)

    rows = (
        AccountsRow("Receipts", style="heading"),
        *(row(line) for line in rp.receipts),
        row(rp.receipts_total, "total"),
        row(rp.asset_sales),
        row(rp.shares_in),
        AccountsRow("Payments", style="heading"),
        *(row(line) for line in rp.payments),
        row(rp.payments_total, "total"),
        row(rp.asset_purchases),
        row(rp.shares_out),
        row(rp.net, "total"),
        row(rp.transfers),
        row(rp.cash_start),
        row(rp.cash_end, "grand"),
    )
    notes = _notes(session, actor.organisation_id, year, now.date())
    capital = notes[0][1][-1][1]  # the share capital note ends with the paid-up total
    return AccountsStatement(
        letterhead(session, actor.organisation_id),
        now,
        year.label,
        rp.last_year.label if rp.last_year else "",
        year.ends_on,
        rows,
        rp.accounts,
        rp.agrees,
        notes,
        statement.assets_and_liabilities(
            session, actor.organisation_id, year, rp.accounts, capital
        ),
    )


def _notes(
    session: Session, org: int, year: setup.YearInfo, today: date
) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Share capital's movements, the LMA allowance expected and received, and the
    community's dividend from the year's savings."""
    shares = year_end.year_end_figures(session, org, year.starts_on.year, today)
    notes: list[tuple[str, tuple[tuple[str, int], ...]]] = [
        (
            "Members' share capital (held for the members, not part of the funds above)",
            (
                ("Paid up at the start of the year", shares.capital_at_start_pence),
                ("Shares issued", shares.issued_pence),
                ("Shares withdrawn (repaid)", shares.withdrawn_pence),
                ("Shares cancelled", shares.cancelled_pence),
                ("Paid up at the end of the year", shares.capital_at_end_pence),
            ),
        )
    ]
    for agreement in agreements.list_agreements(session, org):
        due = [
            i for i in allowance.instalments(session, org, year, today)
            if i.agreement == agreement.name
        ]  # fmt: skip
        if not due:
            continue
        saved = figures.savings(session, org, agreement, year)
        notes.append(
            (
                f"{agreement.name}: the allowance and the community dividend",
                (
                    ("Allowance expected in the year", sum(i.amount_pence for i in due)),
                    ("Allowance received for the year", sum(i.received_pence for i in due)),
                    ("Saving against the allowance", saved.saving),
                    (f"Community dividend ({agreement.share_text} of the saving)",
                     saved.community_share),
                ),
            )
        )  # fmt: skip
    return tuple(notes)


def _budget_rows(report: figures.BudgetVsActual) -> tuple[BudgetLineRow, ...]:
    return tuple(
        BudgetLineRow(
            r.service or "General",
            r.category,
            r.direction,
            r.budget_period,
            r.actual_period,
            r.budget_to_date,
            r.actual_to_date,
            r.forecast,
            r.budget_year,
        )
        for r in report.rows
    )


def _month_reached(year: setup.YearInfo, today: date, options: ReportOptions) -> int | None:
    """For a whole year still running, the last month of it that has ended by ``today``
    (the first month, if none has): the report is then to date, with the budget for the
    rest in the forecast. Otherwise None (the whole year, or the quarter asked for)."""
    if options.quarter is not None or not year.starts_on <= today <= year.ends_on:
        return None
    ended = [m for m in range(1, 13) if figures.month_end(year, m) < today]
    return max([1, *ended])


def budget_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> BudgetReport:
    """Budget against actual for a quarter (or the year), by service line and category,
    with a chart of spending by service and each agreement's savings."""

    assert actor.organisation_id is not None
    org = actor.organisation_id
    year = setup.report_year(session, actor, options)
    first, last = figures.period_months(options.quarter, _month_reached(year, now.date(), options))
    found = figures.budget_vs_actual(session, org, year, first, last)
    rows = _budget_rows(found)
    chart: dict[str, tuple[int, int]] = {}
    for r in rows:
        if r.direction == "payment":
            b, a = chart.get(r.service, (0, 0))
            chart[r.service] = (b + r.budget_to_date, a + r.actual_to_date)
    savings = []
    for agreement in agreements.list_agreements(session, org):
        if agreement.in_force_during(year.starts_on, year.ends_on):
            s = figures.savings(session, org, agreement, year, last)
            savings += [
                (f"{agreement.name}: allowance to date", s.allowance),
                (f"{agreement.name}: spent on its services to date", s.spent),
                (f"{agreement.name}: saving to date", s.saving),
                (f"Community's share ({agreement.share_text})", s.community_share),
                (f"{agreement.counterparty}'s share", s.council_share),
            ]
    for name, budget, spent in figures.projects(session, org):
        savings += [(f"Community project: {name} (budget {format_pence(budget)}), spent", spent)]
    return BudgetReport(
        letterhead(session, org),
        now,
        f"Budget against actual {year.label}",
        found.period,
        rows,
        tuple((name, b, a) for name, (b, a) in chart.items()),
        tuple(savings),
        (
            "Variance is actual less budget: for payments a positive figure is an "
            "overspend, for receipts more received than budgeted.",
            "Forecast outturn is the actual to date plus the budget for the months to come.",
        ),
    )


BUDGET_COLUMNS = (
    Column("Service", width=1.2),
    Column("Category", width=1.4),
    Column("Receipts or payments", width=0.9),
    Column("Budget (period)", ColumnKind.MONEY, 1, total=False),
    Column("Actual (period)", ColumnKind.MONEY, 1),
    Column("Variance (period)", ColumnKind.MONEY, 1),
    Column("Budget (to date)", ColumnKind.MONEY, 1),
    Column("Actual (to date)", ColumnKind.MONEY, 1),
    Column("Variance (to date)", ColumnKind.MONEY, 1),
    Column("Forecast outturn", ColumnKind.MONEY, 1),
    Column("Budget (year)", ColumnKind.MONEY, 1),
)


def budget_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Budget against actual as a table (for a spreadsheet)."""
    report = budget_report(session, actor, now, options)
    money = to_decimal
    return TableReport(
        report.title,
        report.letterhead,
        now,
        BUDGET_COLUMNS,
        tuple(
            (
                r.service,
                r.category,
                "Receipts" if r.direction == "receipt" else "Payments",
                money(r.budget),
                money(r.actual),
                money(r.actual - r.budget),
                money(r.budget_to_date),
                money(r.actual_to_date),
                money(r.actual_to_date - r.budget_to_date),
                money(r.forecast),
                money(r.budget_year),
            )
            for r in report.rows
        ),
        subtitle=report.period,
        notes=report.notes,
        landscape=True,
    )


TRANSACTION_COLUMNS = (
    Column("No.", ColumnKind.IDENTIFIER, 0.5),
    Column("Date", ColumnKind.DATE, 0.8),
    Column("Kind", width=0.8),
    Column("Description", width=2.2),
    Column("Payer or payee", width=1.3),
    Column("Category", width=1.2),
    Column("Account", width=1.0),
    Column("Fund", width=1.0),
    Column("Reference", width=0.8),
    Column("In", ColumnKind.MONEY, 0.9, total=True),
    Column("Out", ColumnKind.MONEY, 0.9, total=True),
)
SCAN_COLUMN = Column("Receipt scan", width=1.0)


def _period(
    session: Session, actor: Actor, options: ReportOptions
) -> tuple[setup.YearInfo, date, date, str]:
    year = setup.report_year(session, actor, options)
    first, last = figures.period_months(options.quarter, None)
    start, end = figures.month_start(year, first), figures.month_end(year, last)
    label = year.label if options.quarter is None else f"{year.label}, quarter {options.quarter}"
    return year, start, end, label


def transactions_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Every entry of the year (or quarter) in date order, money in and out totalled.
    Transfers show in neither column (they move money within the organisation)."""
    return _transactions(session, actor, now, options, with_scans=False)


def transactions_with_scans(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The same, with the file name of each entry's scanned receipt (the examiner's pack)."""
    return _transactions(session, actor, now, options, with_scans=True)


def _transactions(
    session: Session, actor: Actor, now: datetime, options: ReportOptions, *, with_scans: bool
) -> TableReport:
    """Every entry of the year (or quarter) in date order, money in and out totalled.
    Transfers show in neither column (they move money within the organisation)."""

    assert actor.organisation_id is not None
    _year_info, start, end, label = _period(session, actor, options)
    ids = book.entry_ids(
        session, actor.organisation_id, book.CashFilter(date_from=start, date_to=end)
    )
    rows = book.entry_rows(session, ids)
    # Opening balances are where the books start, not money in or out in the period.
    rows = [r for r in rows if r.kind != EntryKind.OPENING]

    def where(r: book.EntryRow) -> str:
        return f"{r.account} → {r.to_account}" if r.to_account else r.account

    def fund(r: book.EntryRow) -> str:
        return f"{r.fund} → {r.to_fund}" if r.to_fund else r.fund

    return TableReport(
        f"Transactions {label}",
        letterhead(session, actor.organisation_id),
        now,
        (*TRANSACTION_COLUMNS, *((SCAN_COLUMN,) if with_scans else ())),
        tuple(
            (
                r.number,
                r.dated,
                ENTRY_KINDS[r.kind] + (" (reversal)" if r.reverses_id else ""),
                r.description,
                r.party,
                r.category,
                where(r),
                fund(r),
                r.reference,
                to_decimal(r.money_in) if r.money_in else None,
                to_decimal(r.money_out) if r.money_out else None,
                *((r.attachment,) if with_scans else ()),
            )
            for r in rows
        ),
        subtitle=f"{len(rows):,} entries from {start:%d/%m/%Y} to {end:%d/%m/%Y} "
        "(opening balances are not listed).",
        landscape=True,
    )


def _period_word(every: int) -> str:
    return {1: "month", 3: "quarter", 6: "half-year", 12: "year"}.get(every, "period")


def council_pack(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> CouncilPack:
    """The monitoring return for the council: cover, budget against actual, the period's
    transactions and the reconciliation summary."""

    assert actor.organisation_id is not None
    org = actor.organisation_id
    year = setup.report_year(session, actor, options)
    in_year = [
        a for a in agreements.list_agreements(session, org)
        if a.in_force_during(year.starts_on, year.ends_on)
    ]  # fmt: skip
    # The agreement's monitoring months make the periods: quarters, months or half-years.
    every = in_year[0].monitoring_months if in_year else 3
    first, last = (1, 12) if options.quarter is None else figures.monitoring_months(
        options.quarter, every
    )  # fmt: skip
    start, end = figures.month_start(year, first), figures.month_end(year, last)
    label = year.label if options.quarter is None else f"{year.label}, {_period_word(every)} " \
        f"{options.quarter}"  # fmt: skip
    found = figures.budget_vs_actual(session, org, year, first, last)
    head = letterhead(session, org)
    lmas = [a for a in in_year if a.in_force_during(start, end)]
    cover = [
        ("Organisation", head.organisation),
        ("Return for", label),
        ("Period", f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"),
    ]
    for a in lmas:
        cover += [
            ("Agreement", f"{a.name} with {a.counterparty}"),
            ("Services", ", ".join(s.name for s in a.services)),
            ("Annual allowance", format_pence(a.annual_allowance_pence)),
            ("Community's share of savings", a.share_text),
        ]
    due = [i for i in allowance.instalments(session, org, year, now.date()) if i.due_on <= end]
    late = [i for i in allowance.to_chase(session, org, year, now.date()) if i.due_on <= end]
    if lmas:
        cover.append(
            (
                "Allowance payments late",
                "; ".join(
                    f"{format_pence(i.owed_pence)} due {i.due_on:%d/%m/%Y} ({i.words().lower()})"
                    for i in late
                )
                or "None: every payment due by the end of the period has arrived",
            )
        )
    cover.append(("Prepared", f"{now:%d/%m/%Y %H:%M}"))
    ids = book.entry_ids(session, org, book.CashFilter(date_from=start, date_to=end))
    transactions = tuple(
        (
            r.number,
            r.dated,
            r.description,
            r.party,
            r.category,
            r.service,
            r.fund,
            r.money_in,
            r.money_out,
        )
        for r in book.entry_rows(session, ids)
        if r.kind != EntryKind.OPENING
    )
    return CouncilPack(
        head,
        now,
        tuple(cover),
        _budget_rows(found),
        transactions,
        reconcile.summary(session, org, end),
        label,
        tuple((i.agreement, i.due_on, i.amount_pence, i.received_pence, i.words()) for i in due),
    )


RECONCILIATION_COLUMNS = (
    Column("No.", ColumnKind.IDENTIFIER, 0.8),
    Column("Date", ColumnKind.DATE, 0.8),
    Column("Description", width=2.4),
    Column("Reference", width=0.9),
    Column("Not yet on the statement", ColumnKind.MONEY, 1.0, total=True),
)


def reconciliation_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The bank reconciliation statement for each bank account's latest reconciliation:
    the statement's balance, the items not yet on it, and the cash book's balance."""
    from sqlalchemy import select

    assert actor.organisation_id is not None
    org = actor.organisation_id
    rows: list[tuple[Cell, ...]] = []
    notes: list[str] = []
    for account in session.scalars(
        select(MoneyAccount).where(MoneyAccount.organisation_id == org, MoneyAccount.kind == "bank")
    ):
        latest = session.scalar(
            select(Reconciliation)
            .where(Reconciliation.account_id == account.id)
            .order_by(Reconciliation.statement_on.desc(), Reconciliation.id.desc())
            .limit(1)
        )
        if latest is None:
            notes.append(f"{account.name}: never reconciled.")
            continue
        state = reconcile.state(session, org, latest.id)
        waiting = [
            (e, eff) for e, eff, ticked in reconcile.items(session, org, latest.id) if not ticked
        ]
        book_balance = book.account_balances(session, org, latest.statement_on).get(account.id, 0)
        rows += [
            (e.number, e.dated, f"{account.name}: {e.description}", e.reference, to_decimal(eff))
            for e, eff in waiting
        ]
        finished = "finished" if state.finished_at else "NOT finished"
        notes.append(
            f"{account.name} at {latest.statement_on:%d/%m/%Y} ({finished}): statement balance "
            f"{format_pence(state.statement_balance)}; items not yet on the statement "
            f"{format_pence(sum(eff for _e, eff in waiting))}; cash book balance "
            f"{format_pence(book_balance)}; difference still to find "
            f"{format_pence(state.difference)}."
        )
    if not notes:
        raise UserError("There is no bank account to reconcile yet.")
    return TableReport(
        "Bank reconciliation",
        letterhead(session, org),
        now,
        RECONCILIATION_COLUMNS,
        tuple(rows),
        subtitle="Statement balance + items not yet on the statement = cash book balance.",
        notes=tuple(notes),
    )
