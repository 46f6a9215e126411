"""Meeting papers read back as a secretary would: the agenda, the sign-in sheet, the
minutes (draft, approved, with addenda), notice letters and the email list, the action
log and attendance as spreadsheets."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.models import Member, MemberConsent
from app.reports import render
from app.services import meetings
from app.services.common.report_options import ReportOptions
from app.services.meetings import MotionDetails
from app.services.meetings import reports as meeting_reports
from tests.services.board_helpers import actor
from tests.services.meeting_helpers import (
    BOARD,
    ON,
    arrive,
    boarded,
    held,
    new_meeting,
    people,
    plain,
)

__all__ = ["boarded", "plain"]
NOW = datetime(2026, 5, 20, 10, 0)


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf(db: Any, name: str, tmp_path: Path, meeting_id: int, **kw: Any) -> str:
    from app.reports import registry

    with db.sessions() as session:
        data = registry.find(name).build(
            session, actor(db), NOW, ReportOptions(meeting_id=meeting_id, **kw)
        )
    out = tmp_path / f"{name}-{meeting_id}.pdf"
    render.write_pdf(data, out)
    return " ".join(_text(out).split())  # words as read, whatever the line breaks


def _minuted_meeting(db: Any) -> tuple[int, int]:
    """A board meeting on ON: five of six present, one apology, a guest, a resolution,
    an interest and an action; then the next meeting (April), held."""
    m = new_meeting(db, place="Estate office", chair="Ann Chair", minute_taker="Sam Secretary")
    held(db, m)
    rows = people(db, m)
    for member_id in BOARD[:5]:
        arrive(db, rows[member_id], time(19, 40) if member_id == BOARD[4] else time(19))
    who = actor(db)
    with db.sessions.begin() as session:
        meetings.mark(session, who, rows[BOARD[5]], "apologies")
        meetings.add_person(session, who, m, name="Pat Auditor", role="guest", arrived_at=time(19))
        item = next(i.id for i in meetings.items(session, m) if i.kind == "reports")
        meetings.save_text(
            session,
            who,
            item,
            notes="The caretaker reported on the lifts.",
            decisions="To get three quotes for the lift repair.",
        )
        meetings.declare_interest(
            session, who, m, "Ann Chair", "Her son works for a bidder.", item_id=item
        )
        meetings.record_motion(
            session,
            who,
            m,
            MotionDetails(
                "To renew the cleaning contract.", "Ann Chair", "Bob Board", 4, 1, 0, item_id=item
            ),
        )
        meetings.add_action(
            session,
            who,
            m,
            text="Get three quotes",
            owner="Sam Secretary",
            due_on=date(2026, 4, 1),
            item_id=item,
        )
        meetings.write_quorum_statement(session, who, m)
        meetings.advance(session, who, m, "draft", today=ON)
    nxt = new_meeting(db, date(2026, 4, 9))
    held(db, nxt)
    return m, nxt


def test_minutes_draft_then_approved_with_addendum(boarded: Any, tmp_path: Path) -> None:
    """Draft minutes say DRAFT; approved minutes say who approved them and where, and
    carry the dated addendum; attendance, quorum, resolution and action are all there."""
    m, nxt = _minuted_meeting(boarded)
    draft = _pdf(boarded, "minutes", tmp_path, m)
    assert "DRAFT" in draft and "not yet approved" in draft
    assert "Present:" in draft and "Apologies:" in draft
    assert draft.count("(arrived 19:40)") == 1 and "arrived 19:00" not in draft  # late only
    assert "Pat Auditor (guest)" in draft
    assert "The meeting was quorate: 5 entitled to count were present" in draft
    assert "Resolution B/2026/001: To renew the cleaning contract." in draft
    assert "For 4, against 1, abstentions 0. Carried." in draft
    assert "Interest declared: Ann Chair: Her son works for a bidder." in draft
    assert "Decided: To get three quotes for the lift repair." in draft
    assert "Get three quotes" in draft and "01/04/2026" in draft
    who = actor(boarded)
    with boarded.sessions.begin() as session:
        meetings.approve(session, who, m, at_meeting_id=nxt, chair="Ann Chair")
        meetings.lock(session, who, m)
        meetings.add_addendum(
            session,
            who,
            m,
            text="Item 6: for 'lift' read 'lifts'.",
            written_by="Sam Secretary",
            on=date(2026, 5, 1),
        )
    final = _pdf(boarded, "minutes", tmp_path, m)
    assert "DRAFT" not in final
    assert "Approved as a true record at the Board meeting, 09/04/2026 on 09/04/2026" in final
    assert "signed by the chair, Ann Chair" in final and "locked" in final
    assert "01/05/2026, Sam Secretary: Item 6: for 'lift' read 'lifts'." in final


def test_agenda_carries_open_actions_under_matters_arising(boarded: Any, tmp_path: Path) -> None:
    """The next meeting's agenda lists the open action from the last under matters arising."""
    _m, nxt = _minuted_meeting(boarded)
    text = _pdf(boarded, "agenda", tmp_path, nxt)
    assert "Board meeting: agenda" in text and "Thursday 9 April 2026 at 19:00" in text
    arising = text.index("Matters arising")
    assert (
        arising
        < text.index("Get three quotes (Sam Secretary, due 01/04/2026")
        < text.index("6. Reports")
    )


