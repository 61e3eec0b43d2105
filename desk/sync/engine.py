"""One sync round: push this counter's new events, pull everyone else's, apply them locally.

- Push: the counter's own events after the sequence the server holds for it, in batches; the
  server takes each batch in one transaction (skip known, refuse a gap, insert, move last_seq),
  so any retry after any failure is harmless.
- Pull: events after this counter's server cursor (its store's and head office's), applied through
  the same projection code as local commands, each page in one local transaction with the new
  cursor. Their original device ids, sequences and hashes are kept: every device's chain stays
  verifiable on every counter (`desk db verify`). The hybrid logical clock observes them.

- Binding: the counter keeps the identity of the central database it first synced with and
  refuses any other (`sync.other_central`) until an administrator re-binds it (`rebind`).

State lives in local_settings: sync.server_cursors (JSON: store -> last number pulled),
sync.pushed_seq, sync.central_id, sync.last_ok_ms.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.batch import apply_batch, collector_paused
from desk.platform.changes import Changed
from desk.platform.conflicts import count_open
from desk.platform.db import Database
from desk.platform.driver_select import DriverSelect
from desk.platform.errors import DeskError
from desk.platform.events import Event, canonical_json
from desk.platform.hlc import DRIFT_WARNING_MS, Timestamp
from desk.platform.journal import insert_events, last_of_device
from desk.platform.settings import get_setting, set_setting
from desk.sync.blobs import push_blobs
from desk.sync.central import HQ_STORE, SCHEMA_VERSION
from desk.sync.transport import PushBatch, Transport

CURSOR = "sync.server_cursors"
CENTRAL_ID = "sync.central_id"
PUSHED = "sync.pushed_seq"
LAST_OK = "sync.last_ok_ms"
LAST_ERROR = "sync.last_error"
PUSH_BATCH = 1000
# events per pulled page, one local transaction each: 2 500 rather than 1 000 took a tenth off a
# 10 000-event pull (fewer commits and round trips) and holds the write lock ~0.3 s at most
PULL_BATCH = 2500

Progress = Callable[[str, int], None]  # (stage "push"/"pull", events so far)
J = t.journal


class Cancelled(Exception):
    pass


@dataclass(frozen=True)
class SyncWarning:
    """Something the manager should know about a round that did not stop it (a clock off)."""

    code: str  # sync.clock_skew, sync.clock_drift
    params: dict[str, int]

    def as_error(self) -> DeskError:
        """The warning as an error code with its parameters, for the words of the screen."""
        return DeskError(self.code, **self.params)


@dataclass(frozen=True)
class LastFailure:
    code: str  # a DeskError code, or the exception's class name
    at_ms: int


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows between rounds, read from the local database only."""

    waiting: int  # own events not yet on the server
    last_ok_ms: int | None
    last_error: LastFailure | None
    open_conflicts: int
    cursor: dict[str, int]  # the pull position per store (its own and head office)


@dataclass
class SyncReport:
    store_id: str = ""
    device_id: str = ""
    pushed: int = 0  # events the server took in this round
    push_skipped: int = 0  # events the server already had (a retry)
    push_batches: int = 0
    pulled: int = 0  # events received
    applied: int = 0  # of which new here, inserted and projected
    duplicates: int = 0  # of which this counter already had
    cursor: dict[str, int] = field(default_factory=dict)  # per store
    waiting: int = 0  # own events not yet on the server after this round
    blobs_sent: int = 0  # evidence photos handed in (desk/sync/blobs.py)
    blobs_unavailable: int = 0  # photos named by own events but missing from this counter
    open_conflicts: int = 0
    new_conflicts: int = 0
    joined: bool = False  # a fresh counter took its store from the credentials
    seconds: float = 0.0
    changes: set[Changed] = field(default_factory=set)
    warnings: list[SyncWarning] = field(default_factory=list)


