"""F1: every keyboard shortcut, so the counter works with keyboard and scanner alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.shortcuts import SHORTCUTS
from ui.widgets.naming import named


class HelpPage(QWidget):
    def __init__(self, _ctx: object = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = named(QLabel(), "pageTitle")
        self.hint = named(QLabel(), "hint")
        self.hint.setWordWrap(True)  # a sentence: it wraps rather than widen the page
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Keyboard shortcuts"))
        self.hint.setText(
            self.tr("A barcode scanner works on every page, whatever has the focus: a scan goes "
                    "to the page's own box (the return box on the return page), else to the "
                    "search box.")
        )
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        for row, shortcut in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(shortcut.keys))
            self.table.setItem(row, 1, QTableWidgetItem(shortcut.description()))
