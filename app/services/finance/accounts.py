"""The year's accounts in the Charity Commission's receipts-and-payments layout, and the
statement of assets and liabilities; each column a kind of fund, and last year's total.

Cash at the start is every entry before the year plus the year's opening balances;
cash at the end is the start plus receipts, less payments, plus transfers between
funds (which net to nothing in total) — and equals the accounts' balances.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from app.models import Entry, FinanceCategory, Fund
from app.services.finance.book import account_balances
from app.services.finance.common import HEADING_BY_KEY, HEADINGS, EntryKind
from app.services.finance.setup import YearInfo, list_accounts, list_years

KINDS = ("unrestricted", "restricted", "endowment")
Columns = tuple[int, int, int]
ZERO: Columns = (0, 0, 0)


def _add(a: Columns, b: Columns, sign: int = 1) -> Columns:
    return (a[0] + sign * b[0], a[1] + sign * b[1], a[2] + sign * b[2])


@dataclass(frozen=True)
class Line:
    """One line of the account: a figure per kind of fund, and last year's total."""

    label: str
    funds: Columns
    last_year: int | None = None

    @property
    def total(self) -> int:
        return sum(self.funds)


@dataclass(frozen=True)
class YearFigures:
    """One year's figures by heading and kind of fund (before they are laid out)."""

    by_heading: dict[str, Columns]
    transfers: Columns
    cash_start: Columns

    def section(self, section: str) -> Columns:
        out = ZERO
        for h in HEADINGS:
            if h.section == section:
                out = _add(out, self.by_heading.get(h.key, ZERO))
        return out

    @property
    def net(self) -> Columns:
        inflow = _add(
            _add(self.section("receipts"), self.section("asset_sales")), self.section("shares_in")
        )
        outflow = _add(
            _add(self.section("payments"), self.section("asset_purchases")),
            self.section("shares_out"),
        )
        return _add(inflow, outflow, -1)

    @property
    def cash_end(self) -> Columns:
        return _add(_add(self.cash_start, self.net), self.transfers)


def _column(kind_column: Any, amount: Any) -> list[Any]:
    return [func.sum(case((kind_column == k, amount), else_=0)) for k in KINDS]


def year_figures(session: Session, organisation_id: int, year: YearInfo) -> YearFigures:
    """Sums by heading and kind of fund for ``year``, all in SQL."""
    in_year = (
        Entry.organisation_id == organisation_id,
        Entry.dated >= year.starts_on,
        Entry.dated <= year.ends_on,
    )
    by_heading: dict[str, Columns] = {}
    for heading, *values in session.execute(
        select(FinanceCategory.heading, *_column(Fund.kind, Entry.amount_pence))
        .join(FinanceCategory, FinanceCategory.id == Entry.category_id)
        .join(Fund, Fund.id == Entry.fund_id)
        .where(*in_year, Entry.kind.in_(("receipt", "payment")))
        .group_by(FinanceCategory.heading)
    ):
        by_heading[heading] = (int(values[0]), int(values[1]), int(values[2]))
    to_fund = aliased(Fund)
    out_of = session.execute(
        select(*_column(Fund.kind, Entry.amount_pence))
        .join(Fund, Fund.id == Entry.fund_id)
        .where(*in_year, Entry.kind == EntryKind.TRANSFER, Entry.to_fund_id.is_not(None))
    ).one()
    into = session.execute(
        select(*_column(to_fund.kind, Entry.amount_pence))
        .join(to_fund, to_fund.id == Entry.to_fund_id)
        .where(*in_year, Entry.kind == EntryKind.TRANSFER, Entry.to_fund_id.is_not(None))
    ).one()
    transfers = tuple(int(b or 0) - int(a or 0) for a, b in zip(out_of, into, strict=True))
    return YearFigures(by_heading, transfers, _cash_start(session, organisation_id, year))  # type: ignore[arg-type]


