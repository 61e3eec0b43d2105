"""On the ticket screen: a pickup later than the promised date offers the late-repair
compensation of the returns rules (the core says when: desk.repairs.service_queries.late_pickup).
The button hands the ticket over to the compensation screen (`sig_offered`; the main window
switches to it with the late-repair rule and the ticket filled in), where the amount is the
policy's. Hidden when there is nothing to offer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.repairs.service_queries import LatePickup, late_pickup
from ui.context import AppContext

TOUCH = 44


class LateOfferBox(QGroupBox):
    sig_offered = Signal(str)  # the ticket code: compensate its late repair

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offer: LatePickup | None = None
        self.asked = self.answered = ""  # the ticket last asked about / answered for
        v = QVBoxLayout(self)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setStyleSheet("color: #c62828; font-weight: bold;")
        v.addWidget(self.words)
        self.button = QPushButton()
        self.button.setMinimumHeight(TOUCH)
        self.button.clicked.connect(self.take)
        v.addWidget(self.button)
        self.hide()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Late repair"))
        self.button.setText(self.tr("Offer the late-repair compensation…"))
        if self.offer is not None:
            self.words.setText(self.tr("Overdue at pickup: %1 days after the promised date "
                                       "(%2).").replace("%1", str(self.offer.days_late))
                               .replace("%2", self.offer.promised_date))

    def show_ticket(self, code: str) -> None:
        self.asked = code
        self.ctx.query(late_pickup, code, self.ctx.bus.clock.local_now().date(),
                       done=lambda offer, error: self._loaded(code, offer, error))

    def _loaded(self, code: str, offer: LatePickup | None, error: BaseException | None) -> None:
        if code != self.asked:
            return  # an answer for a ticket no longer shown
        self.answered = code
        self.offer = None if error is not None else offer
        self.setVisible(self.offer is not None)
        self.retranslate()

    def take(self) -> None:
        if self.offer is not None:
            self.sig_offered.emit(self.offer.code)
