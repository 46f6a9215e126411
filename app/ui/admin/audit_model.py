"""The audit trail as a paged table model: a count, then pages fetched as painted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum

from app.services.accounts import audit
from app.services.accounts.audit import AuditFilter, AuditRow
from app.services.upkeep.work import Session
from app.ui.table_model import PagedModel, Reader

PAGE_SIZE = 200


class AuditColumn(IntEnum):
    """Columns of the audit table."""

    NUMBER = 0
    WHEN = 1
    WHO = 2
    ACTION = 3
    WHAT = 4
    DETAILS = 5


HEADINGS = {
    AuditColumn.NUMBER: "No.",
    AuditColumn.WHEN: "When",
    AuditColumn.WHO: "Who",
    AuditColumn.ACTION: "Action",
    AuditColumn.WHAT: "What",
    AuditColumn.DETAILS: "Details",
}


def _details(row: AuditRow) -> str:
    parts = []
    if row.before:
        parts.append(f"before: {row.before}")
    if row.after:
        parts.append(f"after: {row.after}")
    return "; ".join(parts)


def _cell(row: AuditRow, column: AuditColumn) -> str:
    if column is AuditColumn.NUMBER:
        return str(row.id)
    if column is AuditColumn.WHEN:
        return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
    if column is AuditColumn.WHO:
        return row.username
    if column is AuditColumn.ACTION:
        return row.action
    if column is AuditColumn.WHAT:
        return f"{row.entity} {row.entity_id}".strip()
    return _details(row)


class AuditModel(PagedModel[int, AuditRow]):
    """Only the count and the pages that have been painted are held in memory."""

    def __init__(self, read: Reader, organisation_id: int | None = None) -> None:
        super().__init__(
            AuditColumn,
            HEADINGS,
            _cell,
            read,
            lambda session: self._rows_now(session),
            lambda session, rows: self._page(session, rows),
            page_size=PAGE_SIZE,
        )
        self.organisation_id = organisation_id
        self._filter = AuditFilter(organisation_id=organisation_id)
        self.reload()

    def _rows_now(self, session: Session) -> range:
        return range(audit.count_entries(session, self._filter))

    def _page(self, session: Session, rows: Sequence[int]) -> list[AuditRow]:
        return audit.list_entries(session, self._filter, rows[0], len(rows)) if rows else []

    def set_filter(self, flt: AuditFilter) -> None:
        """Show only the rows matching ``flt``."""
        self._filter = replace(flt, organisation_id=self.organisation_id)
        self.reload()