def test_sign_in_sheet_lists_the_board_or_the_members(boarded: Any, tmp_path: Path) -> None:
    """A board meeting lists the six on the board; a general meeting lists every member
    entitled to vote that day, with a proxy column."""
    m = new_meeting(boarded)
    text = _pdf(boarded, "sign-in", tmp_path, m)
    with boarded.sessions() as session:
        assert meetings.attendees(session, m) == []  # printing leaves the list as it was
        names = {x.id: f"{x.given_name} {x.family_name}" for x in session.query(Member).all()}
    for member_id in BOARD:
        assert names[member_id] in text
    assert "Proxy held for" not in text
    agm = new_meeting(boarded, date(2026, 9, 17), kind="agm")
    assert "Proxy held for" in _pdf(boarded, "sign-in", tmp_path, agm)
    with boarded.sessions() as session:
        sheet = meeting_reports.sign_in_document(
            session, actor(boarded), NOW, ReportOptions(meeting_id=agm)
        )
        assert len(sheet.people) == meetings.quorum(session, agm).base_count > len(BOARD)


def test_notice_letters_skip_those_who_chose_email(boarded: Any, tmp_path: Path) -> None:
    """A member who gave an email and agreed to email is on the email list, not sent a
    letter; everyone else gets a letter naming the meeting, its date and agenda."""
    agm = new_meeting(boarded, date(2026, 9, 17), kind="agm", place="Community hall")
    with boarded.sessions.begin() as session:
        session.query(MemberConsent).delete()  # only member 3 agrees to email
        member = session.get_one(Member, 3)
        member.email = "chosen@example.org"
        session.add(
            MemberConsent(
                member_id=3, kind="email", given=True, recorded_on=date(2025, 1, 1), source="form"
            )
        )
        name = f"{member.given_name} {member.family_name}"
    with boarded.sessions() as session:
        emails = meeting_reports.notice_emails(session, actor(boarded), agm)
        letters = meeting_reports.notice_letters(
            session, actor(boarded), NOW, ReportOptions(meeting_id=agm)
        )
    assert [e for _n, e in emails] == ["chosen@example.org"]
    assert not any(name in letter.text for letter in letters.letters)
    text = _pdf(boarded, "notice-letters", tmp_path, agm)
    assert "Thursday 17 September 2026 at 19:00 at Community hall" in text
    assert "9. Date of next meeting" in text or "Date of next meeting" in text
    with boarded.sessions() as session, pytest.raises(UserError, match="does not know"):
        meeting_reports.notice_letters(
            session, actor(boarded), NOW, ReportOptions(meeting_id=agm, template="{venue}")
        )


def test_action_log_and_attendance_spreadsheets(boarded: Any, tmp_path: Path) -> None:
    """The action log and attendance come out as spreadsheets with one row each."""
    m, nxt = _minuted_meeting(boarded)
    from app.reports import registry

    with boarded.sessions() as session:
        log = registry.find("actions").build(session, actor(boarded), NOW, ReportOptions())
        attendance = registry.find("attendance").build(
            session, actor(boarded), NOW, ReportOptions()
        )
        expected = len(meetings.attendees(session, m)) + len(meetings.attendees(session, nxt))
    render.write_xlsx(log, tmp_path / "actions.xlsx")
    render.write_xlsx(attendance, tmp_path / "attendance.xlsx")
    sheet = load_workbook(tmp_path / "actions.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    found = next(row for row in values if "Get three quotes" in row)
    assert "Sam Secretary" in found and "Overdue" in found  # due 1 April, open on 20 May
    sheet = load_workbook(tmp_path / "attendance.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert sum(1 for row in values if row[0] == "Board meeting") == expected
    assert any("Apologies" in row for row in values)


def test_papers_of_a_meeting_that_cannot_have_them_say_why(plain: Any) -> None:
    """No meeting chosen, a meeting of nobody's, minutes of a meeting not yet held."""
    m = new_meeting(plain)
    with plain.sessions() as session:
        for options, message in (
            (ReportOptions(), "Choose the meeting"),
            (ReportOptions(meeting_id=9999), "no meeting"),
            (ReportOptions(meeting_id=m), "has not been held yet"),
        ):
            with pytest.raises(UserError, match=message):
                meeting_reports.minutes_document(session, actor(plain), NOW, options)