def sync_once(db: Database, transport: Transport, *, push_batch: int = PUSH_BATCH,
              pull_batch: int = PULL_BATCH, counter_name: str = "",
              cancel: Any = None, progress: Progress | None = None) -> SyncReport:
    """One full round. Raises DeskError (sync.*) when the server cannot be used; whatever was
    committed before the failure stays committed on both sides and the next round resumes."""
    started = time.perf_counter()
    report = SyncReport(device_id=db.device_id)
    db.hlc.max_seen_drift_ms = 0  # the drift warning is about this round's events
    info = transport.hello()
    if info.schema_version < SCHEMA_VERSION:
        raise DeskError("sync.central_outdated", found=info.schema_version, needed=SCHEMA_VERSION)
    if info.schema_version > SCHEMA_VERSION:
        raise DeskError("sync.central_newer", found=info.schema_version, known=SCHEMA_VERSION)
    skew = db.wall_ms() - info.server_ms
    if abs(skew) > DRIFT_WARNING_MS:
        report.warnings.append(SyncWarning("sync.clock_skew", {"minutes": round(skew / 60000)}))
    local_store = db.store_id()
    if local_store is not None and local_store != info.store_id:
        raise DeskError("sync.wrong_store", counter=local_store, credentials=info.store_id)
    _check_binding(db, info.central_id)
    report.store_id = info.store_id
    stores = None if info.store_id == HQ_STORE else [info.store_id, HQ_STORE]
    open_before = _open_conflicts(db)

    if local_store is not None:
        _push(db, transport, info.store_id, report, push_batch, cancel, progress)
        _push_photos(db, transport, report)
    _pull(db, transport, stores, report, pull_batch, cancel, progress)
    if local_store is None:
        _join(db, info.store_id, counter_name or db.device_id, report)
        _push(db, transport, info.store_id, report, push_batch, cancel, progress)
        _push_photos(db, transport, report)

    with db.engine.connect() as conn:
        report.waiting = pending_events(conn, db.device_id)
        report.open_conflicts = count_open(conn)
        report.cursor = read_cursors(conn)
    report.new_conflicts = max(0, report.open_conflicts - open_before)
    drift = db.hlc.max_seen_drift_ms
    if drift > DRIFT_WARNING_MS:
        report.warnings.append(SyncWarning("sync.clock_drift",
                                           {"minutes": round(drift / 60000)}))
    report.seconds = round(time.perf_counter() - started, 3)
    _set(db, {LAST_OK: str(db.wall_ms()), LAST_ERROR: ""})
    return report


def record_failure(db: Database, error: BaseException) -> None:
    """Keep the last error for the status bar (best effort; never raises)."""
    try:
        code = error.code if isinstance(error, DeskError) else type(error).__name__
        _set(db, {LAST_ERROR: json.dumps({"code": code, "at_ms": db.wall_ms()})})
    except Exception:  # the status is informational only
        pass


def _check_binding(db: Database, central_id: str) -> None:
    """The first server a counter syncs with is its server; another is refused."""
    if not central_id:
        raise DeskError("sync.central_outdated", found=0, needed=SCHEMA_VERSION)
    with db.write_lock, db.engine.begin() as conn:
        bound = get_setting(conn, CENTRAL_ID)
        if bound is None:
            set_setting(conn, CENTRAL_ID, central_id)
        elif bound != central_id:
            raise DeskError("sync.other_central", bound=bound, found=central_id)


def rebind(db: Database, transport: Transport, actor: str) -> Any:
    """An administrator points this counter at another central database: the binding, the
    pull cursors and the push position start over there (the command `rebind_central`, for
    administrators only, recorded as a journal fact)."""
    from desk.platform.bus import CommandBus
    from desk.sync.commands import RebindCentral

    info = transport.hello()
    return CommandBus(db).dispatch(RebindCentral(central_id=info.central_id), actor).value


def read_cursors(conn: Connection) -> dict[str, int]:
    raw = get_setting(conn, CURSOR)
    return {str(k): int(v) for k, v in json.loads(raw).items()} if raw else {}


def _check_cancel(cancel: Any) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


