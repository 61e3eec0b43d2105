"""PINs and lockouts. PINs are hashed with scrypt (memory-hard, in the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from desk.platform.errors import DeskError

MAX_FAILURES = 5
LOCK_MS = 5 * 60 * 1000
MIN_PIN_LENGTH = 4

# scrypt cost: N=2^14, r=8 -> 16 MiB and ~50 ms per check; a 6-digit PIN cannot be brute-forced
# from a stolen database in any practical time only together with the lockout, which is why both.
_N, _R, _P = 2**14, 8, 1


def validate_pin(pin: str) -> None:
    if not pin.isdigit() or not pin.isascii():
        raise DeskError("auth.pin_not_digits")
    if len(pin) < MIN_PIN_LENGTH:
        raise DeskError("auth.pin_too_short", min_length=MIN_PIN_LENGTH)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 2**20,
                            dklen=32)
    salt_b64, digest_b64 = base64.b64encode(salt).decode(), base64.b64encode(digest).decode()
    return f"scrypt${_N}${_R}${_P}${salt_b64}${digest_b64}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt_b64), n=int(n), r=int(r),
                            p=int(p), maxmem=64 * 2**20, dklen=32)
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


@dataclass(frozen=True)
class LoginState:
    failed_count: int = 0
    locked_until_ms: int = 0

    def locked_at(self, now_ms: int) -> bool:
        return now_ms < self.locked_until_ms

    def after_failure(self, now_ms: int) -> LoginState:
        """One more wrong PIN; the fifth in a row locks the account for LOCK_MS."""
        count = self.failed_count + 1
        if count >= MAX_FAILURES:
            return LoginState(failed_count=0, locked_until_ms=now_ms + LOCK_MS)
        return LoginState(failed_count=count, locked_until_ms=0)

    @property
    def remaining_tries(self) -> int:
        return MAX_FAILURES - self.failed_count
