"""One app per counter database: the first copy holds a lock in the data directory and listens
on a local socket named after that directory; a second copy asks it to come to the front, says
the counter is already open and exits with ALREADY_OPEN.

QLockFile writes the owner's PID, host and app name into `desk.lock`: after a crash or a kill the
file stays, and tryLock() finds it stale (its process is gone) and takes it over. The stale time
is 0 so a live app's lock never goes stale by age (the app runs for days).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ALREADY_OPEN = 3  # exit status of a second copy (documented in docs/security.md)
LOCK_FILENAME = "desk.lock"
SHOW = b"show\n"


def server_name(home: Path) -> str:
    """The local socket of the copy that holds `home`: one name per data directory."""
    digest = hashlib.sha256(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"service-desk-{digest}"


class CounterLock(QObject):
    sig_show_requested = Signal()  # a second copy asked this one to come to the front

    def __init__(self, home: Path) -> None:
        super().__init__()
        home.mkdir(parents=True, exist_ok=True)
        self.name = server_name(home)
        self.lock = QLockFile(str(home / LOCK_FILENAME))
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the counter (a stale lock of a dead process is taken over); listen for others."""
        if not self.lock.tryLock(200):
            return False
        server = QLocalServer(self)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a socket file left by a crashed copy
            server.listen(self.name)
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if SHOW.strip() in bytes(socket.readAll().data()):
            self.sig_show_requested.emit()

    def ask_first_to_show(self, timeout_ms: int = 1000) -> bool:
        """From the second copy: ask the copy holding the counter to raise its window."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(SHOW)
        sent = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