# --- push ----------------------------------------------------------------------------------------
def _push(db: Database, transport: Transport, store_id: str, report: SyncReport, batch: int,
          cancel: Any, progress: Progress | None) -> None:
    server_seq, server_hash = transport.device_state(db.device_id)
    with db.engine.connect() as conn:
        local_seq, _ = last_of_device(conn, db.device_id)
        if server_seq > local_seq:
            # The server holds more of this counter than the counter does: restored backup?
            raise DeskError("sync.diverged", device_id=db.device_id, device_seq=server_seq)
        if server_seq:
            mine = conn.execute(select(J.c.hash).where(J.c.device_id == db.device_id,
                                                       J.c.device_seq == server_seq)).scalar()
            if mine != server_hash:
                raise DeskError("sync.diverged", device_id=db.device_id, device_seq=server_seq)
    after = server_seq
    _set(db, {PUSHED: str(after)})
    while True:
        _check_cancel(cancel)
        with db.engine.connect() as conn:
            events = outgoing_batch(conn, db.device_id, after, batch)
        if not len(events):
            return
        ack = transport.push(db.device_id, store_id, events)
        report.pushed += ack.inserted
        report.push_skipped += ack.skipped
        report.push_batches += 1
        after = ack.last_seq
        _set(db, {PUSHED: str(after)})
        if progress is not None:
            progress("push", report.pushed)


_OUTGOING = DriverSelect(
    select(J.c.event_id, J.c.store_id, J.c.device_seq, J.c.hlc, J.c.actor, J.c.kind,
           J.c.entity_id, J.c.payload, J.c.prev_hash, J.c.hash)
    .where(J.c.device_id == bindparam("device"), J.c.device_seq > bindparam("after"))
    .order_by(J.c.device_seq).limit(bindparam("limit")))


def outgoing_batch(conn: Connection, device_id: str, after: int, limit: int) -> PushBatch:
    """The device's journal after `after`, up to `limit` events, as stored: the payloads are
    the canonical JSON the hashes were computed from (not decoded and spelled again: that was
    half of a push's CPU time on the counter)."""
    rows = _OUTGOING.rows(conn, device=device_id, after=after, limit=limit)
    if not rows:
        return PushBatch([], [], [], [], [], [], [], [], [], [])
    return PushBatch(*(list(column) for column in zip(*rows, strict=True)))


def _push_photos(db: Database, transport: Transport, report: SyncReport) -> None:
    """The photos of the events the server now holds (after those events: a round cut in
    between hands them in next time)."""
    with db.engine.connect() as conn:
        upto = int(get_setting(conn, PUSHED) or 0)
    sent = push_blobs(db, transport, upto)
    report.blobs_sent += sent.sent
    report.blobs_unavailable += sent.unavailable


def pending_events(conn: Connection, device_id: str) -> int:
    """Own events the server has not acknowledged yet (as far as this counter knows)."""
    last, _ = last_of_device(conn, device_id)
    pushed = int(get_setting(conn, PUSHED) or 0)
    return max(0, last - pushed)


# --- pull ----------------------------------------------------------------------------------------
def _pull(db: Database, transport: Transport, stores: list[str] | None, report: SyncReport,
          batch: int, cancel: Any, progress: Progress | None) -> None:
    """Page after page, the next one read from the server (by a helper thread, on the same
    connection, which nothing else uses meanwhile) while this one is applied: the server's
    query and the network overlap the local transaction. What a page applies moves the cursor
    exactly as the next request assumed (`merged_cursor`); a page that fails leaves the one
    read ahead unused."""
    _check_cancel(cancel)
    with db.engine.connect() as conn:
        cursor = read_cursors(conn)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-pull") as reader:
        ahead = reader.submit(transport.pull, stores, cursor, batch, db.device_id)
        try:
            while True:
                page = ahead.result()
                if not page.events and page.cursor == cursor:
                    return
                cursor = merged_cursor(cursor, page.cursor)
                if not page.complete:
                    ahead = reader.submit(transport.pull, stores, cursor, batch, db.device_id)
                _check_cancel(cancel)
                applied, dupes, changes = apply_pulled(db, [p.event for p in page.events],
                                                       page.cursor)
                report.pulled += len(page.events)
                report.applied += applied
                report.duplicates += dupes
                report.changes |= changes
                if progress is not None:
                    progress("pull", report.pulled)
                if page.complete:
                    return
        finally:
            ahead.cancel()  # not started: dropped; running: the exit waits for it (the connection
            # is free again when this returns)


