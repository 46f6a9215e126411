"""The demo federation as a mutual: its own organisation, whose office is the
federation's administrator, with every centre on its register (each spoken for by its
chair) and a board seat per centre."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import MemberCategory, User
from app.services import organisation
from app.services.accounts.roles import Role
from app.services.board.memberships import add_to_board
from app.services.board.seats import save_seat_type
from app.services.demo.build import DEMO_PASSWORD, details
from app.services.federation.register import CATEGORY, KIND, enrol
from app.services.membership.shares import issue_one_each

NAME = "South London Federation of Mutuals"
OFFICE = "federation"


def demo_federation(session: Session, centres: list[int], joined_on: date) -> str:
    """Found the federation beside ``centres`` and enrol them; the office's user name."""
    office = organisation.found(
        session,
        replace(details(), name=NAME, kind=KIND, registration_number="FED001",
                address=f"{NAME}\nLondon"),
        username=OFFICE, full_name="Federation Office", password=DEMO_PASSWORD,
    )  # fmt: skip
    session.execute(
        update(User).where(User.id == office.id).values(role=Role.FEDERATION_ADMINISTRATOR.value)
    )
    actor = replace(office.actor, role=Role.FEDERATION_ADMINISTRATOR)
    names = organisation.list_all(session)
    enrolled = []
    for centre in centres:
        name = next(o.name for o in names if o.id == centre)
        enrolled.append(enrol(session, actor, centre, f"Chair of {name}", joined_on))
    issue_one_each(session, actor, [m.member_id for m in enrolled], paid=True)  # £1 each
    category = session.scalars(
        select(MemberCategory.id).where(
            MemberCategory.organisation_id == office.organisation_id,
            MemberCategory.name == CATEGORY,
        )
    ).one()
    seat = save_seat_type(
        session, actor, seat_type_id=None, name="Centre representative", category_id=category,
        seats=len(centres), term_years=3, filled_by="elected",
    )  # fmt: skip
    for member in enrolled:  # the founding board: a seat for each centre
        add_to_board(session, actor, seat_type_id=seat.id, member_id=member.member_id,
                     started_on=joined_on, how="elected")  # fmt: skip
    return OFFICE
