"""Budgets & Accounts with 50,000 entries over five years.

Targets (issue 6): the cash book opens in at most 300 ms and each filter keystroke
takes at most 50 ms (median), as the Members page; budget against actual for a year
at most 200 ms; the council's pack for a quarter at most 3 s. Each figure is printed
with its target and a reference from the same run: the same figures asked of SQLite
with one plain SQL statement through the stdlib driver. Medians: the machine is
shared and noisy.

Usage: python bench/finance.py [--entries N]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402

WORDS = ("cleaning", "materials", "wages", "hall hire", "insurance", "windows", "grounds", "bins")
KEYSTROKES = ("c", "cl", "cle", "clea", "clean", "w", "wi", "win", "2", "24", "jang")


def _median(work: Callable[[], object], runs: int = 7) -> float:
    return median_ms(work, runs)


def _line(what: str, ours: float, target: float, reference: float) -> None:
    met = "met" if ours <= target else "NOT met"
    print(
        f"{what:<44} {ours:8.1f} ms   reference {reference:7.1f} ms   ratio "
        f"{ours / max(reference, 0.01):5.1f}x   target <= {target:,.0f} ms ({met})"
    )


def _build(db_path: Path, entries: int) -> dict[str, int]:
    """The small demo, five financial years, budgets, and ``entries`` entries."""
    from sqlalchemy import insert

    from app.models import Entry
    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD, create_demo
    from app.services.finance import agreements, budgets, setup
    from app.services.finance.cashbook import search_text
    from app.storage.database import open_database

    database = open_database(db_path, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=50, seed=9, board=False)
    who = auth.sign_in(database.sessions, "admin", DEMO_PASSWORD).actor
    rng = random.Random(9)
    first = date.today().year - 5
    with database.sessions.begin() as session:
        years = [setup.open_year(session, who, y) for y in range(first, first + 5)]
        bank = setup.save_account(session, who, name="Bank")
        cash = setup.save_account(session, who, name="Cash", kind="cash")
        general = setup.save_fund(session, who, name="General")
        lma = setup.save_fund(session, who, name="LMA", kind="restricted", purpose="LMA services")
        cats = setup.ensure_default_categories(session, who)
        made = agreements.save_agreement(
            session,
            who,
            agreements.AgreementDetails(
                "LMA",
                "Council",
                date(first - 1, 4, 1),
                lma,
                (("Cleaning", 60_000_00), ("Grounds", 30_000_00), ("Caretaking", 20_000_00)),
            ),
        )
        services = [s.id for s in agreements.get_agreement(session, 1, made).services]
        payment_cats = [c.id for c in cats if c.direction == "payment"]
        receipt_cats = [c.id for c in cats if c.direction == "receipt"]
        for year in years:
            for category in payment_cats[:6]:
                for service in services:
                    budgets.set_budget_line(
                        session,
                        who,
                        year_id=year.id,
                        category_id=category,
                        service_id=service,
                        months=budgets.phase(rng.randrange(1_000_00, 20_000_00), "evenly"),
                    )
        rows = []
        span = (years[-1].ends_on - years[0].starts_on).days
        for n in range(1, entries + 1):
            day = years[0].starts_on + timedelta(days=rng.randrange(span))
            year = next(y for y in years if y.starts_on <= day <= y.ends_on)
            receipt = rng.random() < 0.25
            rows.append(
                {
                    "organisation_id": 1,
                    "number": n,
                    "year_id": year.id,
                    "dated": day,
                    "kind": "receipt" if receipt else "payment",
                    "description": f"{rng.choice(WORDS)} {rng.randrange(1000)}",
                    "party": rng.choice(("Jangro", "B&Q", "Payroll", "Council", "Residents")),
                    "amount_pence": rng.randrange(100, 500_000),
                    "account_id": rng.choice((bank, bank, bank, cash)),
                    "fund_id": rng.choice((general, lma)),
                    "category_id": rng.choice(receipt_cats if receipt else payment_cats),
                    "agreement_id": None if receipt else made,
                    "service_id": None if receipt else rng.choice(services),
                    "reference": f"INV{rng.randrange(10000)}",
                }
            )
        for row in rows:
            row["search_text"] = search_text(row["description"], row["party"], row["reference"])
        for chunk in range(0, len(rows), 5000):
            session.execute(insert(Entry), rows[chunk : chunk + 5000])
    database.close(backup=False)
    return {"first": first, "bank": bank}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.reports import render
    from app.services import organisation
    from app.services.accounts import auth
    from app.services.common.report_options import ReportOptions
    from app.services.demo import DEMO_PASSWORD
    from app.services.finance import book, figures, setup
    from app.services.finance import reports as finance_reports
    from app.storage.database import open_database
    from app.ui.context import PageContext
    from app.ui.finance.cashbook_tab import CashBookTab
    from app.ui.ops import ChangeBus, OpRunner

    folder = Path(tempfile.mkdtemp(prefix="mutualdesk-bench-"))
    os.environ["MUTUALDESK_HOME"] = str(folder)
    db_path = folder / "finance.sqlite"
    started = time.perf_counter()
    ids = _build(db_path, args.entries)
    print(
        f"Built {args.entries:,} entries over five years "
        f"in {time.perf_counter() - started:.1f} s.\n"
    )

    app = QApplication.instance() or QApplication([])
    database = open_database(db_path, daily_backup=False)
    user = auth.sign_in(database.sessions, "treasurer", DEMO_PASSWORD)
    with database.sessions() as session:
        org = organisation.get(session, user.organisation_id)
        years = setup.list_years(session, org.id)
    bus = ChangeBus()
    runner = OpRunner(database.sessions, bus)
    ctx = PageContext(
        runner,
        bus,
        user,
        org,
        database.file,
        QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
    )
    raw = sqlite3.connect(db_path)

    def open_book() -> None:
        tab = CashBookTab(ctx, True)
        tab.resize(1100, 700)
        tab.model.set_filter(book.CashFilter())
        tab.table.scrollToBottom()
        tab.show()
        app.processEvents()
        assert tab.model.rowCount() == args.entries
        tab.deleteLater()

    def raw_open() -> None:
        found = raw.execute(
            "SELECT id FROM cash_entries WHERE organisation_id = 1 ORDER BY dated, number"
        ).fetchall()
        last = ",".join(str(i[0]) for i in found[-200:])
        raw.execute(f"SELECT * FROM cash_entries WHERE id IN ({last})").fetchall()

    _line(
        f"Cash book: open (all {args.entries:,}, last page shown)",
        _median(open_book, 5),
        300,
        _median(raw_open, 5),
    )

    tab = CashBookTab(ctx, True)
    times, refs = [], []
    for text in KEYSTROKES:

        def typed(t: str = text) -> None:
            tab.model.set_filter(book.CashFilter(text=t))
            tab.model.row_at(max(tab.model.rowCount() - 1, 0))

        def raw_typed(t: str = text) -> None:
            like = f"%{t}%"
            raw.execute(
                "SELECT id FROM cash_entries WHERE organisation_id = 1 AND search_text LIKE ? "
                "ORDER BY dated, number",
                (like,),
            ).fetchall()

        times.append(_median(typed, 3))
        refs.append(_median(raw_typed, 3))
    _line(
        f"Cash book: filter as typed ({len(KEYSTROKES)} keystrokes)",
        statistics.median(times),
        50,
        statistics.median(refs),
    )

    year = years[-1]

    def bva() -> None:
        with database.sessions() as session:
            figures.budget_vs_actual(session, org.id, year, 1, 12)

    def raw_bva() -> None:
        raw.execute(
            "SELECT category_id, service_id, SUM(amount_pence) FROM cash_entries WHERE "
            "organisation_id = 1 AND kind IN ('receipt', 'payment') AND dated BETWEEN ? AND ? "
            "GROUP BY category_id, service_id",
            (year.starts_on.isoformat(), year.ends_on.isoformat()),
        ).fetchall()

    _line("Budget against actual, a year", _median(bva), 200, _median(raw_bva))

    out = folder / "pack.xlsx"

    def pack() -> None:
        with database.sessions() as session:
            data = finance_reports.council_pack(
                session,
                user.actor,
                datetime.now(),
                ReportOptions(year=year.starts_on.year, quarter=2),
            )
        render.write_xlsx(data, out)

    q_start, q_end = figures.month_start(year, 4), figures.month_end(year, 6)

    def raw_pack() -> None:
        raw.execute(
            "SELECT category_id, service_id, SUM(amount_pence) FROM cash_entries WHERE dated "
            "BETWEEN ? AND ? GROUP BY 1, 2",
            (year.starts_on.isoformat(), q_end.isoformat()),
        ).fetchall()
        raw.execute(
            "SELECT * FROM cash_entries WHERE dated BETWEEN ? AND ? ORDER BY dated, number",
            (q_start.isoformat(), q_end.isoformat()),
        ).fetchall()

    _line("Council pack, a quarter (.xlsx written)", _median(pack, 3), 3000, _median(raw_pack, 3))
    raw.close()
    database.close(backup=False)
    del ids


if __name__ == "__main__":
    main()
