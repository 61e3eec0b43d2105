"""On the ticket screen: a recurrence reopens an archived ticket as a new cycle (a new ticket
linked to it, counted as a repeat repair of the serial). Shown with the link either way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.repairs.commands import ReopenTicket
from desk.repairs.counter_queries import next_ticket_code
from desk.repairs.queries import TicketDetail
from ui.context import AppContext
from ui.errors import error_text

TOUCH = 44
PROMISE_DAYS = 3  # the default promised date of the new cycle


class RecurrenceBox(QGroupBox):
    def __init__(self, ctx: AppContext, opened: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.opened = ctx, opened
        self.detail: TicketDetail | None = None
        v = QVBoxLayout(self)
        self.links = QLabel()
        v.addWidget(self.links)
        row = QHBoxLayout()
        self.fault = QLineEdit()
        self.promised = QDateEdit()
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        self.reopen = QPushButton()
        self.reopen.clicked.connect(self.reopen_clicked)
        self.fault.returnPressed.connect(self.reopen_clicked)
        widgets: tuple[QWidget, ...] = (self.fault, self.promised, self.reopen)
        for w in widgets:
            w.setMinimumHeight(TOUCH)
            row.addWidget(w)
        v.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Recurrence"))
        self.fault.setPlaceholderText(self.tr("What came back, since when"))
        self.reopen.setText(self.tr("Reopen for recurrence"))
        if self.detail is not None:
            self._show_links(self.detail)
        self.message.clear()

    def show_ticket(self, detail: TicketDetail) -> None:
        self.detail = detail
        self._show_links(detail)
        can = detail.status == "archived" and not detail.reopened_as
        self.reopen.setEnabled(can)
        self.fault.setEnabled(can)
        self.promised.setEnabled(can)
        due = self.ctx.bus.clock.local_now().date() + timedelta(days=PROMISE_DAYS)
        self.promised.setDate(QDate(due.year, due.month, due.day))

    def _show_links(self, detail: TicketDetail) -> None:
        lines = []
        if detail.previous_code:
            repeats = self.tr("Repeat repair of")  # tr() outside f-strings: lupdate
            lines.append(f"{repeats} {detail.previous_code}")
        if detail.reopened_as:
            again = self.tr("Reopened as")
            lines.append(f"{again} {', '.join(detail.reopened_as)}")
        self.links.setText("\n".join(lines))

    def reopen_clicked(self) -> None:
        if self.detail is None or not self.reopen.isEnabled():
            return
        previous, fault = self.detail.code, self.fault.text()
        promised = self.promised.date().toString("yyyy-MM-dd")

        def coded(code: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                return
            self.ctx.run_command(ReopenTicket(ticket_code=previous, code=str(code), fault=fault,
                                              promised_date=promised), reopened)

        def reopened(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                return
            self.fault.clear()
            self.message.setText(self.tr("Reopened: a new cycle has started."))
            self.opened(str(value.code))

        self.ctx.query(next_ticket_code, self.ctx.bus.clock.local_now().date(), done=coded)
