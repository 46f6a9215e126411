"""Meetings over ten years: opening a meeting, searching all minutes, a 30-item minutes PDF.

Targets (issue 5), with about 120 monthly board meetings, 2,000 agenda items and
20,000 attendance rows: opening a meeting <= 200 ms (the meeting window, from
asking to everything shown); a search across all minutes <= 100 ms median; the
minutes PDF of a 30-item meeting: reported. Each figure is printed with its
target and with a reference from the same run: the same rows read with the
stdlib sqlite3 driver (the floor any screen could reach), and for the PDF the
same paragraphs laid out by bare ReportLab. Medians, because this machine is
shared and noisy.

Usage: python bench/meetings.py
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402

YEARS, ITEMS, PEOPLE = 10, 16, 167  # 120 meetings, ~2,000 items, ~20,000 attendance rows
TERMS = ("lift", "fly-tipping", "cleaning contract", "Block C", "caretaker", "budget", "zz")
WORDS = [
    "the",
    "board",
    "noted",
    "repairs",
    "lift",
    "cleaning",
    "estate",
    "caretaker",
    "budget",
    "residents",
    "council",
    "report",
    "contract",
    "quotes",
    "garden",
    "playground",
    "fly-tipping",
    "parking",
    "bins",
    "lighting",
    "survey",
    "newsletter",
]


def _median(work: Callable[[], object], runs: int = 9) -> float:
    return median_ms(work, runs)


def _line(what: str, ours: float, target: float | None, reference: float) -> None:
    goal = (
        f"target <= {target:,.0f} ms ({'met' if ours <= target else 'NOT met'})" if target else ""
    )
    print(
        f"{what:<42} {ours:8.1f} ms   reference {reference:7.1f} ms   "
        f"ratio {ours / reference:5.1f}x   {goal}"
    )


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _build(db_path: Path) -> tuple[int, int]:
    """The demo plus ten years of monthly board meetings; (a meeting id, a 30-item one)."""
    from sqlalchemy import insert, select

    from app.models import Action, AgendaItem, Attendance, Meeting, Member, Motion
    from app.services import meetings
    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD, create_demo
    from app.storage.database import open_database

    rng = random.Random(5)
    database = open_database(db_path, daily_backup=False)
    with database.sessions.begin() as session:
        create_demo(session, members=400, seed=5)
    who = auth.sign_in(database.sessions, "admin", DEMO_PASSWORD).actor
    with database.sessions.begin() as session:
        body = meetings.ensure_default_bodies(session, who)[0].id
        people = list(session.execute(select(Member.id, Member.given_name, Member.family_name)))
        org = who.organisation_id
        start = date.today() - timedelta(days=365 * (YEARS + 1))
        for n in range(YEARS * 12):
            held_on = start + timedelta(days=30 * n)
            m = session.execute(
                insert(Meeting).returning(Meeting.id),
                [
                    {
                        "organisation_id": org,
                        "body_id": body,
                        "kind": "board",
                        "title": "Board meeting",
                        "held_on": held_on,
                        "starts_at": clock(18, 30),
                        "place": "Estate office",
                        "chair": "Chair",
                        "minute_taker": "Secretary",
                        "status": "locked",
                        "notice_sent_on": held_on - timedelta(days=10),
                    }
                ],
            ).scalar_one()
            items = ITEMS + (1 if n % 2 else 0)
            session.execute(
                insert(AgendaItem),
                [
                    {
                        "meeting_id": m,
                        "position": p,
                        "kind": "other",
                        "title": f"Item {p}",
                        "notes": " ".join(_sentence(rng, 14) for _ in range(6)),
                        "decisions": _sentence(rng, 10) if p % 3 == 0 else "",
                    }
                    for p in range(1, items + 1)
                ],
            )
            session.execute(
                insert(Attendance),
                [
                    {
                        "meeting_id": m,
                        "member_id": pid,
                        "name": f"{given} {family}",
                        "role": "member",
                        "status": rng.choice(("present", "present", "apologies", "absent")),
                    }
                    for pid, given, family in rng.sample(people, PEOPLE)
                ],
            )
            session.execute(
                insert(Motion),
                [
                    {
                        "meeting_id": m,
                        "body_id": body,
                        "year": held_on.year,
                        "number": 1000 + n * 2 + k,
                        "reference": f"B/{held_on.year}/{1000 + n * 2 + k}",
                        "text": _sentence(rng, 12),
                        "carried": True,
                        "votes_for": 5,
                    }
                    for k in range(2)
                ],
            )
            session.execute(
                insert(Action),
                [
                    {
                        "body_id": body,
                        "meeting_id": m,
                        "text": _sentence(rng, 8),
                        "owner": "Secretary",
                        "due_on": held_on + timedelta(days=21),
                        "status": "done",
                        "done_on": held_on + timedelta(days=14),
                    }
                ],
            )
        long_one = meetings.create_meeting(
            session,
            who,
            meetings.MeetingDetails(body, "board", "Board meeting", date.today(), clock(18, 30)),
        )
        meetings.record_notice(session, who, long_one, date.today() - timedelta(days=10))
        meetings.advance(session, who, long_one, "held", date.today())
        while len(meetings.items(session, long_one)) < 30:
            meetings.add_item(
                session, who, long_one, f"Report {len(meetings.items(session, long_one))}"
            )
        for item in meetings.items(session, long_one):
            meetings.save_text(
                session,
                who,
                item.id,
                notes="\n\n".join(" ".join(_sentence(rng, 16) for _ in range(4)) for _ in range(3)),
                decisions=_sentence(rng, 12),
            )
        meetings.fill_board(session, who, long_one)
        typical = m
    database.close(backup=False)
    return typical, long_one


def _counts(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
        items = conn.execute("SELECT count(*) FROM agenda_items").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    return f"{meetings:,} meetings, {items:,} agenda items, {rows:,} attendance rows"


def _raw_open(db_path: Path, meeting_id: int) -> Callable[[], object]:
    def run() -> object:
        with sqlite3.connect(db_path) as conn:
            return (
                conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchall(),
                conn.execute(
                    "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position",
                    (meeting_id,),
                ).fetchall(),
                conn.execute(
                    "SELECT a.*, m.membership_number FROM attendance a "
                    "LEFT JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ?",
                    (meeting_id,),
                ).fetchall(),
                conn.execute(
                    "SELECT * FROM motions WHERE meeting_id = ?", (meeting_id,)
                ).fetchall(),
                conn.execute(
                    "SELECT * FROM actions WHERE meeting_id = ?", (meeting_id,)
                ).fetchall(),
            )

    return run


def _raw_search(db_path: Path, term: str) -> Callable[[], object]:
    like = f"%{term}%"

    def run() -> object:
        with sqlite3.connect(db_path) as conn:
            return (
                conn.execute(
                    "SELECT i.id, i.notes, m.held_on FROM agenda_items i JOIN meetings m "
                    "ON m.id = i.meeting_id WHERE i.notes LIKE ? OR i.decisions LIKE ? "
                    "OR i.title LIKE ?",
                    (like, like, like),
                ).fetchall(),
                conn.execute("SELECT id FROM motions WHERE text LIKE ?", (like,)).fetchall(),
                conn.execute(
                    "SELECT id FROM actions WHERE text LIKE ? OR owner LIKE ?", (like, like)
                ).fetchall(),
            )

    return run


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.reports import render
    from app.services import meetings, organisation
    from app.services.accounts import auth
    from app.services.common.report_options import ReportOptions
    from app.services.demo import DEMO_PASSWORD
    from app.services.meetings import reports as meeting_reports
    from app.storage.database import open_database
    from app.ui.context import PageContext
    from app.ui.meetings.page import MeetingsPage
    from app.ui.ops import ChangeBus, OpRunner

    folder = Path(tempfile.mkdtemp(prefix="mutualdesk-bench-"))
    os.environ["MUTUALDESK_HOME"] = str(folder)
    db_path = folder / "meetings.sqlite"
    started = time.perf_counter()
    typical, long_one = _build(db_path)
    print(f"Built {_counts(db_path)} in {time.perf_counter() - started:.1f} s.")

    app = QApplication.instance() or QApplication([])
    database = open_database(db_path, daily_backup=False)
    user = auth.sign_in(database.sessions, "admin", DEMO_PASSWORD)
    with database.sessions() as session:
        org = organisation.get(session, user.organisation_id)
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
    page = MeetingsPage(ctx)
    page.show()
    runner.wait()
    app.processEvents()

    def open_window() -> None:
        window = page.open_meeting(typical)
        runner.wait()
        app.processEvents()
        assert window.view is not None and len(window.view.people) == PEOPLE
        window.close()
        window.deleteLater()
        app.processEvents()

    def read_only() -> None:
        with database.sessions() as session:
            meetings.read_view(session, org.id, typical)

    reference = _median(_raw_open(db_path, typical))
    print()
    _line("Open a meeting: the window, all shown", _median(open_window), 200, reference)
    _line("Open a meeting: reading it (no screen)", _median(read_only), 200, reference)

    times, refs, found = [], [], 0
    for term in TERMS:
        with database.sessions() as session:
            times.append(_median(lambda t=term: meetings.search(session, org.id, t), 5))
            found += len(meetings.search(session, org.id, term))
        refs.append(_median(_raw_search(db_path, term), 5))
    _line(
        f"Search all minutes ({len(TERMS)} terms, median)",
        statistics.median(times),
        100,
        statistics.median(refs),
    )

    out = folder / "minutes.pdf"

    def minutes_pdf() -> None:
        with database.sessions() as session:
            data = meeting_reports.minutes_document(
                session, user.actor, datetime.now(), ReportOptions(meeting_id=long_one)
            )
        render.write_pdf(data, out)

    with database.sessions() as session:
        data = meeting_reports.minutes_document(
            session, user.actor, datetime.now(), ReportOptions(meeting_id=long_one)
        )
    _line(
        "Minutes PDF of a 30-item meeting",
        _median(minutes_pdf, 5),
        None,
        _median(lambda: _bare_pdf(data, folder / "bare.pdf"), 5),
    )
    pages = out.read_bytes().count(b"/Type /Page\n") or out.read_bytes().count(b"/Type /Page")
    print(f"  ({len(data.items)} items, about {pages} pages; search found {found:,} passages)")
    page.close()
    database.close(backup=False)


def _bare_pdf(data: object, out: Path) -> None:
    """The same items' text laid out by bare ReportLab: no letterhead, tables or escaping."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    for item in data.items:  # type: ignore[attr-defined]
        story.append(Paragraph(item.title, styles["Heading2"]))
        story.append(Paragraph(item.notes.replace("\n", "<br/>"), styles["BodyText"]))
        story.append(Paragraph(item.decisions, styles["BodyText"]))
    SimpleDocTemplate(str(out)).build(story)


if __name__ == "__main__":
    main()
