"""The follow-up calls at the counter: tickets picked up within the last 48 h whose follow-up
step (the call, satisfaction, recurrence asked) is not done, the soonest due first, with a
counter of how many are waiting. The checks themselves are done on the ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk.platform.changes import Changed
from desk.repairs.counter_queries import FollowUpCall, follow_up_calls
from ui.context import AppContext
from ui.errors import error_text
from ui.widgets.text_items import fit_item

TOUCH = 44


class FollowUpPage(QWidget):
    shows = frozenset({Changed.TICKETS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: list[FollowUpCall] | None = None  # as last read (redrawn on a switch)
        layout = QVBoxLayout(self)
        self.counter = QLabel()
        self.counter.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.counter.setMinimumHeight(TOUCH)
        layout.addWidget(self.counter)
        self.calls = QListWidget()
        layout.addWidget(self.calls, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        ctx.hub.changed.connect(self._changed)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.shown is not None:
            self._show(self.shown)
        super().changeEvent(event)

    def refresh(self) -> None:
        self.ctx.query(follow_up_calls, self.ctx.bus.clock.local_now(), done=self._loaded)

    def _changed(self, changes: Any) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def _loaded(self, calls: list[FollowUpCall] | None, error: BaseException | None) -> None:
        if error is not None or calls is None:
            self.message.setText(error_text(error) if error else "")
            return
        self.message.clear()
        self.shown = calls
        self._show(calls)

    def _show(self, calls: list[FollowUpCall]) -> None:
        waiting = self.tr("Follow-up calls due:")  # tr() outside f-strings: lupdate
        self.counter.setText(f"{waiting} {len(calls)}")
        self.calls.clear()
        picked, due = self.tr("Picked up"), self.tr("Call by")
        for call in calls:
            who = " ".join(x for x in (call.customer_name or "", call.phone) if x)
            words = (f"{call.code}  {call.product_name or ''} {call.serial}".rstrip()
                     + f"\n{who}\n{picked} {call.picked_up_at.replace('T', ' ')} · "
                     f"{due} {call.due_by.replace('T', ' ')}")
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, call.code)
            fit_item(item, self.calls.font(), TOUCH)  # three lines, whole (text_items.py)
            self.calls.addItem(item)
