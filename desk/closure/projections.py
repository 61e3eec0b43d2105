"""Projection of closure.recorded: the closure row and the events it counted or listed late.

Two counters closing the same scope and day while offline both keep their facts: the first by
HLC is the closure, and a conflict (closure.duplicate) is recorded for the manager.
"""

from __future__ import annotations

import json

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from desk.closure import tables as closure_t
from desk.platform.batch import plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.projections import unique_fact
from desk.platform.registry import Projector


def _closure(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.CLOSURES} | unique_fact(conn, e, closure_t.closures, "closure_key",
                                            "closure.duplicate", _insert,
                                            (closure_t.closure_events,))


def _insert(conn: Connection, e: Event) -> None:
    p = e.payload
    key = e.entity_id
    conn.execute(plain_insert(closure_t.closures), dict(
        closure_key=key, event_id=e.event_id, store_id=e.store_id, scope=p["scope"],
        business_date=p["business_date"], z_number=int(p["z_number"]),
        closed_at=p["closed_at"], closed_by=e.actor, second_counter=p.get("second_counter", ""),
        recorded_on=e.device_id, fingerprint=p["fingerprint"],
        numbers=json.dumps(p["numbers"], sort_keys=True, ensure_ascii=False),
        confirm_unsynced=int(bool(p.get("confirm_unsynced"))), hlc=e.hlc))
    rows = [{"scope": p["scope"], "event_id": i, "closure_key": key, "role": "counted"}
            for i in p.get("counted_event_ids", [])]
    rows += [{"scope": p["scope"], "event_id": i, "closure_key": key, "role": "late"}
             for i in p.get("late_event_ids", [])]
    if rows:  # an event belongs to one closure of a scope; a rival closure may list it again
        conn.execute(sqlite_insert(closure_t.closure_events).on_conflict_do_nothing(), rows)


PROJECTORS: dict[str, Projector] = {"closure.recorded": _closure}
