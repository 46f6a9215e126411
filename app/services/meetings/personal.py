"""What the meetings area holds about one member, for a subject access request.

Minutes are the organisation's permanent record, so erasing a former member's
contact details (``retention``) leaves their name in attendance and minutes.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Attendance, Meeting, Member, Motion
from app.services.common.reports import Cell, Column, ColumnKind
from app.services.common.sections import Section
from app.services.meetings.common import ATTENDANCE, ROLES


def attendance_section(session: Session, member_ids: list[int]) -> Section:
    """Each meeting the member was listed at (and any proxy), and resolutions about them."""
    rows: list[tuple[Cell, ...]] = []
    for a, m in session.execute(
        select(Attendance, Meeting)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(or_(Attendance.member_id.in_(member_ids), Attendance.proxy_for_id.in_(member_ids)))
        .order_by(Meeting.held_on, Attendance.id)
    ):
        if a.member_id in member_ids:
            what = f"{ROLES[a.role]}: {ATTENDANCE[a.status].lower()}"
            if a.proxy_for_id:
                giver = session.get(Member, a.proxy_for_id)
                what += (
                    f", holding the proxy of {giver.given_name} {giver.family_name}"
                    if giver
                    else ""
                )
        else:
            what = f"Gave a proxy to {a.name}"
        rows.append((m.held_on, m.title, what))
    for motion, m in session.execute(
        select(Motion, Meeting)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Motion.member_id.in_(member_ids))
        .order_by(Meeting.held_on, Motion.id)
    ):
        outcome = "carried" if motion.carried else "lost"
        rows.append(
            (m.held_on, m.title, f"Resolution {motion.reference}: {motion.text} ({outcome})")
        )
    rows.sort(key=lambda r: (str(r[0]), str(r[1])))
    return Section(
        "attendance",
        "Meetings",
        (Column("Date", ColumnKind.DATE), Column("Meeting", width=1.2), Column("What", width=3)),
        ("date", "meeting", "what"),
        tuple(rows),
        empty="This member has not been listed at any meeting.",
    )
