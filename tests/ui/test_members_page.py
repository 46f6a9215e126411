"""The Members page: search, filters, sort, and the member form, as a secretary uses them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.membership import categories, members
from app.services.membership.records import MemberDetails
from app.ui.context import PageContext
from app.ui.members.form import MemberDialog
from app.ui.members.model import MemberColumn, MembersModel
from app.ui.members.page import MembersPage
from app.ui.ops import ChangeBus, OpRunner
from tests.ui.conftest import sessions_of, settle


@pytest.fixture
def page(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> MembersPage:
    made = MembersPage(make_ctx("admin"))
    qtbot.addWidget(made)
    made.show()
    settle(qtbot, made.ctx.runner)
    return made


def names(page: MembersPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, MemberColumn.NAME)) for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester: Any, demo: Any) -> None:
    """The members table behaves as Qt expects of a table model."""
    model = MembersModel(OpRunner(demo.sessions, ChangeBus()).read, 1)
    model.reload()
    qtmodeltester.check(model)


def test_search_as_you_type_finds_accented_names(qtbot: Any, page: MembersPage) -> None:
    """Typing 'zoe' in the search box finds 'Zoë Wróbel' as you type."""
    with sessions_of(page.ctx).begin() as session:
        members.add_member(
            session,
            page.ctx.user.actor,
            members.MemberDetails("Zoë", "Wróbel", category_id=1, postcode="SE1 7PB"),
        )
    page.model.reload()
    everyone = page.model.rowCount()
    assert everyone == 41
    page.search.setText("zoe wrob")  # typed without the accents
    assert names(page) == ["Wróbel, Zoë"]
    page.search.setText("se1 7p")
    assert "Wróbel, Zoë" in names(page)
    page.search.clear()
    assert page.model.rowCount() == everyone


def test_status_filter_and_sort_by_number(qtbot: Any, page: MembersPage) -> None:
    """Showing former members only, and sorting by number, work from the page."""
    page.status.setCurrentIndex(page.status.findData("former"))
    statuses = {
        page.model.data(page.model.index(r, MemberColumn.STATUS))
        for r in range(page.model.rowCount())
    }
    assert statuses == {"Former"}
    page.status.setCurrentIndex(0)
    page.table.sortByColumn(MemberColumn.NUMBER, Qt.SortOrder.DescendingOrder)
    numbers = [
        int(page.model.data(page.model.index(r, MemberColumn.NUMBER)))
        for r in range(page.model.rowCount())
    ]
    assert numbers == sorted(numbers, reverse=True)


def test_adding_a_member_shows_errors_beside_fields_then_saves(
    qtbot: Any, page: MembersPage
) -> None:
    """Adding a member shows each error beside its field, then saves once put right."""
    dialog = MemberDialog(page.ctx, page, None)
    qtbot.addWidget(dialog)
    settle(qtbot, page.ctx.runner)
    dialog.family.setText("Yılmaz")
    dialog.born.setText("31/02/2019")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.errors.text("given_name") == "Enter the first name."
    assert "'31/02/2019' is not a real date" in dialog.errors.text("date_of_birth")
    assert dialog.tabs.currentIndex() == 0
    dialog.given.insert("Ayşe")
    dialog.born.clear()
    dialog.mobile.setText("7700900555")
    dialog.postcode.setText("se17pb")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    settle(qtbot, page.ctx.runner)
    assert dialog.saved is not None
    page.search.setText("yilmaz 41")
    page.search.setText("07700900555")
    assert names(page) == ["Yılmaz, Ayşe"]
    with sessions_of(page.ctx)() as session:
        record = members.get_member(session, 1, dialog.saved.member_id)
    assert record.mobile == "07700 900555" and record.postcode == "SE1 7PB"
    # Opened again, the record says why she may not vote yet: she holds no share.
    again = MemberDialog(page.ctx, page, dialog.saved.member_id)
    qtbot.addWidget(again)
    settle(qtbot, page.ctx.runner)
    assert again.voting.text() == "✖ May not vote today: no paid-up share."


def test_leave_then_rejoin_through_the_page(
    qtbot: Any, page: MembersPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member can leave and re-join through the page's buttons."""
    page.status.setCurrentIndex(page.status.findData("current"))
    page.table.selectRow(0)
    chosen = page.selected()
    assert chosen is not None and page.leave_button.isEnabled()
    page.leave_button.click()
    dialog = page._dialog
    assert dialog is not None
    dialog.on.setText("01/01/1990")  # type: ignore[attr-defined]
    dialog.errors.clear()  # type: ignore[attr-defined]
    dialog._on_ok()  # type: ignore[attr-defined]
    settle(qtbot, page.ctx.runner)
    assert "before the member joined" in dialog.errors.text("left_on")  # type: ignore[attr-defined]
    dialog.on.setText("")  # type: ignore[attr-defined]
    dialog.on.insert(f"{chosen.joined_on:%d/%m/%Y}")  # type: ignore[attr-defined,union-attr]
    dialog._on_ok()  # type: ignore[attr-defined]
    settle(qtbot, page.ctx.runner)
    assert page.model.row_of(chosen.id) is None  # no longer among current members
    page.status.setCurrentIndex(page.status.findData("former"))
    page.table.selectRow(page.model.row_of(chosen.id) or 0)
    assert page.selected() is not None and page.selected().id == chosen.id  # type: ignore[union-attr]
    assert page.rejoin_button.isEnabled()


