"""The Board & Elections page, driven as a returning officer would, from set-up to declaration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services import board, elections
from app.services.accounts import auth
from app.services.accounts.roles import Role
from app.services.common.dates import uk
from app.services.demo import DEMO_PASSWORD
from app.services.elections import ElectionDetails
from app.ui.context import PageContext
from app.ui.elections import models
from app.ui.elections.page import ElectionsPage
from app.ui.elections.window import ElectionWindow
from tests.ui.conftest import sessions_of, settle

# Seed-7 demo (as tests/services/elections/test_elections.py): current tenants include
# members 1, 2, 5, 6, 9, 12 and 13 on 10/01/2026; member 10 is in the community category,
# whose members may not stand.
NOMINATED_ON = "10/01/2026"


@pytest.fixture(autouse=True)
def say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every 'are you sure?' is answered Yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> ElectionsPage:
    made = ElectionsPage(make_ctx("admin"))
    qtbot.addWidget(made)
    made.resize(1000, 700)
    made.show()
    settle(qtbot, made.ctx.runner)
    return made


def second_teller(ctx: PageContext, make_ctx: Callable[[str], PageContext]) -> PageContext:
    """Another person who may run elections, signed in."""
    with sessions_of(ctx).begin() as session:
        auth.add_user(
            session,
            ctx.user.actor,
            username="ro",
            full_name="Returning Officer",
            role=Role.RETURNING_OFFICER,
            password=DEMO_PASSWORD,
        )
    return make_ctx("ro")


def tenant_seats(ctx: PageContext) -> int:
    with sessions_of(ctx)() as session:
        found = board.list_seat_types(session, ctx.organisation.id)
    return next(s.id for s in found if s.name == "Tenant seats")


def open_window(qtbot: Any, ctx: PageContext, election_id: int) -> ElectionWindow:
    window = ElectionWindow(ctx, None, election_id)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, ctx.runner)
    return window


def at_ballot(ctx: PageContext) -> int:
    """An STV election for two tenant seats at the ballot with three candidates (services)."""
    actor = ctx.user.actor
    details = ElectionDetails(
        title="By-election 2026",
        kind="board",
        method="ers97",
        seats=2,
        seat_type_id=tenant_seats(ctx),
        nominations_open=date(2026, 1, 5),
        nominations_close=date(2026, 2, 6),
        roll_cutoff=date(2026, 2, 6),
        ballot_on=date(2026, 3, 12),
    )
    with sessions_of(ctx).begin() as session:
        election_id = elections.create_election(session, actor, details)
        elections.advance(session, actor, election_id, "nominations")
        for c, p, s in ((1, 5, 6), (2, 5, 6), (9, 12, 13)):
            elections.nominate(
                session,
                actor,
                election_id,
                candidate_id=c,
                proposer_id=p,
                seconder_id=s,
                nominated_on=date(2026, 1, 10),
            )
        elections.freeze_roll(session, actor, election_id)
        elections.advance(session, actor, election_id, "ballot")
    return election_id


def enter(qtbot: Any, window: ElectionWindow, batch: int, teller: int, text: str) -> None:
    tab = window.ballot_tab
    window.tabs.setCurrentWidget(tab)
    tab.batch.setValue(batch)
    tab.teller.setCurrentIndex(tab.teller.findData(teller))
    tab.papers.setPlainText(text)
    tab.enter_button.click()
    settle(qtbot, window.ctx.runner)


def nominate(
    qtbot: Any, window: ElectionWindow, candidate: str, proposer: str, seconder: str
) -> None:
    tab = window.nominations_tab
    window.tabs.setCurrentWidget(tab)
    for box, text in (
        (tab.candidate, candidate),
        (tab.proposer, proposer),
        (tab.seconder, seconder),
    ):
        box.clear()
        qtbot.keyClicks(box, text)
    tab.on.setText(NOMINATED_ON)
    tab.add_button.click()
    settle(qtbot, window.ctx.runner)


def test_from_set_up_to_declaration_through_the_page(
    qtbot: Any,
    page: ElectionsPage,
    make_ctx: Callable[[str], PageContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A returning officer can run a whole election from the screen and the result is locked."""
    ctx = page.ctx
    tab = page.elections
    page.tabs.setCurrentWidget(tab)
    before = tab.model.rowCount()
    tab.new_button.click()
    form = tab.dialog
    assert form is not None
    settle(qtbot, ctx.runner)  # the kinds of seat and returning officers are read in
    qtbot.keyClicks(form.title, "Board election 2026: two tenant seats")  # type: ignore[attr-defined]
    form.method.setCurrentIndex(form.method.findData("ers97"))  # type: ignore[attr-defined]
    form.seats.setValue(2)  # type: ignore[attr-defined]
    form.seat_type.setCurrentIndex(form.seat_type.findData(tenant_seats(ctx)))  # type: ignore[attr-defined]
    assert form.seat_type.currentText().startswith("Tenant seats")  # type: ignore[attr-defined]
    for box, text in (
        (form.opens, "05/01/2026"),  # type: ignore[attr-defined]
        (form.closes, "06/02/2026"),  # type: ignore[attr-defined]
        (form.cutoff, "06/02/2026"),  # type: ignore[attr-defined]
        (form.ballot, "12/03/2026"),  # type: ignore[attr-defined]
    ):
        box.setText(text)
    form.buttons.button(form.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]
    settle(qtbot, ctx.runner)
    assert tab.model.rowCount() == before + 1
    window = tab.window_
    assert isinstance(window, ElectionWindow)
    details = window.details_tab
    assert "Draft" in details.state.text()
    assert details.next_button.text().replace("&", "") == "Open nominations"
    details.next_button.click()
    settle(qtbot, ctx.runner)
    assert "Nominations open" in details.state.text()

    for people in (("1", "5", "6"), ("2", "5", "6"), ("9", "12", "13")):
        nominate(qtbot, window, *people)
    assert window.nominations_tab.model.rowCount() == 3
    assert "nominated" in window.nominations_tab.result.text()

    assert details.next_button.text().replace("&", "") == "Close nominations and start the ballot"
    details.next_button.click()
    settle(qtbot, ctx.runner)
    assert window.view is not None and window.view.info.state == "ballot"
    assert window.view.info.roll_frozen and window.view.info.electors > 0
    assert "\n   1  " in window.ballot_tab.candidates.text()

    papers = "1 2 3\n2 1\n3\nspoilt: no first preference\n1 3\n2"
    enter(qtbot, window, 1, 1, papers)
    assert "6 papers entered by the first teller" in window.ballot_tab.result.text()
    other = open_window(qtbot, second_teller(ctx, make_ctx), window.election_id)
    enter(qtbot, other, 1, 2, papers)
    assert "6 papers entered by the second teller" in other.ballot_tab.result.text()
    other.ballot_tab.compare_button.click()
    settle(qtbot, other.ctx.runner)
    assert other.ballot_tab.result.text() == "✔ Batch 1: the tellers agree on every paper."
    other.ballot_tab.accept_button.click()
    settle(qtbot, other.ctx.runner)
    assert "Batch 1 is accepted: 6 papers" in other.ballot_tab.result.text()

    window.refresh()
    settle(qtbot, ctx.runner)
    assert details.next_button.text().replace("&", "") == "Close the ballot and count"
    details.next_button.click()
    settle(qtbot, ctx.runner)
    assert window.view.info.state == "counting"
    assert window.tabs.currentWidget() is window.count_tab

    pytest.importorskip("app.services.elections.count")
    count = window.count_tab
    count.count_button.click()
    settle(qtbot, ctx.runner)
    assert count.sheet.toPlainText().strip() and count.sheet.isReadOnly()
    assert "Seed for breaking ties by lot:" in count.seed.text()
    assert count.declare_button.isEnabled()
    count.declare_button.click()
    settle(qtbot, ctx.runner)
    assert window.view.info.state == "declared"
    assert "(declared: read only)" in window.heading.text()
    assert count.elected.text().startswith("Elected: ")
    assert not details.next_button.isVisible()
    assert not window.nominations_tab.add_button.isEnabled()
    assert not window.nominations_tab.candidate.isEnabled()
    assert window.ballot_tab.papers.isReadOnly() and not window.ballot_tab.enter_button.isEnabled()
    assert not window.roll_tab.issue_button.isEnabled()
    assert not count.count_button.isEnabled() and not count.declare_button.isEnabled()
    target = tmp_path / "declaration.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    count.save_button.click()
    settle(qtbot, ctx.runner)
    assert target.read_bytes().startswith(b"%PDF")
    assert count.result.text() == f"✔ Saved {target}."
    with sessions_of(ctx)() as session:
        stored = elections.get_election(session, ctx.organisation.id, window.election_id)
    assert stored.state == "declared" and stored.count_seed

    # One action seats the winners on the board for their seat's term, once there is room
    # (the demo's five tenant seats are full: two retire on the ballot day); not twice.
    winners = count.elected.text().removeprefix("Elected: ")
    names = {w.split(" (")[0] for w in winners.split(", ")}
    assert count.seat_button.isEnabled()
    count.seat_button.click()
    settle(qtbot, ctx.runner)
    assert count.result.text().startswith("⚠ All 5 seats of 'Tenant seats' are filled")
    with sessions_of(ctx).begin() as session:
        tenants = [
            s
            for s in board.board_on(session, ctx.organisation.id, stored.ballot_on)
            if s.seat_type == "Tenant seats"
        ]
        leaving = [s for s in tenants if s.name in names] + [
            s for s in tenants if s.name not in names
        ]
        for seat in leaving[:2]:
            board.end_board_membership(
                session, ctx.user.actor, seat.id, stored.ballot_on, "retired_by_rotation"
            )
    count.seat_button.click()
    settle(qtbot, ctx.runner)
    assert count.result.text() == "✔ 2 winners put on the board."
    with sessions_of(ctx)() as session:
        seated = board.board_on(session, ctx.organisation.id, stored.ballot_on)
    assert {s.name for s in seated if s.election_id == window.election_id} == names
    count.seat_button.click()
    settle(qtbot, ctx.runner)
    assert "already on the board" in count.result.text()


