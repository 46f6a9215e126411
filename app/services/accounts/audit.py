"""The audit trail: record every change, verify the hash chain, list entries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.services.accounts.roles import Actor
from app.storage.audit_chain import (
    GENESIS,
    entry_hash,
    hold_chain,
    link_problem,
    stored_entries,
)


def _json(value: dict[str, Any] | None) -> str:
    if value is None:
        return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEntry:
    """Add one audit row, chained to the newest, in the caller's unit of work."""
    hold_chain(session)
    head = session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    entry = AuditEntry(
        at=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
        organisation_id=organisation_id if organisation_id is not None else actor.organisation_id,
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=_json(before),
        after=_json(after),
        prev_hash=head or GENESIS,
        seals="",
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain."""

    checked: int
    first_broken_id: int | None
    reason: str

    @property
    def ok(self) -> bool:
        """True if every row checked out."""
        return self.first_broken_id is None


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain oldest first; name the first row that breaks it."""
    previous = GENESIS
    checked = 0
    for entry in stored_entries(session):
        if (problem := link_problem(entry, previous, "row")) is not None:
            return ChainReport(checked, entry.id, problem)
        previous = entry.hash
        checked += 1
    return ChainReport(checked, None, "")


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page narrows the list to."""

    text: str = ""
    action: str = ""
    entity: str = ""
    since: date | None = None
    until: date | None = None
    # One organisation's entries only (a federation's database holds several); None for
    # the whole trail, as `check` and the chain see it.
    organisation_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One row as the audit page shows it."""

    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    before: str
    after: str


def _filtered(flt: AuditFilter) -> Any:
    query = select(AuditEntry.id)
    if flt.organisation_id is not None:
        query = query.where(AuditEntry.organisation_id == flt.organisation_id)
    if flt.text:
        like = f"%{flt.text}%"
        query = query.where(
            AuditEntry.username.ilike(like)
            | AuditEntry.entity_id.ilike(like)
            | AuditEntry.before.ilike(like)
            | AuditEntry.after.ilike(like)
        )
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.entity:
        query = query.where(AuditEntry.entity == flt.entity)
    if flt.since:
        query = query.where(AuditEntry.at >= flt.since.isoformat())
    if flt.until:
        query = query.where(AuditEntry.at < date.fromordinal(flt.until.toordinal() + 1).isoformat())
    return query


def count_entries(session: Session, flt: AuditFilter) -> int:
    """How many rows match the filter."""
    return int(session.scalar(select(func.count()).select_from(_filtered(flt).subquery())) or 0)


def list_entries(session: Session, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
    """A window of matching rows, newest first."""
    ids = _filtered(flt).order_by(AuditEntry.id.desc()).offset(offset).limit(limit).subquery()
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.id.in_(select(ids.c.id))).order_by(AuditEntry.id.desc())
    )
    return [
        AuditRow(
            e.id,
            datetime.fromisoformat(e.at),
            e.username,
            e.action,
            e.entity,
            e.entity_id,
            e.before,
            e.after,
        )
        for e in rows
    ]


def distinct_values(session: Session) -> tuple[list[str], list[str]]:
    """The actions and entities present, for the page's filters."""
    actions = list(
        session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    )
    entities = list(
        session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    )
    return actions, entities