def merged_cursor(cursor: dict[str, int], new: dict[str, int]) -> dict[str, int]:
    """The cursor once a page with cursor `new` is applied: per store, the further one."""
    merged = dict(cursor)
    for store, seq in new.items():
        merged[store] = max(merged.get(store, 0), seq)
    return merged


def apply_pulled(db: Database, events: list[Event], new_cursor: dict[str, int] | None
                 ) -> tuple[int, int, set[Changed]]:
    """Insert the events this counter lacks (original ids, sequences, hashes) and project them,
    in one local transaction that also moves the cursor. Returns (applied, duplicates, changes).
    Delivering the same events again, or in pieces, changes nothing more."""
    changes: set[Changed] = set()
    with db.write_lock, db.engine.begin() as conn, collector_paused():
        have = _known_ids(conn, [e.event_id for e in events])
        chains: dict[str, tuple[int, str]] = {}
        fresh: list[Event] = []
        payloads: list[str] = []  # their canonical JSON: serialised once, for hash and row
        dupes = 0
        for e in events:
            if e.event_id in have:
                dupes += 1
                continue
            last_seq, last_hash = chains.get(e.device_id) or last_of_device(conn, e.device_id)
            if e.device_seq <= last_seq:
                raise DeskError("sync.diverged", device_id=e.device_id, device_seq=e.device_seq)
            if e.device_seq != last_seq + 1 or e.prev_hash != last_hash:
                raise DeskError("sync.gap", device_id=e.device_id, expected=last_seq + 1,
                                got=e.device_seq)
            payload = canonical_json(e.payload)
            if e.computed_hash(payload) != e.hash:
                raise DeskError("sync.bad_hash", device_id=e.device_id, device_seq=e.device_seq)
            chains[e.device_id] = (e.device_seq, e.hash)
            have.add(e.event_id)
            fresh.append(e)
            payloads.append(payload)
        insert_events(conn, fresh, payloads)
        changes |= apply_batch(conn, fresh, db.registry.apply)
        if fresh:
            db.hlc.observe(max(e.hlc for e in fresh))
        if new_cursor is not None:
            merged = merged_cursor(read_cursors(conn), new_cursor)
            set_setting(conn, CURSOR, json.dumps(merged, sort_keys=True))
    return len(fresh), dupes, changes


def _known_ids(conn: Connection, ids: list[str]) -> set[str]:
    have: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        have |= {r[0] for r in conn.execute(select(J.c.event_id).where(J.c.event_id.in_(chunk)))}
    return have


# --- a fresh counter joins its store ------------------------------------------------------------
def _join(db: Database, store_id: str, counter_name: str, report: SyncReport) -> None:
    """A counter with no store yet takes the store of its credentials, after pulling its history,
    and registers itself (the event goes up with this round's push)."""
    from desk.platform.bus import SYSTEM_ACTOR
    from desk.platform.uow import UnitOfWork

    with UnitOfWork(db, SYSTEM_ACTOR) as uow:
        if get_setting(uow.conn, "store_id") is not None:
            return
        set_setting(uow.conn, "store_id", store_id)
        uow.use_store(store_id)
        uow.record("device.registered", db.device_id,
                   {"device_id": db.device_id, "store_id": store_id, "name": counter_name})
        uow.commit()
        report.changes |= uow.changes
    report.joined = True


# --- status ---------------------------------------------------------------------------------
def sync_status(conn: Connection, device_id: str) -> SyncStatus:
    """What the status bar shows, read from the local database only (no network)."""
    last_ok = get_setting(conn, LAST_OK)
    error = get_setting(conn, LAST_ERROR)
    return SyncStatus(
        waiting=pending_events(conn, device_id),
        last_ok_ms=int(last_ok) if last_ok else None,
        last_error=LastFailure(**json.loads(error)) if error else None,
        open_conflicts=count_open(conn),
        cursor=read_cursors(conn),
    )


def hlc_millis(text: str) -> int:
    return Timestamp.decode(text).millis


def _open_conflicts(db: Database) -> int:
    with db.engine.connect() as conn:
        return count_open(conn)


def _set(db: Database, values: dict[str, str]) -> None:
    with db.write_lock, db.engine.begin() as conn:
        for key, value in values.items():
            set_setting(conn, key, value)
