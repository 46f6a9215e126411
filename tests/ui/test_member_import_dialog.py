"""The import screen: choose a file, check columns and problems, import, save rejected rows."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import Member
from app.services.membership.member_import import RowProblem
from app.ui.context import PageContext
from app.ui.members.import_dialog import (
    PROBLEM_HEADINGS,
    ImportMembersDialog,
    PreviewModel,
    Step,
    problems_model,
)
from app.ui.members.page import MembersPage
from tests.ui.conftest import sessions_of, settle

HEAD = ["First name", "Surname", "Post Code", "Email", "Tel", "Date Joined", "Membership Type"]


def _csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _good_rows() -> list[list[Any]]:
    return [
        HEAD,
        ["Ada", "Okafor", "se1 7pb", "ada@example.org", "7700900123", "01/02/2010", "Tenant"],
        ["Zoë", "Wróbel", "SE5 8QA", "", "", "12/03/2015", "Garage holder"],
        ["Kwame", "Mensah", "N1 9GU", "kwame@example.org", "", "5/6/2020", ""],
    ]


def _count(ctx: PageContext) -> int:
    with sessions_of(ctx)() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> MembersPage:
    made = MembersPage(make_ctx("admin"))
    qtbot.addWidget(made)
    made.show()
    settle(qtbot, made.ctx.runner)
    return made


def _dialog(qtbot: Any, page: MembersPage, path: Path) -> ImportMembersDialog:
    dialog = ImportMembersDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_file(path)
    settle(qtbot, page.ctx.runner)
    return dialog


def _problems(dialog: ImportMembersDialog) -> list[str]:
    model = dialog.problems_model
    return [f"{model.row_at(r)}" for r in range(model.rowCount())]


def test_good_file_imports_and_the_members_list_grows(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """A clean spreadsheet imports in one click and the new members appear in the list."""
    before = page.model.rowCount()
    dialog = _dialog(qtbot, page, _csv(tmp_path / "members.csv", _good_rows()))
    assert dialog.steps.currentIndex() == Step.CHECK
    assert "Every row can be imported" in dialog.overview.text()
    assert dialog.tabs.tabText(1) == "&New categories (1)"
    assert "• Garage holder" in dialog.new_categories.text()
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 3 members"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx.runner)
    assert dialog.steps.currentIndex() == Step.DONE
    assert "✔ Imported 3 members from 'members.csv'." in dialog.outcome.text()
    assert "Categories created: Garage holder." in dialog.outcome.text()
    assert not dialog.save_rejected_button.isEnabled()
    assert page.model.rowCount() == before + 3
    assert _count(page.ctx) == before + 3


def test_a_bad_row_blocks_the_import_and_says_where(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """A row with a wrong date stops everything, says which row, and the Import button says why."""
    rows = _good_rows()
    rows[2][5] = "31/02/2015"
    before = _count(page.ctx)
    dialog = _dialog(qtbot, page, _csv(tmp_path / "bad.csv", rows))
    assert _problems(dialog) == ["row 3: Date joined '31/02/2015' is not a real date."]
    assert dialog.tabs.tabText(0) == "&Problems (1)"
    assert not dialog.import_button.isEnabled()
    assert dialog.why_not.text().startswith("⚠ Nothing will be imported while 1 row has problems")
    dialog._on_import_button_clicked()  # even if reached, nothing happens
    settle(qtbot, page.ctx.runner)
    assert _count(page.ctx) == before
    assert dialog.steps.currentIndex() == Step.CHECK


def test_skip_invalid_imports_the_rest_and_saves_rejected_rows(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """Ticking 'Import only the valid rows' imports the others; the bad one can be saved."""
    rows = _good_rows()
    rows[1][3] = "ada at example"
    before = _count(page.ctx)
    dialog = _dialog(qtbot, page, _csv(tmp_path / "some.csv", rows))
    dialog.skip_invalid.setFocus()
    qtbot.keyClick(dialog.skip_invalid, Qt.Key.Key_Space)
    assert dialog.skip_invalid.isChecked()
    assert dialog.import_button.isEnabled() and dialog.why_not.isHidden()
    assert dialog.import_button.text() == "&Import 2 members"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx.runner)
    assert _count(page.ctx) == before + 2
    assert "✔ Imported 2 members" in dialog.outcome.text()
    assert "1 row was not imported" in dialog.outcome.text()
    model = dialog.rejected_model
    assert [str(model.row_at(r)) for r in range(model.rowCount())] == [
        "row 2: Email 'ada at example' has a space in it."
    ]
    assert dialog.save_rejected_button.isEnabled()
    target = tmp_path / "rejected.xlsx"
    dialog.save_rejected(target)
    settle(qtbot, page.ctx.runner)
    assert dialog.done_saved_note.text() == f"✔ Saved 1 row to {target}."
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Ada" in values and "Row 2: Email 'ada at example' has a space in it." in values


def test_changing_a_column_mapping_replans(qtbot: Any, page: MembersPage, tmp_path: Path) -> None:
    """Choosing 'Don't import' for a column changes what the import will do."""
    rows = _good_rows()
    rows[1][4] = "not a phone"
    dialog = _dialog(qtbot, page, _csv(tmp_path / "phone.csv", rows))
    assert _problems(dialog) == [
        "row 2: Phone number 'not a phone' is not a UK number (11 digits starting with 0)."
    ]
    assert dialog.mapping()[4] == "phone"
    combo = dialog._combos[4]
    assert combo.accessibleName() == "Column 'Tel' goes to"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # the first choice: Don't import
    settle(qtbot, page.ctx.runner)
    assert 4 not in dialog.mapping()
    assert dialog.plan is not None and 4 not in dialog.plan.mapping
    assert _problems(dialog) == []
    assert dialog.import_button.isEnabled()
    assert dialog.preview_model.headerData(4, Qt.Orientation.Horizontal) == "Tel\n→ Don't import"


