"""The plain data behind the finance reports: the year's accounts, budget against
actual (with its chart), and the council's monitoring pack. Money is integer pence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.services.common.reports import Letterhead

FUND_COLUMNS = ("Unrestricted funds", "Restricted funds", "Endowment funds")


@dataclass(frozen=True)
class AccountsRow:
    """A line of the receipts and payments account: three fund columns, this year's
    total and last year's (None where there is no figure). ``style``: 'heading' (a
    title with no figures), 'line', 'total' or 'grand'."""

    label: str
    funds: tuple[int, int, int] | None = None
    total: int | None = None
    last_year: int | None = None
    style: str = "line"


@dataclass(frozen=True)
class StatementSection:
    """A part of the statement of assets and liabilities (the Charity Commission's
    CC16a headings): its lines (what, details, pence) and their total. ``key``: 'cash',
    'debtors', 'investments', 'own_use', 'creditors' or 'share_capital'."""

    key: str
    title: str
    lines: tuple[tuple[str, str, int], ...]
    total_label: str
    empty: str = "None"  # what is printed when there are no lines

    @property
    def total(self) -> int:
        return sum(pence for _w, _d, pence in self.lines)


@dataclass(frozen=True)
class AccountsStatement:
    """The receipts and payments account and the statement of assets and liabilities."""

    letterhead: Letterhead
    generated: datetime
    year_label: str  # '2025/26'
    last_label: str  # '2024/25', or '' in the first year
    year_end: date
    rows: tuple[AccountsRow, ...]
    cash: tuple[tuple[str, int], ...]  # each bank and cash account at the year's end
    agrees: bool
    # notes to the accounts: (heading, ((label, pence), ...)); a section whose first and
    # last lines are a start and an end adds up (start + the lines between = end)
    notes: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    statement: tuple[StatementSection, ...] = ()  # assets and liabilities at the year's end

    @property
    def share_capital_pence(self) -> int | None:
        """Members' share capital paid up at the year's end (from the notes), if known."""
        for heading, lines in self.notes:
            if heading.startswith("Members' share capital"):
                return lines[-1][1]
        return None


@dataclass(frozen=True)
class BudgetLineRow:
    """One category under one service line, for the period and the year to date."""

    service: str
    category: str
    direction: str
    budget: int
    actual: int
    budget_to_date: int
    actual_to_date: int
    forecast: int
    budget_year: int


@dataclass(frozen=True)
class BudgetReport:
    """Budget against actual, with variance in pounds and per cent and the forecast."""

    letterhead: Letterhead
    generated: datetime
    title: str  # 'Budget against actual 2025/26'
    period: str  # 'Quarter 2 (July 2025 to September 2025)'
    rows: tuple[BudgetLineRow, ...]
    chart: tuple[tuple[str, int, int], ...]  # (service, budget to date, actual to date)
    savings: tuple[tuple[str, int], ...] = ()  # (what, pence) for each agreement
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CouncilPack:
    """The quarterly monitoring return, one workbook: the cover, budget against actual by
    service, the period's transactions and the bank reconciliation summary."""

    letterhead: Letterhead
    generated: datetime
    cover: tuple[tuple[str, str], ...]  # (label, value)
    budget: tuple[BudgetLineRow, ...]
    transactions: tuple[tuple[int, date, str, str, str, str, str, int, int], ...]
    # (number, date, description, payer or payee, category, service, fund, in, out)
    reconciliation: tuple[tuple[str, date | None, int | None, int, str], ...]
    # (account, statement date, statement balance, cash book balance, state)
    period_label: str
    allowance: tuple[tuple[str, date, int, int, str], ...] = ()
    # each allowance payment due up to the period's end:
    # (agreement, due date, amount due, received, where it stands)
    performance: Any = None  # the year's indicators (performance.results.Performance)
