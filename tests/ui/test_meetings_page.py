"""The Meetings page driven as a TMO secretary would: from a planned meeting, through
notice, attendance with the live quorum, minutes typed and saved, a vote taken while
inquorate, an action, to minutes approved at the next meeting and locked."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services import meetings
from app.services.membership import categories
from app.ui.context import PageContext
from app.ui.meetings.dialogs import ApproveDialog, MeetingDialog, NoticeDialog
from app.ui.meetings.motion_dialog import MotionDialog
from app.ui.meetings.page import MeetingsPage
from app.ui.meetings.window import MeetingWindow
from tests.ui.conftest import click, press_ok, sessions_of, settle, shown_page

LAST_MONTH = date.today() - timedelta(days=30)


pytestmark = pytest.mark.usefixtures("say_yes")


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> MeetingsPage:
    return shown_page(qtbot, MeetingsPage(make_ctx("admin")), 1000, 700)


def quorum_text(window: MeetingWindow) -> str:
    return window.attendance_tab.quorum.text()


def mark_row(qtbot: Any, window: MeetingWindow, row: int, button: QWidget) -> None:
    window.attendance_tab.table.selectRow(row)
    click(qtbot, button, window.ctx.runner)


def held_board_meeting(ctx: PageContext, present: int | None = None) -> tuple[int, list[int]]:
    """A board meeting held today with the board listed, ``present`` of them (or all)
    there since 19:00; its id and the attendance rows of those present."""
    actor = ctx.user.actor
    with sessions_of(ctx).begin() as session:
        body = meetings.ensure_default_bodies(session, actor)[0].id
        made = meetings.create_meeting(
            session, actor, meetings.MeetingDetails(body, "board", "Board meeting", date.today())
        )
        meetings.record_notice(session, actor, made, LAST_MONTH)
        meetings.advance(session, actor, made, "held", date.today())
        meetings.fill_board(session, actor, made)
        rows = [a.id for a in meetings.attendees(session, made)][:present]
        for row in rows:
            meetings.mark(session, actor, row, "present", time(19))
    return made, rows


def open_vote(qtbot: Any, page: MeetingsPage, meeting_id: int) -> MeetingWindow:
    """The meeting's window at its minutes, with the vote dialog opened."""
    window = page.open_meeting(meeting_id)
    assert isinstance(window, MeetingWindow)
    qtbot.addWidget(window)
    settle(qtbot, page.ctx.runner)
    window.tabs.setCurrentWidget(window.minutes_tab)
    click(qtbot, window.minutes_tab.vote_button, page.ctx.runner)
    return window


