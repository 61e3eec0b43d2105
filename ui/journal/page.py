"""For managers: the journal's size and a tamper check of every device's hash chain."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desk.platform.journal import VerifyReport, verify
from desk.platform.queries import JournalSummary, journal_summary
from ui.context import AppContext
from ui.errors import error_text
from ui.widgets.naming import named


class JournalPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = named(QLabel(), "pageTitle")
        self.summary = QLabel()
        self.verify_button = named(QPushButton(), "primary")
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        for w in (self.heading, self.summary, self.verify_button, self.result):
            layout.addWidget(w)
        layout.addStretch(1)
        self.verify_button.clicked.connect(self.run_verify)
        ctx.hub.changed.connect(lambda _changed: self.refresh())
        self._summary: JournalSummary | None = None
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.ctx.query(journal_summary, done=self._show_summary)

    def _show_summary(self, summary: Any, error: BaseException | None) -> None:
        if error is None:
            self._summary = summary
        self.retranslate()

    def run_verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Checking every event…"))
        self.ctx.query(verify, done=self._show_verify)

    def _show_verify(self, report: VerifyReport | None, error: BaseException | None) -> None:
        self.verify_button.setEnabled(True)
        if error is not None or report is None:
            self.result.setText(error_text(error or RuntimeError()))
        elif report.ok:
            self.result.setText(self.tr("Intact: %1 events from %2 device(s), no break.")
                                .replace("%1", str(report.events))
                                .replace("%2", str(report.devices)))
            self.result.setObjectName("ok")
        else:
            assert report.first_break is not None
            self.result.setText(self.tr("Broken at: %1").replace(
                "%1", report.first_break.describe()))
            self.result.setObjectName("error")
        self.result.style().polish(self.result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Journal"))
        self.summary.setText(self.tr("%1 events recorded, from %2 device(s).")
                             .replace("%1", str(self._summary.events if self._summary else "…"))
                             .replace("%2", str(self._summary.devices if self._summary else "…")))
        self.verify_button.setText(self.tr("Check the journal for tampering"))
