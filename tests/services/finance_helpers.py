"""Shared set-up for the finance tests: the small demo with two financial years
(April to March), a bank account and a cash tin, three funds and the usual categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from app.services.finance import cashbook, setup
from app.services.finance.cashbook import EntryDetails
from tests.services.board_helpers import actor, plain

__all__ = ["plain"]


@dataclass(frozen=True)
class Books:
    db: Any
    years: dict[int, int]  # start year -> id
    bank: int
    cash: int
    general: int
    lma: int
    projects: int
    categories: dict[str, int]  # name -> id


@pytest.fixture
def books(plain: Any) -> Books:
    who = actor(plain)
    with plain.sessions.begin() as session:
        years = {y: setup.open_year(session, who, y).id for y in (2025, 2026)}
        bank = setup.save_account(
            session, who, name="Current account", bank="Unity Trust", number_ending="1234"
        )
        cash = setup.save_account(session, who, name="Petty cash", kind="cash")
        general = setup.save_fund(session, who, name="General fund")
        lma = setup.save_fund(
            session,
            who,
            name="LMA allowance",
            kind="restricted",
            purpose="The services the agreement covers",
        )
        projects = setup.save_fund(
            session,
            who,
            name="Community projects",
            kind="restricted",
            purpose="Projects from the community dividend",
        )
        categories = {c.name: c.id for c in setup.ensure_default_categories(session, who)}
    return Books(plain, years, bank, cash, general, lma, projects, categories)


def enter(books: Books, kind: str, dated: date, pence: int, **kw: Any) -> cashbook.EntryInfo:
    """One entry through the service, in its own unit of work."""
    fields: dict[str, Any] = {
        "kind": kind,
        "dated": dated,
        "description": kw.pop("description", f"{kind} of {pence}"),
        "amount_pence": pence,
        "fund_id": kw.pop("fund_id", books.general),
        "account_id": kw.pop("account_id", books.bank),
    }
    if kind == "receipt":
        fields["category_id"] = kw.pop("category_id", books.categories["Donations"])
    elif kind == "payment":
        fields["category_id"] = kw.pop("category_id", books.categories["Contractors"])
    with books.db.sessions.begin() as session:
        return cashbook.record_entry(session, actor(books.db), EntryDetails(**fields, **kw))