def test_a_meeting_from_planned_to_locked_minutes(
    qtbot: Any, page: MeetingsPage, tmp_path: Path
) -> None:
    """The whole life of a board meeting, through the screens, as the secretary sees it."""
    runner = page.ctx.runner
    click(qtbot, page.new_button, runner)
    dialog = page.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.body.currentText() == "Board"
    dialog.held_on.setText(f"{LAST_MONTH:%d/%m/%Y}")
    qtbot.keyClicks(dialog.place, "Community room")
    qtbot.keyClicks(dialog.chair, "Ann Chair")
    press_ok(qtbot, dialog, runner)
    window = page.window_
    assert isinstance(window, MeetingWindow)
    qtbot.addWidget(window)
    settle(qtbot, runner)
    assert "Planned" in window.status.text()
    assert "must go out by" in window.details_tab.fields["notice"].text()

    # Notice, then held.
    click(qtbot, window.details_tab.next_button, runner)
    assert isinstance(window.dialog, NoticeDialog)
    press_ok(qtbot, window.dialog, runner)
    assert "Notice sent" in window.status.text()
    assert window.details_tab.next_button.text() == "Mark as &held"
    click(qtbot, window.details_tab.next_button, runner)
    assert "Stage: Held" in window.status.text()

    # Attendance: the board is listed; the quorum (3 of 9 seats) changes as people come and go.
    tab = window.attendance_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 9
    assert quorum_text(window).startswith("⚠ NOT QUORATE: 0 present, 3 needed")
    mark_row(qtbot, window, 0, tab.present_button)
    mark_row(qtbot, window, 1, tab.present_button)
    assert "NOT QUORATE: 2 present" in quorum_text(window)
    mark_row(qtbot, window, 2, tab.apologies_button)
    mark_row(qtbot, window, 3, tab.present_button)
    assert quorum_text(window).startswith("✔ Quorate: 3 present, 3 needed")
    mark_row(qtbot, window, 3, tab.left_button)
    assert "NOT QUORATE: 2 present" in quorum_text(window)

    # Minutes: typed text is saved as it is typed, and the screen says when.
    minutes = window.minutes_tab
    window.tabs.setCurrentWidget(minutes)
    minutes.list.setCurrentRow(5)
    settle(qtbot, runner)
    minutes.notes.setFocus()
    qtbot.keyClicks(minutes.notes, "The caretaker reported the lift is fixed.")
    qtbot.waitUntil(lambda: minutes.saved.text().startswith("✔ Saved at"), timeout=5000)
    item_id = minutes.item_id
    with sessions_of(page.ctx)() as session:
        stored = next(i for i in meetings.items(session, window.meeting_id) if i.id == item_id)
    assert stored.notes == "The caretaker reported the lift is fixed."

    # A vote while inquorate: warned, refused without a note, then recorded with it.
    click(qtbot, minutes.vote_button, runner)
    vote = window.dialog
    assert isinstance(vote, MotionDialog)
    assert "NOT QUORATE" in vote.warning.text()
    qtbot.keyClicks(vote.text, "To thank the caretaker.")
    vote.votes_for.setValue(2)
    press_ok(qtbot, vote, runner)
    assert vote.isVisible() and "not quorate" in vote.errors._labels["inquorate_note"].text()
    qtbot.keyClicks(vote.note, "A courtesy only; no money involved.")
    press_ok(qtbot, vote, runner)
    assert not vote.isVisible()
    assert window.details_tab.motions.rowCount() == 1
    resolution = window.details_tab.motions.row_at(0)
    assert resolution.reference.startswith("B/") and resolution.carried

    # An action, then the minutes are written up.
    click(qtbot, minutes.action_button, runner)
    action = window.dialog
    qtbot.keyClicks(action.text, "Send the thank-you letter")
    qtbot.keyClicks(action.owner, "Secretary")
    press_ok(qtbot, action, runner)
    assert window.details_tab.action_rows.rowCount() == 1
    click(qtbot, window.details_tab.next_button, runner)
    assert "Draft minutes" in window.status.text()

    # Approved at the next meeting (held), then locked: nothing can be typed any more.
    with sessions_of(page.ctx).begin() as session:
        actor, body = page.ctx.user.actor, window.view.info.body_id  # type: ignore[union-attr]
        later = meetings.create_meeting(session, actor, meetings.MeetingDetails(
            body, "board", "Board meeting", date.today(), time(19)))  # fmt: skip
        meetings.record_notice(session, actor, later, LAST_MONTH)
        meetings.advance(session, actor, later, "held", date.today())
    window.refresh()
    settle(qtbot, runner)
    click(qtbot, window.details_tab.next_button, runner)
    approve = window.dialog
    assert isinstance(approve, ApproveDialog)
    approve.chair.setText("Ann Chair")
    press_ok(qtbot, approve, runner)
    assert "Minutes approved" in window.status.text()
    assert minutes.notes.isReadOnly() and not minutes.vote_button.isEnabled()
    assert "Approved as a true record" in window.details_tab.fields["approval"].text()
    click(qtbot, window.details_tab.next_button, runner)
    assert "Minutes locked" in window.status.text()
    assert window.details_tab.next_button.isHidden()
    assert not window.details_tab.addendum_button.isHidden()

    # The locked minutes print with the approval, the typed notes and the resolution.
    window.tabs.setCurrentWidget(window.details_tab)
    window.details_tab.papers.write("minutes", tmp_path / "minutes.pdf")
    settle(qtbot, runner)
    assert window.details_tab.result.text() == f"✔ Saved {tmp_path / 'minutes.pdf'}."
    printed = " ".join(
        subprocess.run(
            ["pdftotext", str(tmp_path / "minutes.pdf"), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    assert "Approved as a true record" in printed and "DRAFT" not in printed
    assert "The caretaker reported the lift is fixed." in printed
    assert f"Resolution {resolution.reference}: To thank the caretaker." in printed
    assert "Taken while inquorate: A courtesy only; no money involved." in printed


def test_controls_have_accessible_names(qtbot: Any, page: MeetingsPage) -> None:
    """A screen-reader user hears what every control of the page and window is."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    with sessions_of(page.ctx).begin() as session:
        actor = page.ctx.user.actor
        body = meetings.ensure_default_bodies(session, actor)[0].id
        made = meetings.create_meeting(session, actor, meetings.MeetingDetails(
            body, "board", "Board meeting", date.today()))  # fmt: skip
    window = page.open_meeting(made)
    qtbot.addWidget(window)
    settle(qtbot, page.ctx.runner)
    for root in (page, window):
        for kind in (QAbstractButton, QAbstractItemView, QLineEdit, QPlainTextEdit):
            for control in root.findChildren(kind):
                if isinstance(control, QHeaderView) or not control.isVisibleTo(root):
                    continue  # a table's header is announced with the table
                assert control.accessibleName() or (
                    isinstance(control, QAbstractButton) and control.text()
                ), f"{type(control).__name__} has no accessible name"


def test_a_vote_after_the_quorum_is_lost_with_the_dialog_open_asks_for_the_note(
    qtbot: Any, page: MeetingsPage
) -> None:
    """Quorate when the vote dialog opens, not when it is saved: the note is asked for
    beside its box (which can be typed in), and the vote is then recorded with it."""
    ctx, runner = page.ctx, page.ctx.runner
    actor = ctx.user.actor
    made, board_rows = held_board_meeting(ctx, present=3)
    window = open_vote(qtbot, page, made)
    vote = window.dialog
    assert isinstance(vote, MotionDialog) and vote.warning.text().startswith("Quorate: 3")
    with sessions_of(ctx).begin() as session:  # someone leaves meanwhile
        meetings.leave(session, actor, board_rows[0], time(20))
    qtbot.keyClicks(vote.text, "To accept the quote.")
    vote.votes_for.setValue(2)
    press_ok(qtbot, vote, runner)
    assert vote.isVisible()
    assert "not quorate (2 present, 3 needed)" in vote.errors._labels["inquorate_note"].text()
    assert vote.note.isEnabled()
    qtbot.keyClicks(vote.note, "The contractor needs an answer tonight.")
    press_ok(qtbot, vote, runner)
    assert not vote.isVisible()
    with sessions_of(ctx)() as session:
        (done,) = meetings.motions(session, made)
    assert done.inquorate_note == "The contractor needs an answer tonight."


def test_a_vote_admits_an_applicant_and_their_record_shows_it(
    qtbot: Any, page: MeetingsPage
) -> None:
    """Choosing the applicant words the motion; carried, the member form names the minute."""
    from app.services.membership import members
    from app.ui.members.form import MemberDialog

    ctx, runner = page.ctx, page.ctx.runner
    actor = ctx.user.actor
    with sessions_of(ctx).begin() as session:
        category = next(c.id for c in categories.list_categories(session, ctx.organisation.id))
        applicant = members.add_member(
            session,
            actor,
            members.MemberDetails("Amara", "Okoye", category, applied_on=LAST_MONTH),
        ).member_id
    made, _rows = held_board_meeting(ctx)
    window = open_vote(qtbot, page, made)
    vote = window.dialog
    assert isinstance(vote, MotionDialog)
    vote.applicant.setCurrentIndex(
        vote.applicant.findText("Amara Okoye", Qt.MatchFlag.MatchContains)
    )
    assert vote.text.toPlainText() == "To admit Amara Okoye to membership."
    vote.votes_for.setValue(3)
    press_ok(qtbot, vote, runner)
    assert not vote.isVisible()
    reference = window.details_tab.motions.row_at(0).reference
    form = MemberDialog(ctx, page, applicant)
    qtbot.addWidget(form)
    settle(qtbot, runner)
    assert form.joined.text() == f"{date.today():%d/%m/%Y}"
    assert reference in form.admitted_by.text()
    assert form.resolutions.text().startswith(f"{reference}, Board meeting")
    assert form.resolutions.text().endswith("To admit Amara Okoye to membership. Carried.")


def test_who_meets_a_committee_added_and_the_board_rules_changed(
    qtbot: Any, page: MeetingsPage
) -> None:
    """A committee with its own notice and quorum is added; the board's quorum is changed;
    a code already used is refused beside the field."""
    from app.ui.meetings.bodies import BodyDialog

    runner, tab = page.ctx.runner, page.bodies_tab
    page.tabs.setCurrentWidget(tab)
    assert [tab.model.row_at(i).name for i in range(tab.model.rowCount())] == [
        "Board",
        "General meetings",
    ]
    click(qtbot, tab.add_button, runner)
    dialog = tab.dialog
    assert isinstance(dialog, BodyDialog)
    qtbot.keyClicks(dialog.name, "Garden committee")
    qtbot.keyClicks(dialog.code, "B")
    dialog.notice.setValue(5)
    press_ok(qtbot, dialog, runner)
    assert dialog.isVisible() and "already uses 'B'" in dialog.errors._labels["code"].text()
    dialog.code.setText("GC")
    press_ok(qtbot, dialog, runner)
    assert not dialog.isVisible()
    rows = {tab.model.row_at(i).name: tab.model.row_at(i) for i in range(tab.model.rowCount())}
    garden = rows["Garden committee"]
    assert (garden.kind, garden.code, garden.notice_days) == ("committee", "GC", 5)
    assert garden.rule.describe() == "at least 1"
    tab.table.selectRow(0)
    click(qtbot, tab.change_button, runner)
    change = tab.dialog
    assert isinstance(change, BodyDialog) and change.name.text() == "Board"
    change.minimum.setValue(4)
    change.num.setValue(1)
    change.den.setValue(2)
    press_ok(qtbot, change, runner)
    board_row = tab.model.row_at(0)
    assert board_row.rule.describe() == "at least 4, and at least 1/2 of board seats filled"


def test_models_pass_qtmodeltester(qtmodeltester: Any, qtbot: Any, page: MeetingsPage) -> None:
    """Every table of the Meetings page and of a meeting's window is a well-behaved model,
    filled with the demo's year of meetings."""
    assert page.model.rowCount() > 10 and page.action_rows.rowCount() > 0
    for model in (page.model, page.action_rows, page.bodies_tab.model):
        qtmodeltester.check(model)
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    draft = next(row for row in rows if row.status == "draft" and row.body_kind == "board")
    window = page.open_meeting(draft.id)
    qtbot.addWidget(window)
    settle(qtbot, page.ctx.runner)
    for model in (
        window.details_tab.motions,
        window.details_tab.action_rows,
        window.attendance_tab.model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_the_attendance_list_says_who_does_not_count_and_why() -> None:
    """A member on the list who may not vote is shown with the reason; guests show nothing."""
    from app.services.meetings import Attendee
    from app.ui.meetings.models import PersonColumn, person_cell

    def person(role: str, member_id: int | None, why: str = "") -> Attendee:
        return Attendee(1, member_id, member_id, "Ann Lee", role, "present", None, None, None,
                        "", why)  # fmt: skip

    assert person_cell(person("member", 4), PersonColumn.COUNTS) == "Yes"
    shown = person_cell(person("member", 4, "no paid-up share on 20/03/2026"), PersonColumn.COUNTS)
    assert shown == "No: no paid-up share on 20/03/2026"
    assert person_cell(person("guest", None), PersonColumn.COUNTS) == ""
