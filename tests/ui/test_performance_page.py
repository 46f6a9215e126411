"""The Performance page as a TMO secretary uses it: rent collected typed as two figures
shows 96.0% and "missed" in words; a questionnaire typed in counts in TP01; every tab and
control can be reached by keyboard and has a name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView

from app.services import organisation
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.ui.context import PageContext
from app.ui.ops import ChangeBus, OpRunner
from tests.ui.conftest import press_ok, settle, shown_page


@pytest.fixture
def page(qtbot: Any, demo_files: Callable[..., Path], tmp_path: Path) -> Iterator[Any]:
    """The Performance page for the demo secretary, on the small demo with its measures."""
    from app.ui.performance.page import PerformancePage
    from tests.conftest import open_copy

    db = open_copy(demo_files(members=30, seed=4, board=False, finance=True), tmp_path / "p.sqlite")
    user = auth.sign_in(db.sessions, "secretary", DEMO_PASSWORD)
    with db.sessions() as session:
        org = organisation.get(session, user.organisation_id)
    runner = OpRunner(db.sessions, ChangeBus())
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    made = shown_page(qtbot, PerformancePage(PageContext(runner, runner.bus, user, org, db.file,
                                                         state)), 1100, 760)  # fmt: skip
    settle(qtbot, runner)
    yield made
    runner.wait()
    db.close(backup=False)


def test_rent_typed_as_two_figures_shows_96_percent_missed(qtbot: Any, page: Any) -> None:
    """The secretary records £48,000 collected of £50,000 due for quarter 1 of this year:
    the table says 96.0% (missed); a percentage is never typed."""
    from app.ui.performance.indicators_tab import Column, FiguresDialog

    tab = page.indicators
    tab.year.setCurrentIndex(0)  # the year under way
    settle(qtbot, page.ctx.runner)
    rent = next(r for r in tab.rows if r.code == "RENT-1")
    dialog = FiguresDialog(page.ctx, tab, rent, int(tab.year.currentData()), tab.rows)
    qtbot.addWidget(dialog)
    dialog.quarter.setCurrentIndex(dialog.quarter.findData(1))
    qtbot.keyClicks(dialog.first, "£48,000")
    qtbot.keyClicks(dialog.second, "50,000.00")
    press_ok(qtbot, dialog, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    row = next(n for n, r in enumerate(tab.rows) if r.code == "RENT-1")
    shown = tab.model.data(tab.model.index(row, Column.Q1))
    assert shown == "96.0% (missed)"
    tab.table.setFocus()
    tab.table.selectRow(row)  # the trend below follows the indicator chosen
    trend = tab.trend.accessibleDescription()
    assert trend.startswith("Rent collected") and "the last eight quarters" in trend
    assert f"{str(tab.year.currentData())[2:]}/" in trend and ": 96.0;" in trend
    assert "Target 97.0%" in trend
    bad = FiguresDialog(page.ctx, tab, rent, int(tab.year.currentData()), tab.rows)
    qtbot.addWidget(bad)
    qtbot.keyClicks(bad.first, "96%")
    press_ok(qtbot, bad, page.ctx.runner)
    assert "not an amount of money" in bad.errors.text("first")


def test_a_questionnaire_typed_in_counts_in_tp01(qtbot: Any, page: Any) -> None:
    """Questionnaire 61, 'very satisfied' overall, raises TP01's answered count by one."""
    from app.ui.performance.surveys_tab import ReturnDialog

    tab = page.surveys
    before = next(r for r in tab.rows if r.code == "TP01")
    dialog = ReturnDialog(page.ctx, tab, int(tab.survey.currentData()), tab.rows)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.number, "61")
    first = dialog.answers[1]
    assert isinstance(first, QComboBox)
    first.setCurrentIndex(first.findData(1))
    press_ok(qtbot, dialog, page.ctx.runner)
    settle(qtbot, page.ctx.runner)
    after = next(r for r in tab.rows if r.code == "TP01")
    assert (after.answered, after.favourable) == (before.answered + 1, before.favourable + 1)


