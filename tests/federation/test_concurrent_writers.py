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


def test_imports_and_new_members_at_once_number_the_register_gap_free(
    db: Any, tmp_path: Any
) -> None:
    """Two offices import a list each while a third adds members by hand: every new
    member gets a number of their own, with none missing."""
    from app.services.membership import members
    from app.services.membership.member_import import run_import
    from app.services.membership.records import MemberDetails

    secretary = auth.sign_in(db.sessions, "secretary", DEMO_PASSWORD).actor
    with db.sessions() as session:
        before = len(session.scalars(select(Member.id)).all())
        category = session.scalars(select(Member.category_id)).first()
    files = []
    for office in ("North", "South"):
        path = tmp_path / f"{office}.csv"
        rows = [f"{office}{i},Resident{i},SE1 {i}AA,01/05/2026" for i in range(EACH)]
        path.write_text("First name,Surname,Post Code,Date Joined\n" + "\n".join(rows) + "\n")
        files.append(path)

    def load(path: Any) -> None:
        with db.sessions.begin() as session:
            done = run_import(session, secretary, path)
            assert done.applied, done.problems

    def by_hand() -> None:
        for i in range(5):
            with db.sessions.begin() as session:
                members.add_member(session, secretary, MemberDetails(
                    given_name=f"Hand{i}", family_name="Written", joined_on=date(2026, 5, 2),
                    category_id=category))  # fmt: skip

    errors = _at_once(lambda: load(files[0]), lambda: load(files[1]), by_hand)
    assert not errors, errors
    with db.sessions() as session:
        numbers = sorted(session.scalars(select(Member.membership_number)))
    assert len(numbers) == before + 2 * EACH + 5
    assert numbers == list(range(1, len(numbers) + 1))