def test_a_bad_nomination_shows_its_reason_beside_the_field(
    qtbot: Any, page: ElectionsPage
) -> None:
    """A candidate who may not stand, or a number not on the register, is explained in place."""
    ctx = page.ctx
    with sessions_of(ctx).begin() as session:
        election_id = elections.create_election(
            session,
            ctx.user.actor,
            ElectionDetails(
                title="Board election",
                kind="board",
                method="plurality",
                seats=2,
                nominations_open=date(2026, 1, 5),
                nominations_close=date(2026, 2, 6),
                roll_cutoff=date(2026, 2, 6),
                ballot_on=date(2026, 3, 12),
            ),
        )
        elections.advance(session, ctx.user.actor, election_id, "nominations")
    window = open_window(qtbot, ctx, election_id)
    nominate(qtbot, window, "10", "5", "999")
    tab = window.nominations_tab
    assert tab.errors.text("seconder_id") == "There is no member number 999 on the register."
    nominate(qtbot, window, "10", "5", "6")
    assert tab.errors.text("candidate_id").startswith("The candidate cannot stand: Member 10")
    assert tab.errors.text("seconder_id") == ""
    assert tab.model.rowCount() == 0
    nominate(qtbot, window, "1", "1", "6")
    assert tab.errors.text("proposer_id") == "Candidates cannot propose themselves."
    assert tab.errors.text("candidate_id") == ""
    with sessions_of(ctx)() as session:
        assert elections.nominations(session, ctx.organisation.id, election_id) == []


