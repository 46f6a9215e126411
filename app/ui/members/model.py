"""The members table: ordered ids from one query, rows fetched a page at a time as painted."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.services.membership.member_page import PageFilter, PageRow, SortKey
from app.ui.table_model import PagedModel, Reader

if TYPE_CHECKING:  # the first page can show before SQLAlchemy is imported
    from app.services.upkeep.work import Session

PAGE_SIZE = 100


class MemberColumn(IntEnum):
    """Columns of the members table, in their default order."""

    NUMBER = 0
    NAME = 1
    CATEGORY = 2
    STATUS = 3
    POSTCODE = 4
    ADDRESS = 5
    PHONE = 6
    EMAIL = 7
    JOINED = 8
    LEFT = 9
    SHARES = 10


HEADINGS = {
    MemberColumn.NUMBER: "No.",
    MemberColumn.NAME: "Name",
    MemberColumn.CATEGORY: "Category",
    MemberColumn.STATUS: "Status",
    MemberColumn.POSTCODE: "Postcode",
    MemberColumn.ADDRESS: "Address",
    MemberColumn.PHONE: "Phone",
    MemberColumn.EMAIL: "Email",
    MemberColumn.JOINED: "Joined",
    MemberColumn.LEFT: "Left",
    MemberColumn.SHARES: "Shares",
}
SORTS = {
    MemberColumn.NUMBER: SortKey.NUMBER,
    MemberColumn.NAME: SortKey.NAME,
    MemberColumn.CATEGORY: SortKey.CATEGORY,
    MemberColumn.POSTCODE: SortKey.POSTCODE,
    MemberColumn.ADDRESS: SortKey.ADDRESS,
    MemberColumn.PHONE: SortKey.PHONE,
    MemberColumn.EMAIL: SortKey.EMAIL,
    MemberColumn.JOINED: SortKey.JOINED,
    MemberColumn.LEFT: SortKey.LEFT,
}
STATUS_LABELS = {"current": "Current", "applicant": "Applicant", "former": "Former"}


def _cell(row: PageRow, column: MemberColumn) -> str:
    if column is MemberColumn.NUMBER:
        return str(row.number)
    if column is MemberColumn.NAME:
        return row.name
    if column is MemberColumn.CATEGORY:
        return row.category
    if column is MemberColumn.STATUS:
        return STATUS_LABELS[row.status]
    if column is MemberColumn.POSTCODE:
        return row.postcode
    if column is MemberColumn.ADDRESS:
        return row.address
    if column is MemberColumn.PHONE:
        return row.phone
    if column is MemberColumn.EMAIL:
        return row.email
    if column is MemberColumn.JOINED:
        return f"{row.joined_on:%d/%m/%Y}" if row.joined_on else ""
    if column is MemberColumn.LEFT:
        return f"{row.left_on:%d/%m/%Y}" if row.left_on else ""
    return str(row.shares)


def _page_rows(session: Session, ids: Sequence[int]) -> list[PageRow]:
    from app.services.membership import member_query

    return member_query.page_rows(session, ids)


class MembersModel(PagedModel[int, PageRow]):
    """Holds only the ordered ids and the pages painted so far."""

    def __init__(self, read: Reader, organisation_id: int) -> None:
        super().__init__(
            MemberColumn,
            HEADINGS,
            _cell,
            read,
            lambda session: self._ids_now(session),
            _page_rows,
            page_size=PAGE_SIZE,
        )
        self._org_id = organisation_id
        self._filter = PageFilter()
        self._sort = SortKey.NAME
        self._descending = False

    def _ids_now(self, session: Session) -> list[int]:
        from app.services.membership import member_query

        return member_query.member_ids(
            session, self._org_id, self._filter, self._sort, self._descending
        )

    def in_name_order(self) -> bool:
        """True while the list is in its first order: by name, A to Z."""
        return (self._sort, self._descending) == (SortKey.NAME, False)

    @property
    def filter(self) -> PageFilter:
        """What the list is showing."""
        return self._filter

    def set_filter(self, flt: PageFilter) -> None:
        """Show only the members matching ``flt`` (asks the database again)."""
        self._filter = flt
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTS.get(MemberColumn(column))
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self._sort, self._descending):
            return  # shares are not sorted (no index); the same order needs no new query
        self._sort, self._descending = key, descending
        self.reload()

    def member_id(self, row: int) -> int | None:
        """The member shown at ``row``."""
        return self.key_at(row)
