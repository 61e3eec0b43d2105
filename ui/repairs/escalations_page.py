"""The manager's list of repair tickets out of their service level: escalated, response late,
overdue or without news, the soonest due first — each with what stands out (a word and a colour),
the product, the level, the step and who escalated it (by name). "Escalate what is due" runs the
sweep: the core's query says which escalate_ticket commands to run, the screen runs them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.platform.changes import Changed
from desk.repairs.commands import EscalateTicket
from desk.repairs.service_queries import EscalatedTicket, escalated_tickets, escalation_sweep
from ui.context import AppContext
from ui.errors import error_text
from ui.repairs.service_words import level_name, mark_colour, marks_words
from ui.widgets.text_items import fit_item

TOUCH = 44


class EscalationsPage(QWidget):
    shows = frozenset({Changed.TICKETS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: list[EscalatedTicket] | None = None  # as last read (redrawn on a switch)
        self.pending = 0  # escalations of the running sweep not answered yet
        layout = QVBoxLayout(self)
        self.counter = QLabel()
        self.counter.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.counter.setMinimumHeight(TOUCH)
        layout.addWidget(self.counter)
        self.sweep_button = QPushButton()
        self.sweep_button.setMinimumHeight(TOUCH)
        self.sweep_button.clicked.connect(self.sweep)
        layout.addWidget(self.sweep_button)
        self.tickets = QListWidget()
        layout.addWidget(self.tickets, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        ctx.hub.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def now(self) -> str:
        return self.ctx.bus.clock.local_now().isoformat(timespec="seconds")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.sweep_button.setText(self.tr("Escalate what is due"))
        if self.shown is not None:
            self._show(self.shown)

    def refresh(self) -> None:
        self.ctx.query(escalated_tickets, self.now(), done=self._loaded)

    def _changed(self, changes: Any) -> None:
        if changes.touches(self.shows) and not self.pending:
            self.refresh()

    def _loaded(self, tickets: list[EscalatedTicket] | None,
                error: BaseException | None) -> None:
        if error is not None or tickets is None:
            self.message.setText(error_text(error) if error else "")
            return
        self.shown = tickets
        self._show(tickets)

    def _show(self, tickets: list[EscalatedTicket]) -> None:
        waiting = self.tr("Tickets out of their service level:")  # tr() outside f-strings
        self.counter.setText(f"{waiting} {len(tickets)}")
        self.tickets.clear()
        step, promised = self.tr("Step"), self.tr("Promised")
        for t in tickets:
            now = marks_words(t.marks) or self.tr("Back within its level")
            lines = [f"{now}  {t.code}  {t.product_name or ''} — {t.fault}",
                     f"{level_name(t.service_level)} · {step} {t.step} · {promised} "
                     f"{t.promised_date}"]
            if t.escalated:
                by = self.tr("Escalated: %1 (%2, %3)").replace("%1", marks_words(t.escalated))
                lines.append(by.replace("%2", t.escalated_by)
                             .replace("%3", t.escalated_at.replace("T", " ")))
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            colour = mark_colour(t.marks)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            fit_item(item, self.tickets.font(), TOUCH)
            self.tickets.addItem(item)

    def sweep(self) -> None:
        self.sweep_button.setEnabled(False)
        self.ctx.query(escalation_sweep, self.now(), done=self._swept)

    def _swept(self, commands: list[EscalateTicket] | None,
               error: BaseException | None) -> None:
        if error is not None or not commands:
            self.message.setText(error_text(error) if error else self.tr("Nothing to escalate."))
            self.sweep_button.setEnabled(True)
            return
        self.message.clear()
        self.pending = len(commands)
        for command in commands:
            self.ctx.run_command(command, done=self._escalated)

    def _escalated(self, _value: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
        self.pending -= 1
        if self.pending == 0:
            self.sweep_button.setEnabled(True)
            self.refresh()
