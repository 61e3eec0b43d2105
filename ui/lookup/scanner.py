"""Barcode scanners "type" like a keyboard. Recognise them by speed and terminator, and send what
they scanned to the search box — never into whatever field happened to have the focus.

`ScannerRouter` is an application-level event filter. A burst — at least `min_length` printable
keys, each within `max_gap_ms` of the one before — ended by Enter or Tab is a scan; it goes to
`sig_scanned`.

- In the search box itself keys are only watched (no delay at all); when a burst turns out to be a
  scan the box is set to exactly the scanned text (whatever was typed before is replaced).
- In any other widget every printable key is held back for a moment: if the next one follows
  within the gap they pile up; a scan goes to `sig_scanned` and the field that had the focus never
  sees it. Anything else — a person typing, however fast, a short burst, a burst without a
  terminator — is replayed unchanged, in order, to the widget it was meant for (each key arrives
  a few tens of ms later than typed).

It is active only while there is a box to scan into (by default: while the search box is
visible, not behind the lock screen) and no modal dialog is open. The main window routes scans
per page with `route_to()`: the page's own box (the return box on the return page) or the search
box. A widget that reads scans itself (e.g. a serial field on a form) opts out by setting the Qt
property `deskScannerInput` to True.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

OPT_OUT_PROPERTY = "deskScannerInput"
TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_PASS_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier)


class ScannerRouter(QObject):
    sig_scanned = Signal(str)

    def __init__(self, target: QWidget, parent: QObject | None = None, *, max_gap_ms: int = 35,
                 min_length: int = 6, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.target = target  # the search box: scans are for it, unless route_to() says where
        self.target_for: Callable[[], QWidget | None] = self._search_box_if_shown
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.clock = clock
        self.enabled = True
        self._keys: list[tuple[int, Qt.KeyboardModifier, str]] = []
        self._times: list[float] = []
        self._receiver: QWidget | None = None
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.scans = 0  # how many scans were recognised (status, tests)

    # --- installation -------------------------------------------------------------------------
    def route_to(self, target_for: Callable[[], QWidget | None],
                 deliver: Callable[[str], None]) -> None:
        """Scans go to `deliver` instead of the search; `target_for()` is the box that scans are
        for now (its own keys are only watched), or None when nothing takes scans."""
        self.flush()
        self.target_for = target_for
        self.sig_scanned.disconnect()
        self.sig_scanned.connect(deliver)

    def _search_box_if_shown(self) -> QWidget | None:
        try:
            return self.target if self.target.isVisible() else None
        except RuntimeError:  # the search box was deleted
            return None

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        self.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- the filter ---------------------------------------------------------------------------
    def _active(self) -> QWidget | None:
        """The box scans are for now, or None (off, locked, a dialog open)."""
        if not self.enabled or QApplication.activeModalWidget() is not None:
            return None
        return self.target_for()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and obj is not focus:
            return False  # the same event on its way to a parent, or to the window
        box = self._active()
        if box is None or bool(obj.property(OPT_OUT_PROPERTY)):
            self.flush()
            return False
        text = event.text()
        key = event.key()
        now = self.clock() * 1000.0
        printable = (len(text) == 1 and text.isprintable()
                     and not (event.modifiers() & _PASS_MODIFIERS) and not event.isAutoRepeat())
        watched = obj is box
        if self._keys and (watched != (self._receiver is None)
                           or (not watched and obj is not self._receiver)):
            self.flush()  # the focus moved: the keys so far were not one scan
        if key in TERMINATORS and self._keys:
            if self._is_scan(now):
                self._scanned()
                return True
            self.flush()
            return False
        if not printable:
            self.flush()
            return False
        if self._keys and now - self._times[-1] > self.max_gap_ms:
            self.flush()  # a pause: what came before was typed, this may start a burst
        self._receiver = None if watched else obj
        self._keys.append((key, event.modifiers(), text))
        self._times.append(now)
        if watched:
            return False  # the search box gets its keys at once; only their timing is watched
        self._timer.start(self.max_gap_ms + 5)
        return True

    def _is_scan(self, now: float) -> bool:
        if len(self._keys) < self.min_length:
            return False
        times = [*self._times, now]
        return all(b - a <= self.max_gap_ms for a, b in pairwise(times))

    def _scanned(self) -> None:
        self._timer.stop()
        text = "".join(k[2] for k in self._keys)
        self._keys, self._times, self._receiver = [], [], None
        self.scans += 1
        self.sig_scanned.emit(text)

    def flush(self) -> None:
        """Hand held-back keys to the widget they were meant for, in order."""
        self._timer.stop()
        keys, receiver = self._keys, self._receiver
        self._keys, self._times, self._receiver = [], [], None
        if not keys or receiver is None:  # nothing held (the search box's keys were delivered)
            return
        self._replaying = True
        try:
            for key, modifiers, text in keys:
                QApplication.sendEvent(receiver, QKeyEvent(QEvent.Type.KeyPress, key, modifiers,
                                                           text))
        except RuntimeError:  # the widget went away meanwhile: its keys go with it
            pass
        finally:
            self._replaying = False
