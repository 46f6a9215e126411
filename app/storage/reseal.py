"""Seals after an upgrade that added a column to a sealed table.

A row's digest is of its columns in name order between separators; an empty column
adds nothing but its separator, so a row sealed before a column was added no longer
matches once it is. After such an upgrade, each row of the grown table that still
matches its newest seal as the older shape wrote it (the table less the new columns)
is sealed again, in one "seal rows" entry; a row that does not match was changed
outside the program before the upgrade, and is left for ``check`` to report.

The upgrade and the sealing are two units of work. So that a program stopped between
them cannot leave honest rows looking changed, a note beside the file
(``FILE.resealing``, holding the revision upgraded from) is written before the upgrade
and removed only once the sealing has committed; an opening that finds it seals then.
Sealing again is harmless: a row already sealed in its new shape no longer matches
its older shape, so nothing is sealed twice.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, Table, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry
from app.storage import seals
from app.storage.revisions import reseal_note

# The columns each revision added to tables that were already sealed.
ADDED_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "0007": {"organisations": ("cancelled_shares_repaid",), "members": ("version",)},
    "0008": {"members": ("represents_id", "representative")},
    "0009": {"community_projects": ("lead", "starts_on", "ends_on", "status")},
    "0010": {"survey_returns": ("checked_by",)},
}


def _newest_seals(session: Session, table: str) -> dict[str, str]:
    newest: dict[str, str] = {}
    query = (
        select(AuditEntry.seals)
        .where(AuditEntry.seals.like(f"%{table}\t%"))
        .order_by(AuditEntry.id)
    )
    for (text,) in session.execute(query):
        for name, key, digest in seals.seal_lines(text):
            if name == table:
                newest[key] = digest
    return newest


def reseal_after_upgrade(sessions: sessionmaker[Session], from_revision: str) -> int:
    """Seal again the rows of tables that gained columns since ``from_revision`` and
    matched their seals before; how many."""
    grown: dict[str, set[str]] = {}
    for revision, tables in ADDED_COLUMNS.items():
        if revision > from_revision:
            for name, columns in tables.items():
                grown.setdefault(name, set()).update(columns)
    if not grown:
        return 0
    models = {t.name: t for t in seals.audited_tables()}
    count = 0
    with sessions.begin() as session:
        if not seals.is_sealed(session):
            return 0  # sealed whole by the opening, shape and all
        session.info["seal_action"] = "seal rows"
        for name, added in grown.items():
            older = Table(
                name, MetaData(), *(c._copy() for c in models[name].c if c.name not in added)
            )
            sealed = _newest_seals(session, name)
            keys = [
                k for k, digest in seals.current_digests(session, older) if sealed.get(k) == digest
            ]
            if keys:
                seals.note_changed(session, name, keys)
                count += len(keys)
    return count


def before_upgrade(path: Path, from_revision: str | None) -> None:
    """Leave the note that the rows may need sealing again after this upgrade."""
    grows = any(revision > (from_revision or "") for revision in ADDED_COLUMNS)
    if from_revision is not None and grows and not reseal_note(path).exists():
        reseal_note(path).write_text(from_revision, encoding="utf-8")


def finish_pending(path: Path, sessions: sessionmaker[Session]) -> int:
    """Seal again after an upgrade noted beside ``path`` (however long ago it ran)."""
    note = reseal_note(path)
    if not note.exists():
        return 0
    count = reseal_after_upgrade(sessions, note.read_text(encoding="utf-8").strip())
    note.unlink()
    return count
