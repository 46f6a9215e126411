"""A signed attendance sheet typed in together: many members present at once, checked
as one person is and recorded whole or not at all (a big general meeting, or the demo's
AGM of a 100,000-member register)."""

from __future__ import annotations

from datetime import time

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Attendance, Member
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.names import name_of
from app.services.meetings.common import AttendanceStatus, editable, meeting_row, org_of


def add_members_present(
    session: Session, actor: Actor, meeting_id: int, member_ids: list[int], arrived_at: time
) -> list[int]:
    """Add many members as present at once: a signed attendance sheet typed in together.
    Checked as one person is (on the register, not merged, not listed already, nobody
    twice) and recorded whole or not at all; the rows' ids, in the order given."""
    org_id = org_of(actor)
    meeting = meeting_row(session, org_id, meeting_id)
    editable(meeting, "the attendance")
    if len(set(member_ids)) != len(member_ids):
        raise UserError.from_issues([Issue("member_id", "A member is listed twice.")])
    wanted = set(member_ids)
    names: dict[int, str] = {}
    for start in range(0, len(member_ids), 900):
        chunk = member_ids[start : start + 900]
        for member in session.scalars(
            select(Member).where(
                Member.id.in_(chunk),
                Member.organisation_id == org_id,
                Member.merged_into_id.is_(None),
            )
        ):
            names[member.id] = name_of(member, with_title=False)
    if missing := wanted - names.keys():
        raise UserError.from_issues([Issue("member_id", f"{len(missing):,} of these members "
                                                        "are not on the register.")])  # fmt: skip
    listed = set(session.scalars(select(Attendance.member_id).where(
        Attendance.meeting_id == meeting_id, Attendance.member_id.is_not(None))))  # fmt: skip
    if already := sorted(names[m] for m in wanted & listed):
        raise UserError.from_issues([Issue("member_id", f"{already[0]} is already on the list.")])
    rows = [{"meeting_id": meeting_id, "member_id": m, "name": names[m], "role": "member",
             "status": AttendanceStatus.PRESENT, "arrived_at": arrived_at}
            for m in member_ids]  # fmt: skip
    for start in range(0, len(rows), 900):
        session.execute(insert(Attendance), rows[start : start + 900])
    ids = dict(session.execute(select(Attendance.member_id, Attendance.id).where(
        Attendance.meeting_id == meeting_id, Attendance.member_id.is_not(None))).all())  # fmt: skip
    audit.record(session, actor, "attendance", "meeting", meeting_id,
                 after={"present": len(member_ids)})  # fmt: skip
    return [ids[m] for m in member_ids]
