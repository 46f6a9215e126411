"""The audit trail: a row per change, chained so tampering shows."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.services.accounts import audit, auth
from app.services.accounts.audit import AuditFilter
from app.services.demo import DEMO_PASSWORD


def test_changes_are_audited_with_before_and_after(demo: object) -> None:
    """Adding a user leaves a row saying who did it and what the user looked like."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    admin = auth.sign_in(sessions, "admin", DEMO_PASSWORD)
    with sessions.begin() as session:
        auth.add_user(
            session,
            admin.actor,
            username="pat",
            full_name="Pat Okafor",
            role="secretary",
            password="a long password",
        )
    with sessions() as session:
        rows = audit.list_entries(session, AuditFilter(text="Pat Okafor"), 0, 10)
    assert len(rows) == 1
    assert rows[0].username == "admin" and rows[0].action == "create"
    assert '"role": "secretary"' in rows[0].after


@pytest.mark.tampers
def test_chain_is_intact_then_tampering_is_found(demo: object) -> None:
    """Editing an old audit row is detected, and the first broken row is named."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    with sessions() as session:
        report = audit.verify_chain(session)
    assert report.ok and report.checked >= 5
    with sessions.begin() as session:
        session.execute(text("UPDATE audit_log SET username = 'mallory' WHERE id = 3"))
    with sessions() as session:
        report = audit.verify_chain(session)
    assert not report.ok and report.first_broken_id == 3
    assert "changed after it was written" in report.reason


@pytest.mark.tampers
def test_deleting_a_row_breaks_the_chain(demo: object) -> None:
    """Removing a row from the middle is detected at the row after it."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    with sessions.begin() as session:
        session.execute(text("DELETE FROM audit_log WHERE id = 2"))
    with sessions() as session:
        report = audit.verify_chain(session)
    assert report.first_broken_id == 3
    assert "changed or removed" in report.reason


def test_filters_and_counts(demo: object) -> None:
    """The audit page's filters narrow the list, and the count matches."""
    sessions = demo.sessions  # type: ignore[attr-defined]
    with sessions() as session:
        total = audit.count_entries(session, AuditFilter())
        creates = audit.count_entries(session, AuditFilter(action="create", entity="user"))
        window = audit.list_entries(session, AuditFilter(), 1, 2)
        actions, entities = audit.distinct_values(session)
    assert creates == 4
    assert total > creates
    assert len(window) == 2 and window[0].id > window[1].id
    assert "create" in actions and "organisation" in entities
