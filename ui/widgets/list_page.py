"""A page that lists rows from one query and refreshes when a kind of thing it shows changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed, Changes
from desk.platform.money import format_yuan
from ui.context import AppContext
from ui.errors import error_text
from ui.table_model import Column, RowTableModel
from ui.widgets.naming import named

translate = QCoreApplication.translate


def money(fen: Any) -> str:
    """The app's one way to show an amount of fen (blank when there is none)."""
    return "" if fen is None or fen == "" else format_yuan(int(fen))


class QueryListPage(QWidget):
    """Subclasses set `shows` (what to refresh on), `columns()`, `query` and `title()`; `query`
    is a desk queries function `(conn, *query_args()) -> rows` (dataclasses)."""

    shows: frozenset[Changed] = frozenset()
    query: Callable[..., Sequence[Any]]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = named(QLabel(), "pageTitle")
        self.status = named(QLabel(), "hint")
        self.model = RowTableModel(self.columns(), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = self.column = QVBoxLayout(self)  # a subclass adds its own rows below the list
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        ctx.hub.changed.connect(self._on_changed)
        self._generation = 0
        self._count: int | None = None  # rows shown (None while loading or after an error)
        self.retranslate()
        self.refresh()

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        # translate() with an explicit context: self.tr() in a base class looks up the subclass
        self._count = None
        self.status.setText(translate("QueryListPage", "Loading…"))

        def done(rows: Any, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a newer refresh is on its way
            if error is not None:
                self.status.setText(error_text(error))
                return
            self.model.set_rows(rows)
            self._count = len(rows)
            self._show_count()

        self.ctx.query(type(self).query, *self.query_args(), done=done)

    def query_args(self) -> tuple[Any, ...]:
        """What `query` needs after the connection (none by default)."""
        return ()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_count(self) -> None:
        count = self._count  # a plain name: lupdate 6.11 misses a %n given as an attribute
        if count is not None:
            self.status.setText(translate("QueryListPage", "%n row(s)", "", count))

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.model.retranslate()
        self._show_count()
