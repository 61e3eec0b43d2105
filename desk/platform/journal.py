"""Appending to and checking the journal: gap-free device sequences, a SHA-256 chain per device."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.driver_select import DriverSelect
from desk.platform.events import GENESIS_HASH, Event, canonical_json

J = t.journal


_LAST_OF_DEVICE = DriverSelect(select(J.c.device_seq, J.c.hash)  # read by every command
                               .where(J.c.device_id == bindparam("device_id"))
                               .order_by(J.c.device_seq.desc())
                               .limit(1))


def last_of_device(conn: Connection, device_id: str) -> tuple[int, str]:
    """(device_seq, hash) of the device's newest event, or (0, genesis)."""
    row = _LAST_OF_DEVICE.first(conn, device_id=device_id)
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def new_event(
    conn: Connection,
    *,
    store_id: str,
    device_id: str,
    hlc: str,
    actor: str,
    kind: str,
    entity_id: str,
    payload: dict[str, Any],
    head: tuple[int, str] | None = None,
    payload_json: str | None = None,
) -> Event:
    """The next event of `device_id`'s chain. `head` is the device's (device_seq, hash) when the
    caller already knows it (a unit of work appending several events); else it is read.
    `payload_json`: the payload's canonical JSON when the caller has it (it writes the row)."""
    seq, prev_hash = head if head is not None else last_of_device(conn, device_id)
    return Event(
        event_id=str(uuid.uuid4()),
        store_id=store_id,
        device_id=device_id,
        device_seq=seq + 1,
        hlc=hlc,
        actor=actor,
        kind=kind,
        entity_id=entity_id,
        payload=payload,
        prev_hash=prev_hash,
    ).sealed(payload_json)


_EVENT_COLUMNS = ("event_id", "store_id", "device_id", "device_seq", "hlc", "actor", "kind",
                  "entity_id", "payload", "prev_hash", "hash")
_INSERT_SQL = (f"INSERT INTO journal ({', '.join(_EVENT_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})")


def insert_events(conn: Connection, events: list[Event],
                  payload_json: list[str] | None = None) -> None:
    """Append the events (through the driver, one executemany with a statement written once:
    a pull appends thousands). `payload_json`: their payloads' canonical JSON when the caller
    has it already (it checked the hashes with it)."""
    if not events:
        return
    payloads = payload_json or [canonical_json(e.payload) for e in events]
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.executemany(_INSERT_SQL, [
        (e.event_id, e.store_id, e.device_id, e.device_seq, e.hlc, e.actor, e.kind, e.entity_id,
         payload, e.prev_hash, e.hash) for e, payload in zip(events, payloads, strict=True)])


def event_from_row(row: Any) -> Event:
    return Event(
        event_id=row.event_id,
        store_id=row.store_id,
        device_id=row.device_id,
        device_seq=row.device_seq,
        hlc=row.hlc,
        actor=row.actor,
        kind=row.kind,
        entity_id=row.entity_id,
        payload=json.loads(row.payload),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


_BATCH_SQL = (f"SELECT seq, {', '.join(_EVENT_COLUMNS)} FROM journal WHERE seq > ? "
              "ORDER BY seq LIMIT ?")


def iter_event_batches(conn: Connection, batch: int = 5000,
                       kinds: Iterable[str] | None = None) -> Iterator[list[Event]]:
    """The journal in local order of application (the order a rebuild replays it in), `batch`
    events at a time; only the events of `kinds` when given. Read through the driver: a replay
    reads every row, and SQLAlchemy's row objects cost more than the query."""
    driver = conn.connection.driver_connection
    assert driver is not None
    sql, only = _BATCH_SQL, tuple(sorted(set(kinds))) if kinds is not None else ()
    if kinds is not None:
        sql = _BATCH_SQL.replace("WHERE seq > ?", f"WHERE seq > ? AND kind IN "
                                 f"({','.join('?' * len(only)) or 'NULL'})")
    after = 0
    loads = json.loads
    while True:
        rows = driver.execute(sql, (after, *only, batch)).fetchall()
        if not rows:
            return
        yield [Event(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], loads(r[9]), r[10], r[11])
               for r in rows]
        after = rows[-1][0]


@dataclass(frozen=True)
class ChainBreak:
    device_id: str
    device_seq: int
    event_id: str
    problem: str  # gap, bad_hash, bad_prev_hash

    def describe(self) -> str:
        words = {
            "gap": "sequence gap: expected this sequence number, found a later one",
            "bad_hash": "the stored hash does not match the event's content (altered event)",
            "bad_prev_hash": "prev_hash does not match the previous event's hash (chain broken)",
        }
        return (f"device {self.device_id}, sequence {self.device_seq} "
                f"(event {self.event_id}): {words[self.problem]}")


@dataclass(frozen=True)
class VerifyReport:
    events: int
    devices: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify(conn: Connection) -> VerifyReport:
    """Walk each device's chain in sequence order; report the first break in journal order."""
    devices = [r[0] for r in conn.execute(select(J.c.device_id).distinct())]
    breaks: list[tuple[int, ChainBreak]] = []
    for device_id in devices:
        found = _verify_device(conn, device_id)
        if found:
            breaks.append(found)
    total = conn.execute(select(func.count()).select_from(J)).scalar_one()
    first = min(breaks, key=lambda pair: pair[0])[1] if breaks else None
    return VerifyReport(events=int(total), devices=len(devices), first_break=first)


def _verify_device(conn: Connection, device_id: str) -> tuple[int, ChainBreak] | None:
    expected_seq, prev_hash = 1, GENESIS_HASH
    rows = conn.execute(
        select(J).where(J.c.device_id == device_id).order_by(J.c.device_seq)
    ).yield_per(5000)
    for row in rows:
        event = event_from_row(row)
        problem = None
        if event.device_seq != expected_seq:
            problem = "gap"
        elif event.prev_hash != prev_hash:
            problem = "bad_prev_hash"
        elif event.computed_hash() != event.hash:
            problem = "bad_hash"
        if problem:
            broken = ChainBreak(device_id, expected_seq if problem == "gap" else event.device_seq,
                                event.event_id, problem)
            return int(row.seq), broken
        expected_seq, prev_hash = event.device_seq + 1, event.hash
    return None
