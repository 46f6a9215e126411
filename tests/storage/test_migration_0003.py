"""Migrations 0003 (board, elections) and 0004 (meetings) on a schema-0002 file: rows kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.storage import migration, sqlite_file
from app.storage.revisions import SCHEMA_HEAD


def test_upgrade_from_0002_keeps_every_row_and_adds_the_board(tmp_path: Path) -> None:
    """A file from the membership release upgrades with nothing lost and empty board tables."""
    from app.storage.engine import sqlite_url

    path = tmp_path / "membership-release.sqlite"
    migration.run_alembic_upgrade(sqlite_url(path), target="0002")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO organisations (id, name, kind, legal_form, registration_number, address,"
            " postcode, fy_start_month, fy_start_day, share_value_pence, idle_lock_minutes,"
            " minimum_voting_age, voting_needs_paid_share, retention_years, created_at)"
            " VALUES (1, 'Old TMO', 'tmo', '', '', '', '', 4, 1, 100, 10, 16, 1, 6,"
            " '2025-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO member_categories (id, organisation_id, name, may_vote, may_stand,"
            " probation_months, is_default) VALUES (1, 1, 'Tenant', 1, 1, 0, 1)"
        )
        conn.executemany(
            "INSERT INTO members (organisation_id, membership_number, title, given_name,"
            " family_name, preferred_name, address, postcode, email, email_purpose, phone,"
            " mobile, category_id, household_ref, admitted_by, leaving_reason, large_print,"
            " interpreter_language, other_property, notes, search_text, joined_on, created_at)"
            " VALUES (1, ?, '', ?, 'Wróbel', '', '', '', '', '', '', '', 1, '', '', '', 0, '',"
            " '', '', '', '2020-01-01', '2020-01-01 00:00:00')",
            [(n, f"Member {n}") for n in range(1, 26)],
        )
        conn.execute(
            "INSERT INTO membership_periods (member_id, joined_on, leaving_reason)"
            " SELECT id, joined_on, '' FROM members"
        )
    before = sqlite_file.row_counts(path)
    migration.upgrade_file(path, tmp_path / "backups")
    after = sqlite_file.row_counts(path)
    assert sqlite_file.schema_revision(path) == SCHEMA_HEAD
    assert {t: after[t] for t in before if t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    for table in (
        "seat_types", "board_memberships", "officer_roles", "elections", "ballots",
        "meetings", "agenda_items", "motions", "actions",
    ):  # fmt: skip
        assert after[table] == 0
