"""What a person sees on a window, read back from its widgets: the words, and where they are cut.

The page walk uses it to look for English and identifiers on a Chinese screen, Chinese on the
English chrome, and text that does not fit its widget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class Seen:
    kind: str  # label, button, placeholder, header, cell, item, group, tab, text
    text: str
    widget: QWidget

    def where(self) -> str:
        path = []
        w: QWidget | None = self.widget
        while w is not None and len(path) < 4:
            path.append(w.objectName() or type(w).__name__)
            w = w.parentWidget()
        return "/".join(reversed(path))


TAG = re.compile(r"<[^>]+>")
SMALL_PRINT = re.compile(r"<small>.*?</small>", re.S)  # rule ids and versions, for the audit


def plain(text: str) -> str:
    return TAG.sub(" ", SMALL_PRINT.sub(" ", text)).replace("&nbsp;", " ").replace("&amp;", "&")


def shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def texts(window: QWidget, rows: int = 30) -> Iterator[Seen]:
    """Every text on the visible widgets of the window, cells of the first `rows` rows too."""
    for w in window.findChildren(QWidget):
        if not shown(w, window):
            continue
        yield from _texts_of(w, rows)


def _texts_of(w: QWidget, rows: int) -> Iterator[Seen]:
    if isinstance(w, QLabel):
        yield Seen("label", plain(w.text()), w)
    elif isinstance(w, QAbstractButton):
        yield Seen("button", w.text().replace("&", ""), w)
    elif isinstance(w, QLineEdit):
        yield Seen("placeholder", w.placeholderText(), w)
    elif isinstance(w, QComboBox):
        yield Seen("item", w.currentText(), w)
    elif isinstance(w, QGroupBox):
        yield Seen("group", w.title(), w)
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            yield Seen("tab", w.tabText(i).replace("&", ""), w)
    elif isinstance(w, QTextEdit):
        yield Seen("text", w.toPlainText(), w)
    if isinstance(w, QListWidget):
        for i in range(min(w.count(), rows)):
            yield Seen("item", w.item(i).text(), w)
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        yield from _view_texts(w, rows)


def _view_texts(view: QAbstractItemView, rows: int) -> Iterator[Seen]:
    model = view.model()
    for col in range(model.columnCount()):
        header = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            yield Seen("header", str(header), view)
    for row in range(min(model.rowCount(), rows)):
        for col in range(model.columnCount()):
            value = model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)
            if value not in (None, ""):
                yield Seen("cell", str(value), view)


# --- what may not be on a Chinese screen ---------------------------------------------------------
# Latin words that are Chinese counter usage too (abbreviations, units, brands in the demo data).
ALLOWED_LATIN = {
    "PIN", "QR", "SN", "POS", "ESC", "PDF", "USB", "COM", "CNY", "VIP", "SKU", "ID", "IMEI",
    "WiFi", "Wi", "Fi", "LED", "LCD", "GB", "TB", "MB", "KB", "mm", "cm", "kg", "ml", "XL", "XXL",
    "Ctrl", "Alt", "Shift", "Enter", "Esc", "Tab", "Space", "PgUp", "PgDn", "Home", "End", "Del",
    "Backspace", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    "Up", "Down", "Left", "Right", "PgDown", "Ins", "Print", "ttyUSB", "dev", "tty", "SHA",
    "English", "Service", "Desk",
}
IDENTIFIER = re.compile(r"\b[a-z]+(?:[_.][a-z0-9]+)+\b")  # return_receipt_store, return.clothing
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def foreign_on_chinese(seen: Seen, data_words: set[str]) -> list[str]:
    """The identifiers and English words a Chinese reader would find in this text."""
    text = seen.text
    found = IDENTIFIER.findall(text)
    for word in LATIN_WORD.findall(text):
        if word not in ALLOWED_LATIN and word not in data_words:
            found.append(word)
    return found


CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def chinese_on_english(seen: Seen, data_texts: list[str]) -> bool:
    """Chinese in the English chrome: labels, buttons, headers, placeholders, tabs and groups.
    Cells and data labels (names, products, addresses) are the store's data and stay as typed;
    `data_texts` longest first, so that a short name does not cut a longer one."""
    if seen.kind in ("cell", "text", "item") or not CJK.search(seen.text):
        return False
    rest = seen.text
    for data in data_texts:
        if data and data in rest:
            rest = rest.replace(data, "")
    return bool(CJK.search(rest))


# --- what does not fit ---------------------------------------------------------------------------
def clipped(w: QWidget) -> str | None:
    """The text of a one-line label or button that is wider than the room it has."""
    if isinstance(w, QLabel):
        if w.wordWrap() or w.textFormat() == Qt.TextFormat.RichText or "\n" in w.text():
            return None
        text, room = plain(w.text()).strip(), w.contentsRect().width() - 2 * w.margin()
    elif isinstance(w, QAbstractButton):
        text, room = w.text().replace("&", ""), w.width() - 8
        if not w.icon().isNull():
            room -= w.iconSize().width() + 4
    else:
        return None
    if not text or room <= 0:
        return None
    need = w.fontMetrics().horizontalAdvance(text)
    return text if need > room + 1 else None


def clipped_items(nav: QListWidget) -> list[str]:
    room = nav.viewport().width() - 2 * nav.frameWidth() - 8
    out = []
    for i in range(nav.count()):
        text = nav.item(i).text()
        if nav.fontMetrics().horizontalAdvance(text) > room:
            out.append(text)
    return out
