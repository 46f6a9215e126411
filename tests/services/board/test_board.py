"""The board: seats, officers, rotation and vacancies; bad input refused plainly, nothing saved."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.models import BoardMembership, OfficerRole, SeatType
from app.reports import registry, render
from app.services import board
from app.services.common.report_options import DEFAULT_OPTIONS
from tests.services.board_helpers import actor, audit_rows, plain, rows, seat_type
from tests.services.meeting_helpers import new_meeting

__all__ = ["plain"]

# In the seed-7 demo, member ids are membership numbers: 1, 2, 5, 6, 9 are current tenants
# (joined before 2020), 3 and 4 leaseholders, 10 community (may not stand), 8 left in 2020.
START = date(2025, 6, 1)


def seat(db: Any, seat_type_id: int, member_id: int, **changes: Any) -> board.BoardSeat:
    fields: dict[str, Any] = {
        "seat_type_id": seat_type_id,
        "member_id": member_id,
        "started_on": START,
        "how": "elected",
    }
    fields.update(changes)
    with db.sessions.begin() as session:
        return board.add_to_board(session, actor(db), **fields)


def test_seat_type_saved_and_audited(plain: Any) -> None:
    """A kind of seat is kept with its constituency and term, and the change is audited."""
    before = audit_rows(plain)
    seat_type(plain)
    with plain.sessions() as session:
        (info,) = board.list_seat_types(session, actor(plain).organisation_id)
    assert (info.name, info.category, info.seats, info.term_years) == (
        "Tenant seats",
        "Tenant",
        3,
        3,
    )
    assert audit_rows(plain) == before + 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Enter the seat's name."),
        ({"seats": 0}, "The number of seats must be 1 to 100."),
        ({"term_years": 0}, "The term must be 1 to 10 years."),
        ({"filled_by": "lottery"}, "Choose how the seat is filled"),
        ({"filled_by": "appointed", "cat": None}, "Enter the body that appoints"),
        ({"cat": "Community"}, "Community members may not stand for election"),
    ],
)
def test_bad_seat_types_refused(plain: Any, changes: dict[str, Any], message: str) -> None:
    """A seat type with a missing or impossible value is refused with a plain message."""
    with pytest.raises(UserError, match=message):
        seat_type(plain, **changes)
    assert rows(plain, SeatType) == 0


def test_members_take_seats_and_board_lists_them(plain: Any) -> None:
    """Members put on the board show in the list, with the term's end worked out."""
    kind = seat_type(plain)
    seat(plain, kind, 1)
    seat(plain, kind, 2, how="co_opted")
    with plain.sessions() as session:
        seats = board.board_on(session, actor(plain).organisation_id, date(2025, 7, 1))
    assert {s.member_id for s in seats} == {1, 2}
    assert seats[0].term_ends_on == date(2028, 6, 1)


@pytest.mark.parametrize(
    ("member_id", "changes", "message"),
    [
        (8, {}, "was not a current member on 01/06/2025"),
        (10, {}, "whose members may not stand"),
        (3, {}, "'Tenant seats' is for Tenant members"),
        (1, {"ended_on": date(2025, 1, 1)}, "The end date is before the start date."),
        (1, {"how": "bribed"}, "Choose how they came"),
    ],
)
def test_bad_board_seats_refused(
    plain: Any, member_id: int, changes: dict[str, Any], message: str
) -> None:
    """Someone who may not sit in a seat is refused with the reason, and nothing is saved."""
    kind = seat_type(plain)
    before = audit_rows(plain)
    with pytest.raises(UserError, match=message):
        seat(plain, kind, member_id, **changes)
    assert rows(plain, BoardMembership) == 0
    assert audit_rows(plain) == before


def test_not_on_the_board_twice_and_not_over_full(plain: Any) -> None:
    """A member cannot hold two seats at once, and a full seat type takes nobody more."""
    kind = seat_type(plain, seats=2)
    other = seat_type(plain, "Co-opted", None, filled_by="co_opted", term_years=1)
    seat(plain, kind, 1)
    with pytest.raises(UserError, match=r"Member 1 \(.*\) is already on the board then"):
        seat(plain, other, 1, how="co_opted")
    seat(plain, kind, 2)
    with pytest.raises(UserError, match="All 2 seats of 'Tenant seats' are filled on 01/06/2025"):
        seat(plain, kind, 5)
    assert rows(plain, BoardMembership) == 2


