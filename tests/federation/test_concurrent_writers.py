"""Two offices writing at once, on a server and on a file: the cash book and the share
ledger keep their numbers gap-free (1, 2, 3, … with none twice and none missing), each
writer's work whole."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Entry, Member, ShareTransaction
from app.services.accounts import audit, auth
from app.services.demo import DEMO_PASSWORD
from app.services.finance import cashbook, setup, share_money
from app.services.finance.cashbook import EntryDetails

EACH = 15


def _books(db: Any) -> tuple[Any, int, int, int]:
    treasurer = auth.sign_in(db.sessions, "admin", DEMO_PASSWORD).actor  # books and register
    with db.sessions.begin() as session:
        year = setup.open_year(session, treasurer, 2026)
        bank = setup.save_account(session, treasurer, name="Bank")
        fund = setup.save_fund(session, treasurer, name="General")
        category = setup.ensure_default_categories(session, treasurer)[0].id
    del year
    return treasurer, bank, fund, category


@pytest.fixture
def db(either: Any) -> Any:
    return either


def _at_once(*work: Any) -> list[BaseException]:
    """Run each piece of work on its own thread (its own connection), all released
    together; what went wrong."""
    start, errors = threading.Barrier(len(work)), []

    def run(job: Any) -> None:
        start.wait()
        try:
            job()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_two_writers_number_the_cash_book_and_share_ledger_gap_free(db: Any) -> None:
    treasurer, bank, fund, category = _books(db)
    with db.sessions() as session:
        member_ids = list(session.scalars(select(Member.id).where(Member.left_on.is_(None))))

    def receipts(office: str) -> None:
        for i in range(EACH):
            with db.sessions.begin() as session:
                cashbook.record_entry(
                    session, treasurer,
                    EntryDetails("receipt", date(2026, 5, 1), f"{office} {i}", 100 + i, fund,
                                 bank, category_id=category),
                )  # fmt: skip

    def shares(office: str) -> None:
        for i in range(EACH):
            with db.sessions.begin() as session:
                share_money.issue(session, treasurer, member_ids[i % len(member_ids)], 1,
                                  date(2026, 5, 2), note=f"{office} {i}")  # fmt: skip

    errors = _at_once(
        lambda: receipts("north"), lambda: receipts("south"),
        lambda: shares("north"), lambda: shares("south"),
    )  # fmt: skip
    assert not errors, errors
    with db.sessions() as session:
        entries = list(session.scalars(select(Entry.number).order_by(Entry.number)))
        ledger = list(session.scalars(select(ShareTransaction.number).order_by("number")))
    assert entries == list(range(1, len(entries) + 1))
    assert len(entries) == 4 * EACH  # a receipt each, and each paid share's receipt
    assert ledger == list(range(1, len(ledger) + 1))
    with db.sessions() as session:  # one audit trail, not two branches from one entry
        chain = audit.verify_chain(session)
        links = session.scalars(select(AuditEntry.prev_hash)).all()
    assert chain.ok, chain.reason
    assert len(links) == len(set(links))


def test_two_writers_of_unnumbered_records_keep_one_audit_trail(db: Any) -> None:
    """Writers that number nothing (new funds) still add to one trail, each entry after
    the one before, never two after the same."""
    treasurer, *_ = _books(db)

    def funds(office: str) -> None:
        for i in range(EACH):
            with db.sessions.begin() as session:
                setup.save_fund(session, treasurer, name=f"{office} fund {i}")

    errors = _at_once(lambda: funds("North"), lambda: funds("South"), lambda: funds("East"))
    assert not errors, errors
    with db.sessions() as session:
        chain = audit.verify_chain(session)
        links = session.scalars(select(AuditEntry.prev_hash)).all()
    assert chain.ok, chain.reason
    assert len(links) == len(set(links))
