"""List items of several lines that show whole: Qt sizes an item by its font's own line height,
and a Chinese line drawn in the fallback CJK font is taller, so the second line of a ticket's
item ("T… 电饭煲" / "Due …") was dropped and the first elided. The size here is measured by
laying the text out (QTextLayout: the fonts that will really draw it)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QListWidgetItem

PADDING = 12  # px around the text: the item's margins and its focus frame


def text_size(text: str, font: QFont) -> QSize:
    """Width of the widest line and height of all lines of `text` as Qt will draw it."""
    width, height = 0.0, 0.0
    for line_text in text.split("\n"):
        layout = QTextLayout(line_text or " ", font)
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        width = max(width, line.naturalTextWidth())
        height += line.height()
    return QSize(int(width + 0.999), int(height + 0.999))


def fit_item(item: QListWidgetItem, font: QFont, min_height: int = 0) -> int:
    """Give the item the height its lines need; return the width they need (padding included)."""
    size = text_size(item.text(), font)
    item.setSizeHint(QSize(size.width() + PADDING, max(min_height, size.height() + PADDING)))
    return size.width() + PADDING
