"""Hybrid logical clock (Kulkarni et al.), encoded as a sortable string.

`0001732300000000-0000-<device>`: 16-digit wall time in ms, 4-hex-digit counter, node id.
String order equals causal-then-wall order, so SQL `ORDER BY hlc` works on both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 0xFFFF
# A remote clock further ahead than this is accepted (order is kept) but flagged for a warning.
DRIFT_WARNING_MS = 5 * 60 * 1000


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.millis:016d}-{self.counter:04x}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter, 16), node)


class HybridLogicalClock:
    """Issues strictly increasing timestamps for one node, even if the wall clock goes back."""

    def __init__(self, node: str, wall_ms: Callable[[], int], last: str | None = None) -> None:
        self._node = node
        self._wall_ms = wall_ms
        self._last = Timestamp.decode(last) if last else Timestamp(0, 0, node)
        self.max_seen_drift_ms = 0

    @property
    def last(self) -> Timestamp:
        return self._last

    def now(self) -> str:
        """A timestamp for a local event (send)."""
        wall = self._wall_ms()
        if wall > self._last.millis:
            stamp = Timestamp(wall, 0, self._node)
        else:
            stamp = self._bumped(self._last.millis, self._last.counter)
        self._last = stamp
        return stamp.encode()

    def observe(self, remote_text: str) -> None:
        """Merge a timestamp received from another node, so later local events sort after it."""
        remote = Timestamp.decode(remote_text)
        wall = self._wall_ms()
        self.max_seen_drift_ms = max(self.max_seen_drift_ms, remote.millis - wall)
        top = max(wall, self._last.millis, remote.millis)
        if top == self._last.millis == remote.millis:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == remote.millis:
            counter = remote.counter + 1
        else:
            counter = 0
        self._last = self._checked(top, counter)

    @property
    def drift_warning(self) -> bool:
        return self.max_seen_drift_ms > DRIFT_WARNING_MS

    def _bumped(self, millis: int, counter: int) -> Timestamp:
        return self._checked(millis, counter + 1)

    def _checked(self, millis: int, counter: int) -> Timestamp:
        if counter > MAX_COUNTER:  # 65 536 events in one millisecond: borrow the next one
            return Timestamp(millis + 1, 0, self._node)
        return Timestamp(millis, counter, self._node)
