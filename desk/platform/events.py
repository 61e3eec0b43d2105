"""Journal events: the source of truth. Every state change is one, hash-chained per device."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One spelling per value, so the hash of an event is the same on every machine."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Event:
    event_id: str
    store_id: str
    device_id: str
    device_seq: int
    hlc: str
    actor: str
    kind: str
    entity_id: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str = ""

    def body(self) -> dict[str, Any]:
        # A shallow dict: the same content as dataclasses.asdict without deep-copying the payload
        # (which cost most of the append time for big sale payloads). Callers never mutate it.
        return {name: getattr(self, name) for name in _BODY_FIELDS}

    def computed_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.body()).encode("utf-8")).hexdigest()

    def sealed(self) -> Event:
        """The same event with its hash filled in."""
        return Event(**{**self.body(), "hash": self.computed_hash()})


_BODY_FIELDS = tuple(f.name for f in fields(Event) if f.name != "hash")