def test_viewer_cannot_change_the_register(
    qtbot: Any, make_ctx: Callable[[str], PageContext]
) -> None:
    """A viewer can read records but cannot add members or record leaving."""
    viewer = MembersPage(make_ctx("viewer"))
    qtbot.addWidget(viewer)
    settle(qtbot, viewer.ctx.runner)
    assert not viewer.add_button.isEnabled()
    assert not viewer.leave_button.isEnabled()
    assert viewer.edit_button.isEnabled()  # reading a record is allowed


def test_column_choice_is_remembered(qtbot: Any, make_ctx: Callable[[str], PageContext]) -> None:
    """The columns chosen for the members table are there next time."""
    ctx = make_ctx("admin")
    first = MembersPage(ctx)
    qtbot.addWidget(first)
    assert first.table.isColumnHidden(MemberColumn.EMAIL)
    first.show_column(MemberColumn.EMAIL, True)
    first.show_column(MemberColumn.POSTCODE, False)
    second = MembersPage(ctx)
    qtbot.addWidget(second)
    assert not second.table.isColumnHidden(MemberColumn.EMAIL)
    assert second.table.isColumnHidden(MemberColumn.POSTCODE)


def test_every_control_has_an_accessible_name(page: MembersPage) -> None:
    """Every control on the Members page has a name a screen reader can say."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    for kind in (QAbstractButton, QComboBox, QLineEdit):
        for widget in page.findChildren(kind):
            if widget.isVisible() and not widget.objectName().startswith("qt_"):
                assert widget.accessibleName(), widget


def test_issue_one_share_each_to_the_selected_members(qtbot: Any, page: MembersPage) -> None:
    """Two members chosen with Ctrl-click get a share each; then everyone without a share;
    asked again, the dialog says nobody is left."""
    from PySide6.QtCore import QItemSelectionModel

    from app.services.membership import shares

    page.status.setCurrentIndex(page.status.findData("current"))
    chosen = []
    for row in (0, 1):
        index = page.model.index(row, 0)
        page.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        chosen.append(page.model.row_at(row).id)  # type: ignore[union-attr]
    with sessions_of(page.ctx)() as session:
        before = [shares.holding(session, i).shares for i in chosen]
    page.issue_button.click()
    dialog = page._dialog
    assert dialog.to_selected.isChecked()  # type: ignore[attr-defined]
    assert "2 selected members" in dialog.to_selected.text().replace("&", "")  # type: ignore[attr-defined]
    dialog._on_ok()  # type: ignore[attr-defined]
    settle(qtbot, page.ctx.runner)
    with sessions_of(page.ctx)() as session:
        assert [shares.holding(session, i).shares for i in chosen] == [b + 1 for b in before]
    for _ in range(2):  # everyone without a share gets one; then there is nobody left
        page.issue_button.click()
        dialog = page._dialog
        dialog.to_all.setChecked(True)  # type: ignore[attr-defined]
        dialog._on_ok()  # type: ignore[attr-defined]
        settle(qtbot, page.ctx.runner)
    assert "already holds a share" in dialog.errors.general.text()  # type: ignore[attr-defined]
    with sessions_of(page.ctx)() as session:
        assert shares.members_without_shares(session, page.ctx.organisation.id) == []


def test_a_record_changed_by_someone_else_is_not_saved_over(
    qtbot: Any, page: MembersPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secretary opens member 3; meanwhile another office saves a new phone number.
    Her save is refused in words naming who and when, nothing is written over theirs,
    and she reloads the record to see it."""
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD

    dialog = MemberDialog(page.ctx, page, 3)
    qtbot.addWidget(dialog)
    settle(qtbot, page.ctx.runner)
    sessions = sessions_of(page.ctx)
    other = auth.sign_in(sessions, "secretary", DEMO_PASSWORD).actor
    with sessions.begin() as session:
        record = members.get_member(session, 1, 3)
        members.update_member(session, other, 3, replace(record, phone="020 7946 0123"))
    asked: list[str] = []

    def reload_please(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", reload_please)
    dialog.email.setText("new@example.org")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    settle(qtbot, page.ctx.runner)
    assert dialog.saved is None
    assert asked and "changed by secretary at " in asked[0]
    assert "Nothing you typed was saved" in asked[0]
    assert dialog.phone.text() == "020 7946 0123"  # reloaded: the other office's change
    with sessions.begin() as session:
        assert members.get_member(session, 1, 3).email == record.email


def test_a_member_organisation_shows_its_name_and_representative(
    qtbot: Any, page: MembersPage
) -> None:
    """A member that is an organisation has no first name or date of birth on its form but
    its representative, who can be changed there; leaving the name empty is refused."""
    from app.models import Organisation
    from app.services.accounts.roles import Actor, Role

    with sessions_of(page.ctx).begin() as session:
        other = Organisation(name="Northfield Tenants' Co-operative", kind="tmo")
        session.add(other)
        session.flush()
        category = categories.list_categories(session, 1)[0].id
        saved = members.add_member(
            session,
            Actor(1, "admin", Role.ADMINISTRATOR, 1),
            MemberDetails(
                given_name="",
                family_name="Northfield Tenants' Co-operative",
                category_id=category,
                represents_id=other.id,
                representative="Sam Okafor",
            ),
        )
    dialog = MemberDialog(page.ctx, page, saved.member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, page.ctx.runner)
    assert dialog.representative.text() == "Sam Okafor"
    assert dialog.representative.isVisible() and not dialog.given.isVisible()
    assert dialog.family.accessibleName() == "Name of the organisation"
    dialog.representative.clear()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "represents this member organisation" in dialog.errors.text("representative")
    dialog.representative.setText("Grace  Adeyemi")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    settle(qtbot, page.ctx.runner)
    assert dialog.saved is not None
    with sessions_of(page.ctx)() as session:
        record = members.get_member(session, 1, saved.member_id)
    assert (record.representative, record.given_name) == ("Grace Adeyemi", "")
    # A person's form keeps its own rows.
    person = MemberDialog(page.ctx, page, 3)
    qtbot.addWidget(person)
    person.show()
    settle(qtbot, page.ctx.runner)
    assert person.given.isVisible() and not person.representative.isVisible()
