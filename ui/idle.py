"""Idle auto-lock: any key, mouse or touch input restarts the timer; silence locks the screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    sig_idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.sig_idle)

    def start(self) -> None:
        """Watch the input, application-wide, and lock after the timeout. The event filter is on
        only while someone is signed in (the timer runs): every event of the application passes
        through it, Python code that needs the GIL — on at start-up, each event of the login
        window waited for the database worker's imports to let go of the GIL."""
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # installed again, it is still there once
        self._timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart
        return False