def _cash_start(session: Session, organisation_id: int, year: YearInfo) -> Columns:
    """Fund balances by kind at the close of the day before the year, plus the year's
    opening balances."""
    before = year.starts_on - timedelta(days=1)
    effect = case(
        (Entry.kind.in_(("opening", "receipt")), Entry.amount_pence),
        (Entry.kind == EntryKind.PAYMENT, -Entry.amount_pence),
        (Entry.to_fund_id.is_not(None), -Entry.amount_pence),
        else_=0,
    )
    own = session.execute(
        select(*_column(Fund.kind, effect))
        .join(Fund, Fund.id == Entry.fund_id)
        .where(Entry.organisation_id == organisation_id, Entry.dated <= before)
    ).one()
    to_fund = aliased(Fund)
    received = session.execute(
        select(*_column(to_fund.kind, Entry.amount_pence))
        .join(to_fund, to_fund.id == Entry.to_fund_id)
        .where(
            Entry.organisation_id == organisation_id,
            Entry.dated <= before,
            Entry.kind == EntryKind.TRANSFER,
        )
    ).one()
    opening = session.execute(
        select(*_column(Fund.kind, Entry.amount_pence))
        .join(Fund, Fund.id == Entry.fund_id)
        .where(
            Entry.organisation_id == organisation_id,
            Entry.kind == EntryKind.OPENING,
            Entry.dated >= year.starts_on,
            Entry.dated <= year.ends_on,
        )
    ).one()
    return tuple(  # type: ignore[return-value]
        int(a or 0) + int(b or 0) + int(c or 0)
        for a, b, c in zip(own, received, opening, strict=True)
    )


@dataclass(frozen=True)
class ReceiptsAndPayments:
    """The receipts and payments account for a year, laid out as CC16 asks."""

    year: YearInfo
    last_year: YearInfo | None
    receipts: tuple[Line, ...]
    receipts_total: Line
    asset_sales: Line
    shares_in: Line
    payments: tuple[Line, ...]
    payments_total: Line
    asset_purchases: Line
    shares_out: Line
    net: Line
    transfers: Line
    cash_start: Line
    cash_end: Line
    accounts: tuple[tuple[str, int], ...]  # bank and cash balances at the year's end

    @property
    def agrees(self) -> bool:
        """Cash at the end equals what the bank and cash accounts hold."""
        return self.cash_end.total == sum(b for _n, b in self.accounts)


def receipts_and_payments(
    session: Session, organisation_id: int, year: YearInfo
) -> ReceiptsAndPayments:
    """This year's account with last year's totals beside it."""
    this = year_figures(session, organisation_id, year)
    earlier = [y for y in list_years(session, organisation_id) if y.ends_on < year.starts_on]
    last_year = earlier[-1] if earlier else None
    last = year_figures(session, organisation_id, last_year) if last_year else None

    def line(label: str, figures: Columns, last_figures: Columns | None) -> Line:
        return Line(label, figures, None if last_figures is None else sum(last_figures))

    def section_line(section: str, label: str | None = None) -> Line:
        key = next(h for h in HEADINGS if h.section == section).key
        return line(
            label or HEADING_BY_KEY[key].label,
            this.section(section),
            last.section(section) if last else None,
        )

    def heading_lines(section: str) -> tuple[Line, ...]:
        return tuple(
            line(
                h.label,
                this.by_heading.get(h.key, ZERO),
                last.by_heading.get(h.key, ZERO) if last else None,
            )
            for h in HEADINGS
            if h.section == section
        )

    balances = account_balances(session, organisation_id, year.ends_on)
    accounts = tuple(
        (a.name, balances.get(a.id, 0)) for a in list_accounts(session, organisation_id)
    )
    return ReceiptsAndPayments(
        year,
        last_year,
        heading_lines("receipts"),
        section_line("receipts", "Total receipts"),
        section_line("asset_sales"),
        section_line("shares_in"),
        heading_lines("payments"),
        section_line("payments", "Total payments"),
        section_line("asset_purchases"),
        section_line("shares_out"),
        line("Net of receipts and (payments)", this.net, last.net if last else None),
        line("Transfers between funds", this.transfers, last.transfers if last else None),
        line(
            "Cash funds at the start of the year",
            this.cash_start,
            last.cash_start if last else None,
        ),
        line("Cash funds at the end of the year", this.cash_end, last.cash_end if last else None),
        accounts,
    )
