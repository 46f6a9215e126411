"""The audit trail as a paged table model: a count, then pages fetched as painted."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from app.services.accounts import audit
from app.services.accounts.audit import AuditFilter, AuditRow
from app.ui.table_model import ColumnsModel

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


class AuditModel(ColumnsModel[AuditRow]):
    """Only the count and the pages that have been painted are held in memory."""

    def __init__(self, sessions: Any) -> None:
        super().__init__(AuditColumn, HEADINGS, _cell)
        self._sessions = sessions
        self._filter = AuditFilter()
        self._count = 0
        self._pages: dict[int, list[AuditRow]] = {}
        self.reload()

    def set_filter(self, flt: AuditFilter) -> None:
        """Show only the rows matching ``flt``."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Count again and forget every page."""
        self.beginResetModel()
        with self._sessions() as session:
            self._count = audit.count_entries(session, self._filter)
        self._pages.clear()
        self.endResetModel()

    def _row_count(self) -> int:
        return self._count

    def _row_object(self, row: int) -> AuditRow | None:
        page = row // PAGE_SIZE
        if page not in self._pages:
            with self._sessions() as session:
                self._pages[page] = audit.list_entries(
                    session, self._filter, page * PAGE_SIZE, PAGE_SIZE
                )
        rows = self._pages[page]
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None
