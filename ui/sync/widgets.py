"""The status-bar section: online/offline, events waiting, last sync; a click opens the settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.errors import error_text, register
from ui.sync.service import SyncService, SyncState

translate = QCoreApplication.translate


def _register_error_words() -> None:
    # Literal strings, so lupdate finds them (resources/translations).
    words = {
        "sync.not_configured": lambda: translate(
            "sync", "No central server is set up."),
        "sync.bad_url": lambda: translate(
            "sync", "The central server address is not usable: {reason}"),
        "sync.unreachable": lambda: translate(
            "sync", "Cannot reach the central server."),
        "sync.auth_failed": lambda: translate(
            "sync", "The central server refused the user name or password."),
        "sync.no_database": lambda: translate(
            "sync", "The central server has no such database."),
        "sync.tls_failed": lambda: translate(
            "sync", "The secure connection failed: {reason}"),
        "sync.central_missing": lambda: translate(
            "sync", "The central server is not set up (desk central init)."),
        "sync.central_outdated": lambda: translate(
            "sync", "The central server's schema is too old: ask IT to run desk central init."),
        "sync.central_newer": lambda: translate(
            "sync", "The central server is newer than this program: update it."),
        "sync.not_a_store_role": lambda: translate(
            "sync", "These credentials do not belong to a store."),
        "sync.wrong_store": lambda: translate(
            "sync", "These credentials belong to store {credentials}, this counter to store {counter}."),  # noqa: E501
        "sync.forbidden": lambda: translate(
            "sync", "The central server refused the write."),
        "sync.gap": lambda: translate(
            "sync", "The server is missing earlier events; they are sent again next time."),
        "sync.diverged": lambda: translate(
            "sync", "This counter's records differ from the server's (restored backup?). Call IT."),
        "sync.bad_hash": lambda: translate(
            "sync", "An event from the server fails its check. Call IT."),
        "sync.connection_lost": lambda: translate(
            "sync", "The connection to the central server was lost."),
        "sync.server_error": lambda: translate(
            "sync", "The central server reported an error: {reason}"),
        "sync.clock_skew": lambda: translate(
            "sync", "This computer's clock is {minutes} minutes off the server's."),
        "sync.clock_drift": lambda: translate(
            "sync", "Another counter's clock runs {minutes} minutes ahead."),
        "sync.keyring_unavailable": lambda: translate(
            "sync", "This computer has no password store: the password is asked for each session and never written to disk."),  # noqa: E501
        "conflict.unknown": lambda: translate(
            "sync", "Unknown conflict."),
        "conflict.resolved_already": lambda: translate(
            "sync", "This conflict is already resolved."),
        "conflict.decision_unknown": lambda: translate(
            "sync", "Unknown decision."),
    }
    for code, template in words.items():
        register(code, template)


_register_error_words()


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
        super().__init__(parent, objectName="statusConnectionSync")
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
            tips.append(error_text(_as_error(warning)))
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


def _as_error(warning: dict[str, Any]) -> Any:
    from desk.platform.errors import DeskError

    return DeskError(warning["code"], **warning.get("params", {}))
