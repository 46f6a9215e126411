"""Bodies that meet, with their rules: notice in clear days and the quorum."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import MeetingBody
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any, required_issue
from app.services.meetings.common import BODY_KINDS, body_row, org_of
from app.services.meetings.quorum import BASES, QuorumRule


@dataclass(frozen=True)
class BodyInfo:
    id: int
    name: str
    kind: str
    code: str
    notice_days: int
    rule: QuorumRule

    @property
    def kind_label(self) -> str:
        return BODY_KINDS[self.kind]


@dataclass(frozen=True)
class BodyDetails:
    """What the 'who meets' form holds."""

    name: str
    kind: str
    code: str
    notice_days: int = 0
    quorum_minimum: int = 0
    quorum_num: int = 0
    quorum_den: int = 1
    quorum_base: str = "none"


# What most model rules say: the board meets on 7 clear days' notice with a quorum of
# at least 3 and a third of the board; general meetings need 14 clear days and at least
# 10 members or 5% of them.
DEFAULT_BODIES = (
    BodyDetails("Board", "board", "B", 7, 3, 1, 3, "board"),
    BodyDetails("General meetings", "general", "G", 14, 10, 5, 100, "members"),
)


def info(row: MeetingBody) -> BodyInfo:
    rule = QuorumRule(row.quorum_minimum, row.quorum_num, row.quorum_den, row.quorum_base)
    return BodyInfo(row.id, row.name, row.kind, row.code, row.notice_days, rule)


def list_bodies(session: Session, organisation_id: int) -> list[BodyInfo]:
    rows = session.scalars(
        select(MeetingBody)
        .where(MeetingBody.organisation_id == organisation_id)
        .order_by(MeetingBody.id)
    )
    return [info(row) for row in rows]


def _issues(d: BodyDetails) -> list[Issue | None]:
    issues: list[Issue | None] = [
        required_issue("name", d.name, "name of who meets", max_length=80),
        required_issue("code", d.code, "short code for resolution numbers", max_length=10),
    ]
    if d.code.strip() and not d.code.strip().replace("-", "").isalnum():
        issues.append(Issue("code", "The code may hold only letters and numbers (e.g. B)."))
    if d.kind not in BODY_KINDS:
        issues.append(Issue("kind", "Choose what kind of body this is."))
    if not 0 <= d.notice_days <= 365:
        issues.append(Issue("notice_days", "Notice must be 0 to 365 clear days."))
    if d.quorum_base not in BASES:
        issues.append(Issue("quorum_base", "Choose what the quorum is counted against."))
    if not 0 <= d.quorum_minimum <= 10_000:
        issues.append(Issue("quorum_minimum", "The quorum's minimum must be 0 to 10,000."))
    if d.quorum_den < 1 or not 0 <= d.quorum_num <= d.quorum_den:
        issues.append(Issue("quorum_num", "The quorum's fraction must be between 0 and 1."))
    return issues


def save_body(
    session: Session, actor: Actor, details: BodyDetails, body_id: int | None = None
) -> int:
    """Add (or change) a body; its id."""
    org_id = org_of(actor)
    raise_if_any(_issues(details))
    d = details
    for field, value in (("name", d.name.strip()), ("code", d.code.strip().upper())):
        clash = session.scalar(
            select(MeetingBody.id).where(
                MeetingBody.organisation_id == org_id,
                getattr(MeetingBody, field) == value,
                MeetingBody.id != (body_id or 0),
            )
        )
        if clash is not None:
            raise UserError.from_issues([Issue(field, f"Another body already uses '{value}'.")])
    row = body_row(session, org_id, body_id) if body_id else MeetingBody(organisation_id=org_id)
    before = None if body_id is None else info(row).__dict__ | {"rule": str(info(row).rule)}
    row.name, row.kind, row.code = d.name.strip(), d.kind, d.code.strip().upper()
    row.notice_days, row.quorum_minimum = d.notice_days, d.quorum_minimum
    row.quorum_num, row.quorum_den, row.quorum_base = d.quorum_num, d.quorum_den, d.quorum_base
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "save",
        "meeting_body",
        row.id,
        before=before,
        after={
            "name": row.name,
            "notice_days": row.notice_days,
            "quorum": info(row).rule.describe(),
        },
    )
    return row.id


def ensure_default_bodies(session: Session, actor: Actor) -> list[BodyInfo]:
    """The board and general meetings, with the usual rules, if not set up yet."""
    org_id = org_of(actor)
    have = {b.kind for b in list_bodies(session, org_id)}
    for details in DEFAULT_BODIES:
        if details.kind not in have:
            save_body(session, actor, details)
    return list_bodies(session, org_id)