def test_a_mismatched_batch_shows_the_papers_that_differ(
    qtbot: Any,
    page: ElectionsPage,
    make_ctx: Callable[[str], PageContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the two tellers typed a paper differently, the paper number and both entries show."""
    ctx = page.ctx
    election_id = at_ballot(ctx)
    first = open_window(qtbot, ctx, election_id)
    enter(qtbot, first, 1, 1, "1 2 3\n2 1\n3 2")
    second = open_window(qtbot, second_teller(ctx, make_ctx), election_id)
    enter(qtbot, second, 1, 2, "1 2 3\n1 2\n3 2")
    tab = second.ballot_tab
    tab.compare_button.click()
    settle(qtbot, second.ctx.runner)
    assert tab.result.text().startswith("⚠ Batch 1: the tellers differ on 1 paper (2).")
    model = tab.mismatches_model
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, c)) for c in models.MismatchColumn]
    assert cells[0] == "2" and cells[1:] == [cells[1], cells[2]] and cells[1] != cells[2]
    tab.accept_button.click()
    settle(qtbot, second.ctx.runner)
    assert "differ on 1 paper(s) (2)" in tab.result.text()
    target = tmp_path / "papers.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    first.roll_tab.copies.setValue(3)
    first.roll_tab.print_button.click()
    settle(qtbot, ctx.runner)
    assert target.read_bytes().startswith(b"%PDF")
    enter(qtbot, first, 1, 1, "1 2 3\n9 1\n3 2")
    assert first.ballot_tab.errors.text("papers").startswith("Paper 2: there is no candidate 9")


def test_a_viewer_sees_but_cannot_change(
    qtbot: Any, make_ctx: Callable[[str], PageContext]
) -> None:
    """Someone with the viewer role sees the board and elections, with every change disabled."""
    ctx = make_ctx("viewer")
    page = ElectionsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot, ctx.runner)
    assert page.board.seats_model.rowCount() > 0
    assert not page.board.add_button.isEnabled() and not page.board.end_button.isEnabled()
    assert not page.elections.new_button.isEnabled()
    assert page.elections.model.rowCount() == 1
    page.elections.table.selectRow(0)
    window = page.elections.open_election(page.elections.model.row_at(0).id)  # owned by the page
    settle(qtbot, ctx.runner)
    assert isinstance(window, ElectionWindow)
    assert not window.details_tab.next_button.isEnabled()
    assert not window.ballot_tab.enter_button.isEnabled()
    assert not window.roll_tab.issue_button.isEnabled()


def test_board_changes_show_errors_beside_fields(qtbot: Any, page: ElectionsPage) -> None:
    """Adding someone already on the board is refused beside the number; a new member is added."""
    tab = page.board
    seated = tab.seats_model.row_at(0)
    tab.add_button.click()
    dialog = tab.dialog
    assert dialog is not None
    dialog.seat_type.setCurrentIndex(0)  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.number, str(seated.membership_number))  # type: ignore[attr-defined]
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]
    settle(qtbot, page.ctx.runner)
    assert dialog.errors.text("member_id") or dialog.errors.text("seat_type_id")  # type: ignore[attr-defined]
    dialog.number.setText("9999")  # type: ignore[attr-defined]
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]
    settle(qtbot, page.ctx.runner)
    assert dialog.errors.text("member_id") == "There is no member number 9999 on the register."  # type: ignore[attr-defined]
    assert tab.retiring.count() > 0


@pytest.mark.parametrize(
    "make",
    [
        models.seats_model,
        models.seat_types_model,
        models.elections_model,
        models.nominations_model,
        models.roll_model,
        models.mismatches_model,
    ],
)
def test_models_pass_qtmodeltester(
    qtmodeltester: Any, make_ctx: Callable[[str], PageContext], make: Callable[[], Any]
) -> None:
    """Each table model behaves as Qt's views expect (with the demo's real rows)."""
    ctx = make_ctx("admin")
    org = ctx.organisation.id
    today = date.today()
    with sessions_of(ctx)() as session:
        demo_election = elections.list_elections(session, org)[0].id
        filled = {v.seat_type_id: v.filled for v in board.vacancies(session, org, today)}
        rows: dict[Any, list[Any]] = {
            models.seats_model: board.board_on(session, org, today),
            models.seat_types_model: [
                models.SeatTypeRow(s, filled.get(s.id, 0))
                for s in board.list_seat_types(session, org)
            ],
            models.elections_model: elections.list_elections(session, org),
            models.nominations_model: elections.nominations(session, org, demo_election),
            models.roll_model: elections.roll(session, org, demo_election),
            models.mismatches_model: [elections.Mismatch(2, "1 2", "2 1")],
        }
    model = make()
    model.set_rows(rows[make])
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_board_seat_and_office_from_start_to_end(qtbot: Any, page: ElectionsPage) -> None:
    """A member is co-opted to a seat, made vice-chair, then leaves office and the
    board; each step shows on the board list and in the register of officers."""
    from app.models import Member
    from app.ui.elections import board_dialogs

    tab, runner = page.board, page.ctx.runner
    settle(qtbot, runner)
    seated = {tab.seats_model.row_at(i).member_id for i in range(tab.seats_model.rowCount())}
    with sessions_of(page.ctx)() as session:
        newcomer = next(
            m
            for m in session.query(Member)
            .filter(Member.left_on.is_(None), Member.joined_on.is_not(None))
            .order_by(Member.id)
            if m.id not in seated
        )
        number = newcomer.membership_number
    before = tab.seats_model.rowCount()
    tab.add_button.click()
    add = tab.dialog
    assert isinstance(add, board_dialogs.AddSeatDialog)
    vacant = next(
        i
        for i in range(tab.types_model.rowCount())
        if tab.types_model.row_at(i).info.seats > tab.types_model.row_at(i).filled
    )
    add.seat_type.setCurrentIndex(vacant)
    qtbot.keyClicks(add.number, str(number))
    add._on_ok()
    settle(qtbot, runner)
    if add.isVisible():  # this kind of seat is filled another way: say which, then co-opt
        pytest.fail(add.errors.general.text() or str(add.errors._labels))
    assert tab.seats_model.rowCount() == before + 1
    row = next(
        i
        for i in range(tab.seats_model.rowCount())
        if tab.seats_model.row_at(i).membership_number == number
    )
    tab.seats.selectRow(row)
    tab.officer_button.click()
    office = tab.dialog
    assert isinstance(office, board_dialogs.MakeOfficerDialog)
    office.office.setCurrentIndex(office.office.findText("Vice-chair"))
    office._on_ok()
    settle(qtbot, runner)
    current = next(o for o in tab.view.officers if o.office == "vice_chair")
    assert office.isVisible()  # one vice-chair at a time: the holder must stand down first
    assert f"is vice-chair on {date.today():%d/%m/%Y}. End that first." in "".join(
        label.text() for label in office.errors._labels.values()
    )
    office.reject()
    tab.end_officer_button.click()
    stand_down = tab.dialog
    assert isinstance(stand_down, board_dialogs.EndOfficerDialog)
    stand_down.officer.setCurrentIndex(stand_down.officer.findData(current.id))
    stand_down._on_ok()
    settle(qtbot, runner)
    tab.seats.selectRow(row)
    tab.officer_button.click()
    office = tab.dialog
    office.office.setCurrentIndex(office.office.findText("Vice-chair"))
    office._on_ok()
    settle(qtbot, runner)
    assert not office.isVisible()
    held = [o for o in tab.view.officers if o.membership_number == number]
    assert [o.office for o in held] == ["vice_chair"]
    tab.end_officer_button.click()
    end_office = tab.dialog
    assert isinstance(end_office, board_dialogs.EndOfficerDialog)
    end_office.officer.setCurrentIndex(end_office.officer.findData(held[0].id))
    end_office._on_ok()
    settle(qtbot, runner)
    assert not any(o.membership_number == number for o in tab.view.officers)
    row = next(
        i
        for i in range(tab.seats_model.rowCount())
        if tab.seats_model.row_at(i).membership_number == number
    )
    tab.seats.selectRow(row)
    tab.end_button.click()
    end_seat = tab.dialog
    assert isinstance(end_seat, board_dialogs.EndSeatDialog)
    end_seat._on_ok()
    settle(qtbot, runner)
    assert tab.seats_model.rowCount() == before
    with sessions_of(page.ctx)() as session:
        history = board.seats_of_member(session, newcomer.id)
    assert len(history) == 1 and history[0].ended_on == date.today()


def test_retiring_list_opens_at_the_next_agm(qtbot: Any, page: ElectionsPage) -> None:
    """The AGM date box shows the next AGM (a year after the demo's last), not today."""
    tab = page.board
    with sessions_of(page.ctx)() as session:
        due = board.next_agm(session, page.ctx.organisation.id, date.today())
    assert due > date.today()
    assert tab.agm.text() == uk(due)
    tab.agm.setText("not a date")
    tab.agm.setModified(True)
    tab.retiring_button.click()
    assert tab.agm_error.text().startswith("⚠")
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    assert tab.agm.text() == "not a date"  # what the secretary typed is kept


def test_board_on_an_earlier_date(qtbot: Any, page: ElectionsPage) -> None:
    """The board can be shown as it was on a past date; a bad date is explained, not guessed."""
    tab = page.board
    org = page.ctx.organisation.id
    with sessions_of(page.ctx)() as session:
        today = board.board_on(session, org, date.today())
        newest = max(today, key=lambda s: s.started_on)
        before = newest.started_on - timedelta(days=1)
        then = [s.id for s in board.board_on(session, org, before)]
    assert newest.id not in then  # the newest member had not joined the day before
    assert tab.summary.text().startswith(f"The board today ({uk(date.today())}): {len(today)}")
    tab.on.clear()
    qtbot.keyClicks(tab.on, uk(before))
    qtbot.keyClick(tab.on, Qt.Key.Key_Return)
    settle(qtbot, page.ctx.runner)
    assert tab.summary.text().startswith(f"The board on {uk(before)}: {len(then)} members")
    shown = [tab.seats_model.row_at(i).id for i in range(tab.seats_model.rowCount())]
    assert shown == then
    tab.on.setText("31/02/2020")
    qtbot.keyClick(tab.on, Qt.Key.Key_Return)
    assert tab.on_error.text() == "⚠ The date to show the board on '31/02/2020' is not a real date."
    assert [tab.seats_model.row_at(i).id for i in range(tab.seats_model.rowCount())] == shown


def test_set_up_warns_when_nobody_would_be_on_the_roll(qtbot: Any, page: ElectionsPage) -> None:
    """A cut-off date before anyone joined: the form says nobody may vote, and why, before
    saving; Save again saves it as it is."""
    ctx = page.ctx
    tab = page.elections
    page.tabs.setCurrentWidget(tab)
    before = tab.model.rowCount()
    tab.new_button.click()
    form: Any = tab.dialog
    settle(qtbot, ctx.runner)
    qtbot.keyClicks(form.title, "Board election with an early cut-off")
    for box, text in (
        (form.opens, "05/01/2026"),
        (form.closes, "06/02/2026"),
        (form.cutoff, "01/01/1990"),
        (form.ballot, "12/03/2026"),
    ):
        box.setText(text)
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    settle(qtbot, ctx.runner)
    assert form.isVisible() and tab.model.rowCount() == before
    assert form.warning.isVisibleTo(form)
    assert "Nobody of the" in form.warning.text()
    assert "not a member on that date:" in form.warning.text()
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    settle(qtbot, ctx.runner)
    assert tab.model.rowCount() == before + 1
