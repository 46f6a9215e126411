"""Table models of Budgets & Accounts: the cash book (ordered ids from one query, rows a
page at a time, as the Members page does) and small lists as plain rows."""

from __future__ import annotations

from enum import IntEnum

from app.services.common.dates import uk
from app.services.common.money import format_pence
from app.services.finance import book, figures, setup
from app.services.finance.common import ENTRY_KINDS
from app.services.upkeep.work import Session
from app.ui.table_model import PagedModel, Reader, RowsModel

PAGE_SIZE = 200


class EntryColumn(IntEnum):
    NUMBER = 0
    DATE = 1
    KIND = 2
    DESCRIPTION = 3
    PARTY = 4
    CATEGORY = 5
    ACCOUNT = 6
    FUND = 7
    MONEY_IN = 8
    MONEY_OUT = 9
    REFERENCE = 10


ENTRY_HEADINGS = {
    EntryColumn.NUMBER: "No.",
    EntryColumn.DATE: "Date",
    EntryColumn.KIND: "Kind",
    EntryColumn.DESCRIPTION: "Description",
    EntryColumn.PARTY: "Payer or payee",
    EntryColumn.CATEGORY: "Category",
    EntryColumn.ACCOUNT: "Account",
    EntryColumn.FUND: "Fund",
    EntryColumn.MONEY_IN: "Money in",
    EntryColumn.MONEY_OUT: "Money out",
    EntryColumn.REFERENCE: "Reference",
}


def _entry_cell(row: book.EntryRow, column: EntryColumn) -> str:
    kind = ENTRY_KINDS[row.kind] + (" (reversal)" if row.reverses_id else "")
    return {
        EntryColumn.NUMBER: str(row.number),
        EntryColumn.DATE: uk(row.dated),
        EntryColumn.KIND: kind,
        EntryColumn.DESCRIPTION: row.description + (" 📎" if row.attachment else ""),
        EntryColumn.PARTY: row.party,
        EntryColumn.CATEGORY: row.category,
        EntryColumn.ACCOUNT: f"{row.account} → {row.to_account}" if row.to_account else row.account,
        EntryColumn.FUND: f"{row.fund} → {row.to_fund}" if row.to_fund else row.fund,
        EntryColumn.MONEY_IN: format_pence(row.money_in) if row.money_in else "",
        EntryColumn.MONEY_OUT: format_pence(row.money_out) if row.money_out else "",
        EntryColumn.REFERENCE: row.reference,
    }[column]


class CashBookModel(PagedModel[int, book.EntryRow]):
    """The cash book: only the ordered ids and the pages painted so far are held."""

    def __init__(self, read: Reader, organisation_id: int) -> None:
        super().__init__(
            EntryColumn,
            ENTRY_HEADINGS,
            _entry_cell,
            read,
            lambda session: self._ids_now(session),
            book.entry_rows,
            page_size=PAGE_SIZE,
        )
        self._org_id = organisation_id
        self.filter = book.CashFilter()

    def _ids_now(self, session: Session) -> list[int]:
        return book.entry_ids(session, self._org_id, self.filter)

    def set_filter(self, flt: book.CashFilter) -> None:
        self.filter = flt
        self.reload()


class BudgetColumn(IntEnum):
    SERVICE = 0
    CATEGORY = 1
    BUDGET = 2
    ACTUAL = 3
    VARIANCE = 4
    PERCENT = 5
    BUDGET_TO_DATE = 6
    ACTUAL_TO_DATE = 7
    FORECAST = 8


BUDGET_HEADINGS = {
    BudgetColumn.SERVICE: "Service",
    BudgetColumn.CATEGORY: "Category",
    BudgetColumn.BUDGET: "Budget",
    BudgetColumn.ACTUAL: "Actual",
    BudgetColumn.VARIANCE: "Actual less budget",
    BudgetColumn.PERCENT: "%",
    BudgetColumn.BUDGET_TO_DATE: "Budget to date",
    BudgetColumn.ACTUAL_TO_DATE: "Actual to date",
    BudgetColumn.FORECAST: "Forecast outturn",
}


def _budget_cell(row: figures.BudgetRow, column: BudgetColumn) -> str:
    pct = figures.percent(row.variance_period, row.budget_period)
    return {
        BudgetColumn.SERVICE: row.service or "General",
        BudgetColumn.CATEGORY: f"{row.category} ({'in' if row.direction == 'receipt' else 'out'})",
        BudgetColumn.BUDGET: format_pence(row.budget_period),
        BudgetColumn.ACTUAL: format_pence(row.actual_period),
        BudgetColumn.VARIANCE: format_pence(row.variance_period),
        BudgetColumn.PERCENT: "—" if pct is None else f"{pct}%",
        BudgetColumn.BUDGET_TO_DATE: format_pence(row.budget_to_date),
        BudgetColumn.ACTUAL_TO_DATE: format_pence(row.actual_to_date),
        BudgetColumn.FORECAST: format_pence(row.forecast),
    }[column]


def budget_model() -> RowsModel[figures.BudgetRow]:
    return RowsModel(BudgetColumn, BUDGET_HEADINGS, _budget_cell)


class ItemColumn(IntEnum):
    TICKED = 0
    NUMBER = 1
    DATE = 2
    DESCRIPTION = 3
    AMOUNT = 4


ITEM_HEADINGS = {
    ItemColumn.TICKED: "On the statement",
    ItemColumn.NUMBER: "No.",
    ItemColumn.DATE: "Date",
    ItemColumn.DESCRIPTION: "Description",
    ItemColumn.AMOUNT: "In (out)",
}
Item = tuple[book.EntryRow, int, bool]


def _item_cell(row: Item, column: ItemColumn) -> str:
    entry, effect, ticked = row
    return {
        ItemColumn.TICKED: "✔ Yes" if ticked else "No",
        ItemColumn.NUMBER: str(entry.number),
        ItemColumn.DATE: uk(entry.dated),
        ItemColumn.DESCRIPTION: entry.description,
        ItemColumn.AMOUNT: format_pence(effect),
    }[column]


def items_model() -> RowsModel[Item]:
    return RowsModel(ItemColumn, ITEM_HEADINGS, _item_cell)


class SetupColumn(IntEnum):
    NAME = 0
    KIND = 1
    DETAIL = 2


SETUP_HEADINGS = {SetupColumn.NAME: "Name", SetupColumn.KIND: "Kind", SetupColumn.DETAIL: "Details"}


def _setup_cell(row: tuple[str, str, str], column: SetupColumn) -> str:
    return row[column]


def setup_model() -> RowsModel[tuple[str, str, str]]:
    """(name, kind, details) rows: years, accounts, funds, categories, agreements."""
    return RowsModel(SetupColumn, SETUP_HEADINGS, _setup_cell)


def year_rows(years: list[setup.YearInfo]) -> list[tuple[str, str, str]]:
    return [
        (
            y.label,
            "Closed" if y.closed else "Open",
            f"{uk(y.starts_on)} to {uk(y.ends_on)}"
            + (f"; closed on {uk(y.closed_on)}" if y.closed_on else ""),
        )
        for y in years
    ]
