"""On the ticket screen: the ticket's service level in one line — the level, answered or the
time to answer by, and what stands out now (response late, overdue, no news: a word and a
colour) and what was escalated to the manager."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from desk.repairs.service_queries import TicketStanding, ticket_standing
from ui.context import AppContext
from ui.repairs.service_words import level_name, mark_colour, marks_words


class ServiceLine(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWordWrap(True)
        self.asked = ""
        self.standing: TicketStanding | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)

    def show_ticket(self, code: str) -> None:
        self.asked = code
        now = self.ctx.bus.clock.local_now().isoformat(timespec="seconds")
        self.ctx.query(ticket_standing, code, now,
                       done=lambda found, error: self._loaded(code, found, error))

    def _loaded(self, code: str, found: TicketStanding | None,
                error: BaseException | None) -> None:
        if code == self.asked:
            self.standing = None if error is not None else found
            self._show()

    def _show(self) -> None:
        s = self.standing
        if s is None:
            self.clear()
            return
        if s.responded_at:
            answer = self.tr("answered %1").replace("%1", s.responded_at[:16].replace("T", " "))
        elif s.open:
            answer = self.tr("answer by %1").replace("%1", s.respond_by[:16].replace("T", " "))
        else:  # closed without an answer recorded here (an imported ticket)
            answer = self.tr("closed")
        parts = [f"{level_name(s.service_level)} · {answer}"]
        if s.marks:
            parts.append(marks_words(s.marks))
        if s.escalated:
            parts.append(self.tr("escalated: %1").replace("%1", marks_words(s.escalated)))
        self.setText(" — ".join(parts))
        colour = mark_colour(s.marks)
        self.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