def test_officers_must_be_board_members(plain: Any) -> None:
    """An officer must be on the board that day; an office has one holder; ending a seat ends it."""
    kind = seat_type(plain)
    first = seat(plain, kind, 1)
    second = seat(plain, kind, 2)
    a = actor(plain)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="not on the board on"):
        board.appoint_officer(session, a, first.id, "chair", date(2025, 1, 1))
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Choose the office"):
        board.appoint_officer(session, a, first.id, "king", START)
    with plain.sessions.begin() as session:
        board.appoint_officer(session, a, first.id, "chair", START)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Member 1 is chair"):
        board.appoint_officer(session, a, second.id, "chair", date(2025, 7, 1))
    assert rows(plain, OfficerRole) == 1
    with plain.sessions.begin() as session:
        board.end_board_membership(session, a, first.id, date(2025, 9, 1), "resigned")
    with plain.sessions() as session:
        (chair,) = board.officers(session, a.organisation_id)
        assert board.officers(session, a.organisation_id, current_on=date(2025, 10, 1)) == []
    assert chair.ended_on == date(2025, 9, 1)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="before the start"):
        board.end_board_membership(session, a, second.id, date(2024, 1, 1), "resigned")


def test_retirement_by_rotation_and_vacancies(plain: Any) -> None:
    """Terms that have run out retire; with the one-third rule the longest in office go too."""
    kind = seat_type(plain, seats=5, term_years=3)
    seat(plain, kind, 1, started_on=date(2022, 6, 1))  # term ends 01/06/2025
    seat(plain, kind, 2, started_on=date(2023, 6, 1))
    seat(plain, kind, 5, started_on=date(2024, 6, 1))
    seat(plain, kind, 6, started_on=date(2024, 6, 1))
    seat(plain, kind, 9, started_on=date(2025, 6, 1))
    org = actor(plain).organisation_id
    with plain.sessions() as session:
        plain_rule = board.retiring_at(session, org, date(2025, 9, 1))
        thirds = board.retiring_at(session, org, date(2025, 9, 1), one_third=True)
        (gap,) = board.vacancies(session, org, date(2025, 9, 1))
        (early,) = board.vacancies(session, org, date(2023, 1, 1))
    assert [r.seat.member_id for r in plain_rule] == [1]
    assert [r.seat.member_id for r in thirds] == [1, 2]  # 5 elected: nearest a third is 2
    assert "one third" in thirds[1].reason
    assert (gap.seats, gap.filled, gap.vacant) == (5, 5, 0)
    assert early.vacant == 4


def test_board_and_officer_reports(plain: Any) -> None:
    """The board list and register of officers build, print as PDF and open as spreadsheets."""
    kind = seat_type(plain)
    first = seat(plain, kind, 1, started_on=date(2024, 6, 1))
    a = actor(plain)
    with plain.sessions.begin() as session:
        board.appoint_officer(session, a, first.id, "treasurer", date(2024, 7, 1))
    now = datetime(2025, 8, 1, 9, 0)
    for name, heading in (("board", "Seat"), ("officers", "Office")):
        spec = registry.find(name)
        with plain.sessions() as session:
            data = spec.build(session, a, now, DEFAULT_OPTIONS)
        assert heading in [c.heading for c in data.columns]
        assert len(data.rows) == 1
        pdf = BytesIO()
        render.write_pdf(data, pdf, invariant=True)
        assert pdf.getvalue().startswith(b"%PDF")
        book = BytesIO()
        render.write_xlsx(data, book)
        sheet = load_workbook(BytesIO(book.getvalue())).active
        assert sheet is not None and sheet.max_row >= 2


def test_subject_access_shows_board_seats_and_offices(plain: Any) -> None:
    """A member's subject access export lists their seats and offices (not 'not recorded')."""
    from app.services.personal_data import subject_access

    kind = seat_type(plain)
    first = seat(plain, kind, 1, started_on=date(2024, 6, 1))
    a = actor(plain)
    with plain.sessions.begin() as session:
        board.appoint_officer(session, a, first.id, "chair", date(2024, 7, 1))
    with plain.sessions() as session:
        export = subject_access.build(session, a, 1, datetime(2025, 8, 1))
    found = {s.key: s for s in export.report.sections}
    assert [r[0] for r in found["board_roles"].rows] == ["Board seat: Tenant seats", "Chair"]
    assert found["voter_rolls"].rows == ()


def test_next_agm_is_the_one_called_else_a_year_after_the_last(plain: Any) -> None:
    """The retiring list opens at the AGM already called, or a year after the last one held."""
    org = actor(plain).organisation_id
    today = date(2026, 6, 1)
    with plain.sessions() as session:
        assert board.next_agm(session, org, today) == today  # no AGM on record
    new_meeting(plain, date(2025, 9, 18), kind="agm")
    with plain.sessions() as session:
        assert board.next_agm(session, org, today) == date(2026, 9, 18)
        assert board.next_agm(session, org, date(2026, 10, 1)) == date(2026, 10, 1)  # overdue
    new_meeting(plain, date(2026, 9, 10), kind="agm", title="AGM 2026")
    new_meeting(plain, date(2026, 7, 2))  # a board meeting is not an AGM
    with plain.sessions() as session:
        assert board.next_agm(session, org, today) == date(2026, 9, 10)
