"""Conflicts: merged facts that break an invariant, recorded for a manager — never an exception,
never a silent drop.

A conflict is identified by (code, entity_id), e.g. ("sale.duplicate_receipt", "R2611200100042")
or ("refund.exceeds_paid", "R2611200100042:2"). Its row in the `conflicts` projection lists every
event that takes part and every resolution. The row is a function of the *set* of events applied,
never of their order, so every counter and a rebuild all come out with the same row.

An invariant is a function `(conn, event) -> Finding | None` run after every event of its kind
is projected (locally and when pulled); a capability lists its invariants in its capability.py.
List *every* event taking part in a finding, not just the latest: then the row comes out the same
whatever order the counters received the events in. The facts themselves stay recorded; the
manager resolves the conflict with the `resolve_conflict` command (event `conflict.resolved`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from desk.platform import tables as t
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.journal import event_from_row

OPEN = "open"
RESOLVED = "resolved"
DECISIONS = ("keep_first", "keep_both", "reversed", "accepted", "other")
# Payload keys never copied into a conflict's summary.
_PRIVATE = frozenset({"pin_hash"})


@dataclass(frozen=True)
class Finding:
    code: str  # e.g. refund.exceeds_paid
    entity_id: str  # what it is about, e.g. "R2611200100042:2"
    event_ids: list[str] = field(default_factory=list)  # every event that takes part
    detail: dict[str, Any] = field(default_factory=dict)  # numbers for the manager; keep it a
    # function of the events (same on every counter), e.g. {"paid_fen": 100, "refunded_fen": 150}


@dataclass(frozen=True)
class ConflictEvent:
    """One event taking part in a conflict, as the manager sees it (no private payload keys)."""

    event_id: str
    device_id: str
    store_id: str
    hlc: str
    actor: str
    kind: str
    facts: dict[str, str | int | float | bool]


@dataclass(frozen=True)
class Resolution:
    event_id: str  # the conflict.resolved event
    actor: str
    hlc: str
    decision: str  # one of DECISIONS
    note: str
    covers: tuple[str, ...]  # the event ids it resolved


@dataclass(frozen=True)
class Conflict:
    """A row of the manager's conflicts list, decoded."""

    conflict_id: str
    code: str
    entity_id: str
    store_id: str
    status: str  # OPEN or RESOLVED
    first_hlc: str
    events: tuple[ConflictEvent, ...]
    resolutions: tuple[Resolution, ...]
    detail: dict[str, Any]  # the finding's numbers, e.g. {"paid_fen": 100, "refunded_fen": 150}

    @property
    def event_count(self) -> int:
        return len(self.events)


def conflict_id(code: str, entity_id: str) -> str:
    return f"{code}|{entity_id}"


def report(conn: Connection, event: Event, finding: Finding | None) -> set[Changed]:
    """Record what an invariant found after `event` was projected."""
    if finding is None:
        return set()
    events = events_by_id(conn, finding.event_ids or [event.event_id])
    record_conflict(conn, finding.code, finding.entity_id, event.store_id, events, finding.detail)
    return {Changed.CONFLICTS}


def events_by_id(conn: Connection, event_ids: Iterable[str]) -> list[Event]:
    ids = sorted(set(event_ids))
    rows = conn.execute(select(t.journal).where(t.journal.c.event_id.in_(ids))).all()
    return [event_from_row(r) for r in rows]


def summary(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.event_id, "device_id": event.device_id, "store_id": event.store_id,
        "hlc": event.hlc, "actor": event.actor, "kind": event.kind,
        "facts": {k: v for k, v in sorted(event.payload.items())
                  if isinstance(v, str | int | float | bool) and k not in _PRIVATE},
    }


def _status(events: list[dict[str, Any]], resolutions: list[dict[str, Any]]) -> str:
    covered = {i for r in resolutions for i in r.get("covers", [])}
    if resolutions and {e["event_id"] for e in events} <= covered:
        return RESOLVED
    return OPEN


