"""The manager's conflicts list: what happened (which counters recorded what, when) and a
resolution, which is a journal fact (`resolve_conflict` -> `conflict.resolved`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed, Changes
from desk.platform.conflicts import DECISIONS, OPEN, Conflict, open_conflicts
from desk.sync.engine import hlc_millis
from desk.sync.handlers import ResolveConflict
from ui.context import AppContext
from ui.errors import code_text, error_text
from ui.table_model import Column, RowTableModel
from ui.widgets.naming import named

translate = QCoreApplication.translate


def conflict_words(code: str) -> str:
    """What happened, from the catalogue of the capability that found it (e.g. sales'
    `sale.duplicate_receipt`, returns' `refund.exceeds_paid`)."""
    return code_text(code)


def decision_words(decision: str) -> str:
    return {
        "keep_first": translate("sync", "Keep the first record"),
        "keep_both": translate("sync", "Both are right (handled outside)"),
        "reversed": translate("sync", "The extra one was reversed"),
        "accepted": translate("sync", "Accepted as it is"),
        "other": translate("sync", "Other (say what in the note)"),
    }.get(decision, decision)


def _when(hlc: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromtimestamp(hlc_millis(hlc) / 1000).strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, OSError):
        return hlc


def _load_conflicts(conn: Any, include_resolved: bool) -> list[Conflict]:
    return open_conflicts(conn, include_resolved=include_resolved)


class ConflictsPage(QWidget):
    """A manager's page: `PageSpec("manager", "conflicts", ..., ConflictsPage)`."""

    shows = frozenset({Changed.CONFLICTS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = named(QLabel(), "pageTitle")
        self.status = named(QLabel(), "hint")
        self.show_resolved = QCheckBox()
        self.show_resolved.toggled.connect(self.refresh)
        self.model = RowTableModel([
            Column("code", lambda: translate("sync", "What happened"), conflict_words),
            Column("entity_id", lambda: translate("sync", "About")),
            Column("event_count", lambda: translate("sync", "Records"), align_right=True),
            Column("first_hlc", lambda: translate("sync", "First recorded"), _when),
            Column("status", lambda: translate("sync", "Status"),
                   lambda v: translate("sync", "Open") if v == "open"
                   else translate("sync", "Resolved")),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        self.detail = QTextBrowser()
        self.decision = QComboBox()
        self.note = QLineEdit()
        self.resolve_button = QPushButton()
        self.resolve_button.clicked.connect(self.resolve)
        actions = QHBoxLayout()
        actions.addWidget(self.decision)
        actions.addWidget(self.note, 1)
        actions.addWidget(self.resolve_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.show_resolved)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        ctx.hub.changed.connect(self._on_changed)
        self._generation = 0
        self.can_resolve(False)  # nothing chosen yet: nothing to resolve
        self.retranslate()
        self.refresh()

    def can_resolve(self, enabled: bool) -> None:
        """The decision, its note and "Resolve" act only on an open conflict that is selected."""
        for widget in (self.decision, self.note, self.resolve_button):
            widget.setEnabled(enabled)

    # --- data -----------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Loading…"))

        def done(rows: Any, error: BaseException | None) -> None:
            if generation != self._generation:
                return
            if error is not None:
                self.status.setText(error_text(error))
                return
            self.model.set_rows(rows)
            self.shown_count = len(rows)
            self.status.setText(self.tr("%1 conflict(s)").replace("%1", str(len(rows))))
            self.detail.clear()
            self.can_resolve(False)
            if rows:
                self.view.selectRow(0)

        self.ctx.query(_load_conflicts, self.show_resolved.isChecked(), done=done)

    def selected(self) -> Conflict | None:
        rows = self.view.selectionModel().selectedRows()
        row: Conflict | None = self.model.row_at(rows[0].row()) if rows else None
        return row

    def _show_selected(self, *_: Any) -> None:
        row = self.selected()
        if row is None:
            self.detail.clear()
            self.can_resolve(False)
            return
        self.detail.setPlainText(self.describe(row))
        self.can_resolve(row.status == OPEN)

    def describe(self, row: Conflict) -> str:
        lines = [conflict_words(row.code) + f"  ({row.entity_id})", ""]
        for n, e in enumerate(row.events, start=1):
            facts = ", ".join(f"{k}={v}" for k, v in e.facts.items())
            lines.append(self.tr("%1. %2 on counter %3 by %4: %5")
                         .replace("%1", str(n)).replace("%2", _when(e.hlc))
                         .replace("%3", e.device_id).replace("%4", e.actor)
                         .replace("%5", facts))
        if row.detail:
            lines.append("")
            lines.append(", ".join(f"{k}={v}" for k, v in sorted(row.detail.items())))
        for r in row.resolutions:
            lines.append("")
            lines.append(self.tr("Resolved by %1 at %2: %3 %4")
                         .replace("%1", r.actor).replace("%2", _when(r.hlc))
                         .replace("%3", decision_words(r.decision)).replace("%4", r.note))
        return "\n".join(lines)

    def resolve(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.resolve_button.setEnabled(False)
        command = ResolveConflict(conflict_id=row.conflict_id,
                                  decision=str(self.decision.currentData()),
                                  note=self.note.text())

        def done(_value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.status.setText(error_text(error))
                self.resolve_button.setEnabled(True)
                return
            self.note.clear()
            self.status.setText(self.tr("Resolution recorded."))

        self.ctx.run_command(command, done)

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync conflicts"))
        self.show_resolved.setText(self.tr("Show resolved"))
        self.resolve_button.setText(self.tr("Resolve"))
        self.note.setPlaceholderText(self.tr("What was done (shown on reports)"))
        current = self.decision.currentData()
        self.decision.clear()
        for decision in DECISIONS:
            self.decision.addItem(decision_words(decision), decision)
        if current is not None:
            self.decision.setCurrentIndex(max(0, self.decision.findData(current)))
        self.model.retranslate()
        if getattr(self, "shown_count", None) is not None:
            self.status.setText(self.tr("%1 conflict(s)").replace("%1", str(self.shown_count)))
