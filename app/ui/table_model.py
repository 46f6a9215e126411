"""Read-only table models with columns from an IntEnum: over a list of rows, or paged."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ColumnsModel(QAbstractTableModel, Generic[R]):
    """A read-only table whose columns come from an IntEnum; subclasses supply the rows."""

    def __init__(
        self, columns: type[IntEnum], headings: dict[Any, str], cell: Callable[[R, Any], str]
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._headings = headings
        self._cell = cell

    def _row_count(self) -> int:
        raise NotImplementedError

    def _row_object(self, row: int) -> R | None:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._row_count():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
            ROW_ROLE,
        ):
            return None
        row = self._row_object(index.row())
        if row is None:
            return None
        return row if role == ROW_ROLE else self._cell(row, self._columns[index.column()])

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._headings[self._columns[section]]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


class RowsModel(ColumnsModel[R]):
    """Rows held in memory (small lists: users, backups); ``ROW_ROLE`` gives the row."""

    def __init__(
        self, columns: type[IntEnum], headings: dict[Any, str], cell: Callable[[R, Any], str]
    ) -> None:
        super().__init__(columns, headings, cell)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        """The row object shown at ``row``."""
        return self._rows[row]

    def _row_count(self) -> int:
        return len(self._rows)

    def _row_object(self, row: int) -> R | None:
        return self._rows[row]


K = TypeVar("K")
Reader = Callable[[Callable[[Any], Any]], Any]  # OpRunner.read: fn(session) -> its result


class PagedModel(ColumnsModel[R], Generic[K, R]):
    """A table over 100,000 rows: holds the ordered keys of one query and the pages painted.

    ``keys(session)`` answers which rows, in order (ids, or a ``range`` for a list paged by
    offset); ``rows(session, keys)`` fetches one page of them. Both are service calls, made
    through the runner's ``read``: the model never opens a session itself.
    """

    def __init__(
        self,
        columns: type[IntEnum],
        headings: dict[Any, str],
        cell: Callable[[R, Any], str],
        read: Reader,
        keys: Callable[[Any], Sequence[K]],
        rows: Callable[[Any, Sequence[K]], Sequence[R]],
        *,
        page_size: int = 100,
    ) -> None:
        super().__init__(columns, headings, cell)
        self._read = read
        self._keys_of = keys
        self._rows_of = rows
        self._page_size = page_size
        self._keys: Sequence[K] = ()
        self._pages: dict[int, Sequence[R]] = {}

    def set_query(self, keys: Callable[[Any], Sequence[K]]) -> None:
        """Ask a new question (a filter, an order) and show its answer."""
        self._keys_of = keys
        self.reload()

    def preset(self, keys: Sequence[K], first_page: Sequence[R]) -> None:
        """Show ``keys`` with the rows of their first page already read (start-up's first
        look); later pages are fetched as usual."""
        self.beginResetModel()
        self._keys = keys
        self._pages = {0: first_page}
        self.endResetModel()

    def reload(self) -> None:
        """Ask for the keys again and forget every fetched page."""
        self.beginResetModel()
        self._keys = self._read(self._keys_of)
        self._pages.clear()
        self.endResetModel()

    def key_at(self, row: int) -> K | None:
        """The key (an id) of what is shown at ``row``."""
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of(self, key: K) -> int | None:
        """Where ``key`` is in the list (None if filtered out)."""
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def row_at(self, row: int) -> R | None:
        """What is shown at ``row``, fetched with its page if need be."""
        return self._row_object(row)

    def _row_count(self) -> int:
        return len(self._keys)

    def _row_object(self, row: int) -> R | None:
        if not 0 <= row < len(self._keys):
            return None
        size = self._page_size
        page = row // size
        if page not in self._pages:
            keys = self._keys[page * size : (page + 1) * size]
            self._pages[page] = self._read(lambda session: self._rows_of(session, keys))
        rows = self._pages[page]
        offset = row % size
        return rows[offset] if offset < len(rows) else None