def record_conflict(conn: Connection, code: str, entity_id: str, store_id: str,
                    events: Iterable[Event], detail: dict[str, Any] | None = None) -> None:
    """Create the conflict or add these events to it (a set union: order does not matter)."""
    cid = conflict_id(code, entity_id)
    c = t.conflicts.c
    row = conn.execute(select(t.conflicts).where(c.conflict_id == cid)).first()
    known: dict[str, dict[str, Any]] = {}
    resolutions: list[dict[str, Any]] = []
    merged_detail: dict[str, Any] = {}
    if row is not None:
        known = {e["event_id"]: e for e in json.loads(row.events)}
        resolutions = json.loads(row.resolutions)
        merged_detail = json.loads(row.detail)
    for event in events:
        known[event.event_id] = summary(event)
    # The latest finding's numbers: the last event of the set to be applied sees the whole set,
    # so every counter ends with the detail of the full set.
    if detail:
        merged_detail = detail
    listed = sorted(known.values(), key=lambda e: (e["hlc"], e["event_id"]))
    values = {
        "code": code, "entity_id": entity_id,
        "store_id": min((e["store_id"] for e in listed), default=store_id),
        "status": _status(listed, resolutions),
        "first_hlc": listed[0]["hlc"] if listed else "",
        "events": json.dumps(listed, sort_keys=True, ensure_ascii=False),
        "detail": json.dumps(merged_detail, sort_keys=True, ensure_ascii=False),
    }
    if row is None:
        conn.execute(insert(t.conflicts).values(
            conflict_id=cid, resolutions="[]", **values))
    else:
        conn.execute(update(t.conflicts).where(c.conflict_id == cid).values(**values))


def record_resolution(conn: Connection, event: Event) -> set[Changed]:
    """Project `conflict.resolved`: add the resolution; the status follows from what it covers."""
    p = event.payload
    cid = p["conflict_id"]
    c = t.conflicts.c
    resolution = {"event_id": event.event_id, "actor": event.actor, "hlc": event.hlc,
                  "decision": p["decision"], "note": p.get("note", ""),
                  "covers": sorted(p.get("covers", []))}
    row = conn.execute(select(t.conflicts).where(c.conflict_id == cid)).first()
    if row is None:  # the conflict itself has not reached this counter yet: keep the resolution
        code, _, entity_id = cid.partition("|")
        conn.execute(insert(t.conflicts).values(
            conflict_id=cid, code=code, entity_id=entity_id, store_id=event.store_id,
            status=OPEN, first_hlc="", events="[]", detail="{}",
            resolutions=json.dumps([resolution], sort_keys=True, ensure_ascii=False)))
        return {Changed.CONFLICTS}
    events = json.loads(row.events)
    resolutions = [r for r in json.loads(row.resolutions) if r["event_id"] != event.event_id]
    resolutions.append(resolution)
    resolutions.sort(key=lambda r: (r["hlc"], r["event_id"]))
    conn.execute(update(t.conflicts).where(c.conflict_id == cid).values(
        resolutions=json.dumps(resolutions, sort_keys=True, ensure_ascii=False),
        status=_status(events, resolutions)))
    return {Changed.CONFLICTS}


def open_conflicts(conn: Connection, *, include_resolved: bool = False) -> list[Conflict]:
    """For the manager's list: newest first, with the events and resolutions decoded."""
    q = select(t.conflicts)
    if not include_resolved:
        q = q.where(t.conflicts.c.status == OPEN)
    rows = conn.execute(q.order_by(t.conflicts.c.first_hlc.desc(), t.conflicts.c.conflict_id))
    return [Conflict(
        conflict_id=r.conflict_id, code=r.code, entity_id=r.entity_id, store_id=r.store_id,
        status=r.status, first_hlc=r.first_hlc,
        events=tuple(ConflictEvent(**e) for e in json.loads(r.events)),
        resolutions=tuple(Resolution(**{**res, "covers": tuple(res.get("covers", []))})
                          for res in json.loads(r.resolutions)),
        detail=json.loads(r.detail),
    ) for r in rows]


def count_open(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.count()).select_from(t.conflicts)
                            .where(t.conflicts.c.status == OPEN)).scalar_one())
