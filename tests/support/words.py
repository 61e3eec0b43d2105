"""What a page says in its own words (not data): buttons, placeholders, group titles, form labels,
combo items of fixed choices and table headers — to check a language switch reached them all."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QTableView,
    QTreeView,
    QWidget,
)

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def own_words(page: QWidget) -> list[str]:
    words: list[str] = []
    for button in page.findChildren(QAbstractButton):
        words.append(button.text())
    for edit in page.findChildren(QLineEdit):
        words.append(edit.placeholderText())
    for box in page.findChildren(QGroupBox):
        words.append(box.title())
    for form in page.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None and hasattr(label, "text"):
                words.append(label.text())
    views = [*page.findChildren(QTableView), *page.findChildren(QTreeView)]
    for view in views:
        model = view.model()
        if model is None:
            continue
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal,
                                      Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                words.append(header)
    return [w for w in words if w]


def chinese_words(page: QWidget) -> list[str]:
    return [w for w in own_words(page) if CJK.search(w)]
