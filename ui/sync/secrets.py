"""The central server's password: in the operating system's keyring, or for this session only.

Never written to a file. On a machine without a keyring backend (a bare Linux box without
Secret Service, a locked-down kiosk) `available()` is False, the settings dialog says so, and the
password is asked for once per session and kept in memory.
Keyring calls may block (D-Bus, Windows Credential Manager): call them from runner.io.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
SERVICE = "service-desk-central"


class PasswordStore:
    def __init__(self, use_keyring: bool = True) -> None:
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()
        self._use_keyring = use_keyring

    def available(self) -> bool:
        """True when a real keyring backend is there (not the 'fail' or a null backend)."""
        if not self._use_keyring:
            return False
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
            return not isinstance(backend, fail.Keyring) and backend.priority > 0
        except Exception:  # no keyring package, broken backend
            return False

    def get(self, user: str) -> str | None:
        with self._lock:
            if user in self._session:
                return self._session[user]
        if self.available():
            try:
                import keyring

                return keyring.get_password(SERVICE, user)
            except Exception:
                log.warning("keyring read failed", exc_info=True)
        return None

    def set(self, user: str, password: str, remember: bool) -> bool:
        """Keep the password for this session, and in the keyring if asked and possible.
        Returns True when it went to the keyring."""
        with self._lock:
            self._session[user] = password
        if remember and self.available():
            try:
                import keyring

                keyring.set_password(SERVICE, user, password)
                return True
            except Exception:
                log.warning("keyring write failed", exc_info=True)
        return False

    def forget(self, user: str) -> None:
        with self._lock:
            self._session.pop(user, None)
        if self.available():
            try:
                import keyring

                keyring.delete_password(SERVICE, user)
            except Exception:  # not stored: nothing to forget
                pass