def test_every_control_has_a_name_and_takes_the_keyboard(page: Any) -> None:
    """Each tab's buttons, boxes and tables are named and reachable by Tab."""
    from PySide6.QtCore import Qt

    for index in range(page.tabs.count()):
        tab = page.tabs.widget(index)
        controls = tab.findChildren(QAbstractButton) + tab.findChildren(QComboBox) + \
            tab.findChildren(QLineEdit) + tab.findChildren(QPlainTextEdit) + \
            tab.findChildren(QTableView)  # fmt: skip
        assert controls
        for control in controls:
            if isinstance(control, QLineEdit) and isinstance(control.parent(), QComboBox):
                continue  # an editable box's own line
            if type(control) is QAbstractButton:
                continue  # a table's corner button, Qt's own
            name = control.accessibleName() or (control.text() if isinstance(
                control, QAbstractButton) else "")  # fmt: skip
            assert name, f"{type(control).__name__} on tab {index} has no name"
            assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, name


def test_the_councils_file_and_an_own_indicator(qtbot: Any, page: Any, tmp_path: Path) -> None:
    """A council file with a mistake records nothing and names the line; an indicator of
    the TMO's own is added through its form and listed."""
    from app.ui.performance.indicators_tab import OwnDialog

    tab = page.indicators
    bad = tmp_path / "council.csv"
    bad.write_text("Code,Year,Quarter,First,Second\nRENT-1,2025,1,100,0\n", encoding="utf-8")
    tab._on_file(str(bad))
    settle(qtbot, page.ctx.runner)
    assert tab.result.text().startswith("⚠ Nothing was recorded: Line 2")
    dialog = OwnDialog(page.ctx, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "GARD")
    qtbot.keyClicks(dialog.name, "Gardens tidied on time")
    qtbot.keyClicks(dialog.first, "gardens tidied on time")
    qtbot.keyClicks(dialog.second, "gardens due")
    qtbot.keyClicks(dialog.target, "90%")
    press_ok(qtbot, dialog, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    own = next(r for r in tab.rows if r.code == "GARD")
    assert (own.name, own.target_shown) == ("Gardens tidied on time", "90.0%")


def test_a_project_ballot_set_up_typed_counted_and_declared(qtbot: Any, page: Any) -> None:
    """The demo's ballot shows as declared. A new one of two projects, for one place, is
    set up; three papers typed in (Enter saves and moves on; a number not on the paper is
    refused beside Marks); counted; declared and minuted in a meeting's agenda item."""
    from datetime import date

    from PySide6.QtCore import Qt

    from app.ui.performance.ballots_tab import DeclareDialog, SetUpDialog

    tab = page.ballots
    assert "Declared: going ahead, Community garden" in tab.about.text()
    assert "not going ahead" in tab.sheet.toPlainText()
    assert not tab.marks.isEnabled()
    tab.setup_button.click()
    settle(qtbot, page.ctx.runner)
    dialog = tab.dialog
    assert isinstance(dialog, SetUpDialog)
    dialog.title.setText("Next year's project")
    dialog.held.setText(date.today().strftime("%d/%m/%Y"))
    rows = {dialog.list.item(n).text().split(" (")[0]: n for n in range(dialog.list.count())}
    for name in ("Youth football sessions", "Community garden"):  # football is number 1
        dialog.list.item(rows[name]).setCheckState(Qt.CheckState.Checked)
    press_ok(qtbot, dialog, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    assert tab.ballot.currentText().startswith("Next year's project")
    assert "1. Youth football sessions; 2. Community garden" in tab.about.text()
    assert tab.number.text() == "1"
    for marks in ("1", "1 2", "1"):
        qtbot.keyClicks(tab.marks, marks)
        qtbot.keyClick(tab.marks, Qt.Key.Key_Return)
        settle(qtbot, page.ctx.runner)
    assert tab.number.text() == "4" and "Paper 3 saved" in tab.result.text()
    qtbot.keyClicks(tab.marks, "3")
    qtbot.keyClick(tab.marks, Qt.Key.Key_Return)
    settle(qtbot, page.ctx.runner)
    assert "1 to 2" in tab.errors.text("marks")
    tab.marks.clear()
    tab.count_button.click()
    settle(qtbot, page.ctx.runner)
    assert "Going ahead: Youth football sessions." in tab.result.text()
    assert "Youth football sessions" in tab.sheet.toPlainText()
    declare = DeclareDialog(page.ctx, tab, tab._chosen(), tab.seed, [])
    qtbot.addWidget(declare)
    press_ok(qtbot, declare, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    assert "Declared: going ahead, Youth football sessions (" in tab.about.text()
    lines = tab.sheet.toPlainText().splitlines()
    assert lines[0].split() == ["Youth", "football", "sessions", "3", "going", "ahead"]
    assert not tab.paper_button.isEnabled()


def test_the_year_chooser_follows_the_organisations_own_year(qtbot: Any, page: Any) -> None:
    """April to March gives '2025/26'-style years; a calendar year gives '2025'."""
    from dataclasses import replace
    from datetime import date

    from PySide6.QtWidgets import QHBoxLayout

    from app.ui.performance.common import year_box

    org = page.ctx.organisation
    april = year_box("Year", QHBoxLayout(), org)
    start = date.today().year if date.today().month >= 4 else date.today().year - 1
    assert april.itemText(0) == f"{start}/{(start + 1) % 100:02d}"
    assert april.currentData() == start - 1  # the last complete year is chosen
    calendar = year_box("Year", QHBoxLayout(), replace(org, fy_start_month=1, fy_start_day=1))
    assert [calendar.itemText(n) for n in range(2)] == [str(date.today().year),
                                                        str(date.today().year - 1)]  # fmt: skip


def test_a_questionnaire_typed_again_is_checked_or_put_right(qtbot: Any, page: Any) -> None:
    """Questionnaire 1 typed again with another answer to question 1: the difference is
    named beside the answers and nothing changes; ticked as what the paper says, it is put
    right and counts as checked."""
    from app.ui.performance.surveys_tab import ReturnDialog

    tab = page.surveys
    assert tab.counts.text().startswith("60 questionnaires typed in; 0 of them checked")
    before = next(r for r in tab.rows if r.code == "TP01")
    dialog = ReturnDialog(page.ctx, tab, int(tab.survey.currentData()), tab.rows, check=True)
    qtbot.addWidget(dialog)
    assert dialog.correct.isHidden()
    qtbot.keyClicks(dialog.number, "1")
    press_ok(qtbot, dialog, page.ctx.runner)
    said = dialog.errors.text("answers")
    assert said.startswith("The two typings differ: question 1: first typed “")
    assert "nothing has changed" in said and dialog.result() == 0  # not accepted
    assert not dialog.correct.isHidden()  # offered only now that they differ
    dialog.correct.setChecked(True)
    press_ok(qtbot, dialog, page.ctx.runner)
    settle(qtbot, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    assert tab.counts.text().startswith("60 questionnaires typed in; 1 of them checked")
    after = next(r for r in tab.rows if r.code == "TP01")
    assert after.answered < before.answered  # questionnaire 1 now answers nothing


def test_marks_that_are_not_plain_digits_are_refused_beside_the_box(qtbot: Any, page: Any) -> None:
    """A superscript two (which looks like a digit) typed as a mark is refused beside
    Marks, with nothing saved, rather than ending in an error window."""
    from PySide6.QtCore import Qt

    from app.ui.performance.ballots_tab import SetUpDialog

    tab = page.ballots
    tab.setup_button.click()
    settle(qtbot, page.ctx.runner)
    dialog = tab.dialog
    assert isinstance(dialog, SetUpDialog)
    dialog.held.setText("01/01/2026")
    for row in (0, 1):
        dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
    press_ok(qtbot, dialog, page.ctx.runner)
    tab.refresh()
    settle(qtbot, page.ctx.runner)
    qtbot.keyClicks(tab.marks, "1 ²")
    qtbot.keyClick(tab.marks, Qt.Key.Key_Return)
    settle(qtbot, page.ctx.runner)
    assert "such as 1 3" in tab.errors.text("marks")
    assert "0 papers typed in" in tab.about.text()
