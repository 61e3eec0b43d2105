"""The ranked hits as a Qt table model (one model, one view — not a widget per row)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desk.lookup.search import Hit
from ui.lookup.words import kind_name, match_name, when
from ui.widgets.list_page import money

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

KIND_COLOURS = {"receipt": "#1f6feb", "ticket": "#b35900", "customer": "#2e7d32",
                "product": "#6a3fb5"}
HitRole = Qt.ItemDataRole.UserRole + 1


class HitsModel(QAbstractTableModel):
    COLUMNS = ("kind", "title", "detail", "date", "amount", "why")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._query = ""

    def set_hits(self, hits: list[Hit], query: str = "") -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._query = query
        self.endResetModel()

    def why(self, hit: Hit) -> str:
        """Why it matched, in words: names and pinyin by what was typed (the full pinyin of a
        long product name says nothing), identifiers by the value that matched."""
        if hit.match.startswith(("name", "pinyin", "initials")) and self._query:
            return f"{match_name(hit.match)} “{self._query}”"
        if hit.match in ("receipt_no", "ticket_code", "customer_id", "sku", "receipt_prefix",
                         "ticket_prefix"):
            return match_name(hit.match)  # the number is in the row already
        return f"{match_name(hit.match)} {hit.matched}"

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "kind": kind_name(hit.kind),
                "title": hit.title,
                "detail": hit.detail,
                "date": when(hit.date),
                "amount": money(hit.amount_fen),
                "why": self.why(hit),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "kind":
            return QColor(KIND_COLOURS.get(hit.kind, "#333333"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{kind_name(hit.kind)} {hit.key} · {match_name(hit.match)}: {hit.matched}"
        if role == HitRole:
            return hit
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            "kind": translate("lookup", "Kind"),
            "title": translate("lookup", "Number / name"),
            "detail": translate("lookup", "Details"),
            "date": translate("lookup", "Date"),
            "amount": translate("lookup", "Amount"),
            "why": translate("lookup", "Why it matched"),
        }[self.COLUMNS[section]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._hits:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._hits) - 1, len(self.COLUMNS) - 1))
