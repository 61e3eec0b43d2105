"""Ports: what the core needs from the outside world, as protocols with simple defaults."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int: ...

    def local_now(self) -> datetime: ...


class SystemClock:
    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000

    def local_now(self) -> datetime:
        return datetime.now()


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now_ms(self) -> int:
        return int(self._now.timestamp() * 1000)

    def local_now(self) -> datetime:
        return self._now

    def advance(self, *, seconds: float = 0, minutes: float = 0, days: float = 0) -> None:
        from datetime import timedelta

        self._now += timedelta(seconds=seconds, minutes=minutes, days=days)
