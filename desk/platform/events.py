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

    def body_json(self, payload_json: str | None = None) -> str:
        """canonical_json(self.body()), put together around the payload's canonical JSON (given,
        or computed here): the payload — most of an event — is then serialised once for both the
        hash and the journal row. Exact because every other field sorts before or after
        "payload" (checked below), and sort_keys orders a dict's keys the same way."""
        payload = canonical_json(self.payload) if payload_json is None else payload_json
        head = ",".join(f'"{name}":{_scalar_json(getattr(self, name))}'
                        for name in _BEFORE_PAYLOAD)
        tail = ",".join(f'"{name}":{_scalar_json(getattr(self, name))}'
                        for name in _AFTER_PAYLOAD)
        return f'{{{head},"payload":{payload},{tail}}}'

    def computed_hash(self, payload_json: str | None = None) -> str:
        return hashlib.sha256(self.body_json(payload_json).encode("utf-8")).hexdigest()

    def sealed(self, payload_json: str | None = None) -> Event:
        """The same event with its hash filled in (`payload_json`: its payload's canonical JSON,
        when the caller has it already)."""
        return Event(**{**self.body(), "hash": self.computed_hash(payload_json)})


def _scalar_json(value: Any) -> str:
    """canonical_json of one of the event's own fields: a string spelled by json's own encoder
    (the one json.dumps uses with ensure_ascii=False), an int as json writes it; anything else
    through canonical_json. About ten times cheaper than dumping a small dict of them, twice
    per event."""
    if type(value) is str:
        return _encode_string(value)
    if type(value) is int:
        return int.__repr__(value)
    return canonical_json(value)


_encode_string = json.encoder.encode_basestring
_BODY_FIELDS = tuple(f.name for f in fields(Event) if f.name != "hash")
# in sorted order, as canonical_json spells a body's keys
_BEFORE_PAYLOAD = tuple(sorted(name for name in _BODY_FIELDS if name < "payload"))
_AFTER_PAYLOAD = tuple(sorted(name for name in _BODY_FIELDS if name > "payload"))
assert _BEFORE_PAYLOAD and _AFTER_PAYLOAD, "Event.body_json splices the payload between them"
