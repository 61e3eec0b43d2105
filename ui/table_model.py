"""A read-only table model over a list of rows: columns are (key, header, formatter).

A row is a dataclass the core's queries return (the column key names a field or property) or,
for the screens not typed yet, a dict (the key names an entry)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Formatter = Callable[[Any], str]


class Column:
    def __init__(self, key: str, header: Callable[[], str], fmt: Formatter = str,
                 align_right: bool = False, value: Callable[[Any], Any] | None = None) -> None:
        self.key = key
        self.header = header  # a function, so headers follow a language switch
        self.fmt = fmt
        self.align_right = align_right
        self.value = value  # the cell from the whole row, for a column no single field holds

    def of(self, row: Any) -> Any:
        return self.value(row) if self.value is not None else cell(row, self.key)


def cell(row: Any, key: str) -> Any:
    """The value of `key` in a row: an entry of a mapping, else an attribute (None if absent)."""
    if isinstance(row, Mapping):
        return row.get(key)
    return getattr(row, key, None)


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: Sequence[Any] = []
        self.highlight: Callable[[Any], bool] = lambda _row: False

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.of(row)
            return "" if value is None else column.fmt(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.highlight(row):
            from PySide6.QtGui import QColor

            return QColor("#c0392b")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header()
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
