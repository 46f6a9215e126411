"""The accounts' reports: the user accounts and roles, and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.services.accounts import audit, auth
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport


def users(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Every user account and its role."""
    assert actor.organisation_id is not None
    rows = tuple(
        (
            u.username,
            u.full_name,
            u.role.label,
            "Yes" if u.active else "No (switched off)",
            u.last_login_at.date() if u.last_login_at else None,
        )
        for u in auth.list_users(session, actor.organisation_id)
    )
    return TableReport(
        title="User accounts and roles",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("User name", width=1.2),
            Column("Full name", width=2),
            Column("Role", width=1.5),
            Column("Can sign in", width=1.3),
            Column("Last signed in", ColumnKind.DATE, width=1.1),
        ),
        rows=rows,
        subtitle=f"{len(rows)} accounts.",
    )


def audit_trail(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The audit trail, newest first, with the result of the chain check."""
    actor.require(Permission.VIEW_AUDIT)
    assert actor.organisation_id is not None
    flt = audit.AuditFilter(organisation_id=actor.organisation_id)
    entries = audit.list_entries(session, flt, 0, audit.count_entries(session, flt))
    chain = audit.verify_chain(session)
    verdict = (
        f"The chain of {chain.checked} entries is intact."
        if chain.ok
        else f"WARNING: the chain is broken at entry {chain.first_broken_id}: {chain.reason}."
    )
    return TableReport(
        title="Audit trail",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("No.", ColumnKind.NUMBER, width=0.6),
            Column("When (UTC)", width=1.4),
            Column("Who", width=1),
            Column("Action", width=1.1),
            Column("What", width=1),
            Column("Id", width=0.5),
            Column("After", width=3),
        ),
        rows=tuple(
            (
                e.id,
                e.at.strftime("%d/%m/%Y %H:%M:%S"),
                e.username,
                e.action,
                e.entity,
                e.entity_id,
                e.after,
            )
            for e in entries
        ),
        subtitle=verdict,
    )
