"""Background sync: a round whenever the central server is reachable, backoff when it is not.

The network and the round itself run on runner.io (the local writes inside a round take the
database's write lock, page by page, so they interleave with commands instead of blocking them);
the GUI thread only starts rounds, receives `(report, error)` and updates the status.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desk.platform.changes import SYNC_INITIATOR, Changed, Changes
from desk.platform.errors import DeskError
from desk.sync import settings as central_settings
from desk.sync.blobs import fetch_photo
from desk.sync.engine import (
    SyncReport,
    SyncStatus,
    SyncWarning,
    record_failure,
    sync_once,
    sync_status,
)
from desk.sync.transport import PgTransport
from ui.context import AppContext
from ui.sync.secrets import PasswordStore
from ui.tasks import Cancel, freeze_startup_heap

FIRST_RETRY_S = 5
MAX_RETRY_S = 300
# Pulled events are applied a page per local transaction under the database's write lock: small
# pages keep a clerk's command from waiting long behind a big catch-up (~60 ms per 200 sales).
APP_PULL_BATCH = 200
@dataclass(frozen=True)
class SyncState:
    state: str = "starting"  # not_configured, disabled, needs_password, syncing, online, offline
    waiting: int = 0  # own events not yet on the server
    last_ok_ms: int | None = None
    open_conflicts: int = 0
    error: DeskError | None = None
    retry_in_s: int = 0
    warnings: list[SyncWarning] = field(default_factory=list)
    last_report: SyncReport | None = None


class SyncService(QObject):
    sig_state = Signal(object)  # SyncState
    sig_round_done = Signal(object)  # SyncReport, after a successful round

    def __init__(self, ctx: AppContext, passwords: PasswordStore | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.passwords = passwords or PasswordStore()
        self.settings = central_settings.CentralSettings()
        self.state = SyncState()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._running = False
        self._stopped = True
        self._cancel = Cancel()
        self._retry_s = FIRST_RETRY_S
        self._transport: PgTransport | None = None
        self._transport_url = ""
        self._photos: PgTransport | None = None  # its own connection: rounds run meanwhile
        self._photos_lock = threading.Lock()
        ctx.hub.changed.connect(self._on_local_change)

    # --- life cycle -----------------------------------------------------------------------------
    def start(self) -> None:
        freeze_startup_heap()
        self._stopped = False
        self.reload()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._cancel.set()
        transport, self._transport = self._transport, None
        if transport is not None:
            self.ctx.runner.io(transport.close)
        photos, self._photos = self._photos, None
        if photos is not None:
            self.ctx.runner.io(photos.close)

    def reload(self) -> None:
        """Read the saved settings (after the dialog saved them) and run a round soon."""

        def read(conn: Any) -> central_settings.CentralSettings:
            return central_settings.load(conn)

        def done(saved: Any, error: BaseException | None) -> None:
            if error is None and saved is not None:
                self.settings = saved
            self._retry_s = FIRST_RETRY_S
            self._schedule(0)

        self.ctx.query(read, done=done)

    def set_session_password(self, password: str, remember: bool = False) -> None:
        user = self.settings.keyring_user()
        self.ctx.runner.io(self.passwords.set, user, password, remember,
                           done=lambda _r, _e: self._schedule(0))

    # --- rounds ---------------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self._running or self._stopped:
            return
        s = self.settings
        if not s.configured:
            self._publish(state="not_configured")
            self._refresh_counts()
            return
        if not s.enabled:
            self._publish(state="disabled")
            self._refresh_counts()
            return
        self._running = True
        self._cancel = Cancel()
        self._publish(state="syncing", error=None)
        self.ctx.runner.io(self._round, s, self._cancel, done=self._round_done)

    def _round(self, s: central_settings.CentralSettings, cancel: Cancel) -> SyncReport | None:
        """On an I/O worker: password, connection, one full round."""
        password = self.passwords.get(s.keyring_user())
        if password is None:
            return None
        url = s.url(password)
        if self._transport is None or self._transport_url != url:
            if self._transport is not None:
                self._transport.close()
            self._transport = PgTransport(url)
            self._transport_url = url
        try:
            return sync_once(self.ctx.db, self._transport, cancel=cancel,
                             pull_batch=APP_PULL_BATCH)
        except BaseException as exc:
            record_failure(self.ctx.db, exc)
            raise

    def fetch_photo(self, sha256: str) -> Any:
        """On an I/O worker: the evidence photo `sha256`, fetched from the central server when
        this counter lacks it (re-hashed before it is kept: desk/sync/blobs.py)."""
        s = self.settings
        password = self.passwords.get(s.keyring_user()) if s.configured else None
        if password is None:
            raise DeskError("sync.not_configured")
        url = s.url(password)
        with self._photos_lock:
            if self._photos is None or self._photos.url != url:
                if self._photos is not None:
                    self._photos.close()
                self._photos = PgTransport(url)
            return fetch_photo(self.ctx.db, self._photos, sha256)

    def _round_done(self, report: SyncReport | None, error: BaseException | None) -> None:
        self._running = False
        if self._stopped:
            return
        if error is None and report is None:
            self._publish(state="needs_password")
            self._refresh_counts()
            return
        if error is not None:
            wrapped = error if isinstance(error, DeskError) else DeskError(
                "sync.server_error", reason=str(error) or type(error).__name__)
            self._publish(state="offline", error=wrapped, retry_in_s=self._retry_s)
            self._schedule(self._retry_s)
            self._retry_s = min(MAX_RETRY_S, self._retry_s * 2)
            self._refresh_counts()
            return
        assert report is not None
        self._retry_s = FIRST_RETRY_S
        if report.changes:
            self.ctx.hub.changed.emit(Changes(frozenset(report.changes), SYNC_INITIATOR))
        self._publish(state="online", error=None, waiting=report.waiting,
                      open_conflicts=report.open_conflicts, last_ok_ms=int(time.time() * 1000),
                      warnings=report.warnings, last_report=report, retry_in_s=0)
        self.sig_round_done.emit(report)
        self._schedule(self.settings.interval_s)

    def _schedule(self, seconds: int) -> None:
        if not self._stopped:
            self._timer.start(max(0, int(seconds * 1000)))

    # --- status ---------------------------------------------------------------------------------
    def _on_local_change(self, changes: Changes) -> None:
        if Changed.CONFLICTS in changes.kinds or not self._running:
            self._refresh_counts()

    def _refresh_counts(self) -> None:
        device_id = self.ctx.db.device_id

        def done(status: SyncStatus | None, error: BaseException | None) -> None:
            if error is None and status is not None:
                self._publish(waiting=status.waiting, last_ok_ms=status.last_ok_ms,
                              open_conflicts=status.open_conflicts)

        self.ctx.query(sync_status, device_id, done=done)

    def _publish(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.sig_state.emit(self.state)