def test_one_field_from_one_column_only(qtbot: Any, page: MembersPage, tmp_path: Path) -> None:
    """Sending a second column to Last name takes it from the first, and says so."""
    dialog = _dialog(qtbot, page, _csv(tmp_path / "m.csv", _good_rows()))
    dialog.set_mapping(0, "family_name")
    settle(qtbot, page.ctx.runner)
    assert dialog.mapping()[0] == "family_name" and 1 not in dialog.mapping()
    assert "'Surname' will not be imported" in dialog.mapping_note.text()
    assert _problems(dialog)[0] == "row 2: Enter the first name."


def test_not_a_spreadsheet_shows_the_plain_message(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """Choosing a PDF says plainly that it is not a spreadsheet, and stays on the first step."""
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    dialog = _dialog(qtbot, page, path)
    assert dialog.error_text() == "'minutes.pdf' is not a CSV or Excel (.xlsx) file."
    assert dialog.steps.currentIndex() == Step.CHOOSE


def test_viewer_gets_the_permission_message(
    qtbot: Any, make_ctx: Callable[[str], PageContext], tmp_path: Path
) -> None:
    """Someone who may only look at the register is told so when choosing a file."""
    ctx = make_ctx("viewer")
    dialog = ImportMembersDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.choose_file(_csv(tmp_path / "m.csv", _good_rows()))
    settle(qtbot, ctx.runner)
    assert dialog.error_text() == (
        "Your account (viewer, viewer) may not change the register of members. "
        "Ask an administrator."
    )
    assert dialog.steps.currentIndex() == Step.CHOOSE


def test_every_control_has_an_accessible_name(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """A screen reader announces every button, box and table of the import screen."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QTableView

    dialog = _dialog(qtbot, page, _csv(tmp_path / "m.csv", _good_rows()))
    widgets = [
        w for k in (QPushButton, QCheckBox, QComboBox, QTableView) for w in dialog.findChildren(k)
    ]
    assert len(widgets) > 20
    for widget in widgets:
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_models_pass_qtmodeltester(
    qtmodeltester: Any, qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """The preview and problem lists behave as Qt expects of any item model."""
    dialog = _dialog(qtbot, page, _csv(tmp_path / "m.csv", _good_rows()))
    preview = PreviewModel()
    preview.set_plan(dialog.plan)
    assert preview.rowCount() == 3 and preview.columnCount() == len(HEAD)
    qtmodeltester.check(preview)
    problems = problems_model(PROBLEM_HEADINGS)
    problems.set_rows([RowProblem(4, "Enter the first name."), RowProblem(9, "Too long.")])
    qtmodeltester.check(problems)


def test_a_file_without_shares_warns_and_can_issue_one_each(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    """The register has no share column: the screen says they may not vote and offers one
    share each; chosen, the new members are on the voter roll straight away."""
    from datetime import date

    from app.services.common.report_options import MemberFilter
    from app.services.membership.member_rows import member_rows

    dialog = _dialog(qtbot, page, _csv(tmp_path / "members.csv", _good_rows()))
    assert dialog.shares_box.isVisibleTo(dialog)
    assert "These 3 members hold no share" in dialog.share_note.text()
    assert "may not vote" in dialog.share_note.text()
    dialog.share_choice.setCurrentIndex(dialog.share_choice.findData("paid"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx.runner)
    assert dialog.steps.currentIndex() == Step.DONE
    assert "3 lines were written to the share ledger" in dialog.outcome.text()
    with sessions_of(page.ctx)() as session:
        org = page.ctx.organisation.id
        voters = member_rows(session, org, MemberFilter(eligible_on=date.today()))
        assert {"Okafor", "Wróbel", "Mensah"} <= {m.family_name for m in voters}


def test_a_file_with_a_shares_column_needs_no_offer(
    qtbot: Any, page: MembersPage, tmp_path: Path
) -> None:
    rows = [[*row, "Shares" if i == 0 else "1"] for i, row in enumerate(_good_rows())]
    dialog = _dialog(qtbot, page, _csv(tmp_path / "members.csv", rows))
    assert not dialog.shares_box.isVisibleTo(dialog)
    assert [label for heading, label in dialog.plan.mapping_labels() if heading == "Shares"] == [
        "Shares held"
    ]  # type: ignore[union-attr]
