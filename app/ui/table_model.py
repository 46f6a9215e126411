"""A read-only table model over a list of rows, with columns from an IntEnum."""

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
