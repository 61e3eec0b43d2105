"""The status-bar section: online/offline, events waiting, last sync; a click opens the settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.errors import error_text
from ui.sync.service import SyncService, SyncState

translate = QCoreApplication.translate




def state_text(state: SyncState) -> str:
    words = {
        "starting": translate("sync", "Central: starting…"),
        "not_configured": translate("sync", "Central: not configured (working offline)"),
        "disabled": translate("sync", "Central: sync switched off"),
        "needs_password": translate("sync", "Central: password needed"),
        "syncing": translate("sync", "Central: syncing…"),
        "online": translate("sync", "Central: online"),
        "offline": translate("sync", "Central: offline"),
    }
    parts = [words.get(state.state, state.state)]
    parts.append(translate("sync", "%1 waiting").replace("%1", str(state.waiting)))
    if state.last_ok_ms:
        when = datetime.fromtimestamp(state.last_ok_ms / 1000).strftime("%H:%M")
        parts.append(translate("sync", "last sync %1").replace("%1", when))
    if state.open_conflicts:
        parts.append(translate("sync", "%1 conflict(s)").replace("%1", str(state.open_conflicts)))
    if state.state == "offline" and state.retry_in_s:
        parts.append(translate("sync", "retry in %1 s").replace("%1", str(state.retry_in_s)))
    return " · ".join(parts)


class SyncStatusWidget(QLabel):
    """Put it in the status bar: `status.replace_section("connection", SyncStatusWidget(svc))`.
    `sig_clicked` asks for the connection settings (the window decides who may open them)."""

    sig_clicked = Signal()

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusConnectionSync")
        self.service = service
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        service.sig_state.connect(self.show_state)
        self.show_state(service.state)

    def show_state(self, state: Any) -> None:
        self.setText(state_text(state))
        tips = []
        if state.error is not None:
            tips.append(error_text(state.error))
        for warning in state.warnings:
            tips.append(error_text(warning.as_error()))
        self.setToolTip("\n".join(tips))
        self.setProperty("syncState", state.state)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.sig_clicked.emit()
        super().mouseReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_state(self.service.state)
        super().changeEvent(event)
