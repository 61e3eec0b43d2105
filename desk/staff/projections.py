"""Projections of staff facts: registrations, PIN changes, deactivations, log-ins."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from desk.platform.batch import no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event
from desk.platform.projections import last_writer, rivals, upsert
from desk.platform.registry import Projector
from desk.staff import tables as staff_t


def _staff(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    exists = not (p["staff_id"] == e.entity_id and no_rival(conn, e)) and conn.execute(
        select(staff_t.staff.c.staff_id).where(staff_t.staff.c.staff_id == p["staff_id"])).first()
    if not exists:
        conn.execute(plain_insert(staff_t.staff), dict(
            staff_id=p["staff_id"], store_id=e.store_id, name=p["name"], role=p["role"],
            pin_hash=p["pin_hash"], active=True,
        ))
        return {Changed.STAFF}
    # The same staff id registered on two counters: the first registration by HLC, then every
    # later PIN change and deactivation, recomputed from the journal; and a recorded conflict.
    registrations = rivals(conn, e.kind, e.entity_id)
    if len(registrations) > 1:  # PIN hashes are salted: two registrations always differ
        record_conflict(conn, "staff.duplicate_id", e.entity_id, e.store_id, registrations)
    first = registrations[0] if registrations else e
    pins = rivals(conn, "staff.pin_changed", e.entity_id)
    off = rivals(conn, "staff.deactivated", e.entity_id)
    conn.execute(update(staff_t.staff).where(staff_t.staff.c.staff_id == p["staff_id"]).values(
        store_id=first.store_id, name=first.payload["name"], role=first.payload["role"],
        pin_hash=pins[-1].payload["pin_hash"] if pins else first.payload["pin_hash"],
        active=not off))
    return {Changed.CONFLICTS, Changed.STAFF}


def _staff_pin(conn: Connection, e: Event) -> set[Changed]:
    e = last_writer(conn, e)  # changed on two counters: the newest PIN by HLC
    conn.execute(update(staff_t.staff).where(staff_t.staff.c.staff_id == e.entity_id)
                 .values(pin_hash=e.payload["pin_hash"]))
    conn.execute(delete(staff_t.staff_auth).where(staff_t.staff_auth.c.staff_id == e.entity_id))
    return {Changed.STAFF}


def _staff_off(conn: Connection, e: Event) -> set[Changed]:
    conn.execute(
        update(staff_t.staff).where(staff_t.staff.c.staff_id == e.entity_id).values(active=False)
    )
    return {Changed.STAFF}


def _set_auth(conn: Connection, staff_id: str, **values: int) -> None:
    row = {"staff_id": staff_id, "failed_count": 0, "locked_until_ms": 0, "last_login_ms": 0}
    current = conn.execute(
        select(staff_t.staff_auth).where(staff_t.staff_auth.c.staff_id == staff_id)
    ).first()
    if current:
        row.update(current._asdict())
    row.update(values)
    upsert(conn, staff_t.staff_auth, "staff_id", row)


def _login_failed(conn: Connection, e: Event) -> set[Changed]:
    _set_auth(
        conn,
        e.entity_id,
        failed_count=e.payload["failed_count"],
        locked_until_ms=e.payload["locked_until_ms"],
    )
    return {Changed.LOGINS}


def _logged_in(conn: Connection, e: Event) -> set[Changed]:
    _set_auth(
        conn, e.entity_id, failed_count=0, locked_until_ms=0, last_login_ms=e.payload["at_ms"]
    )
    return {Changed.LOGINS}


PROJECTORS: dict[str, Projector] = {
    "staff.registered": _staff,
    "staff.pin_changed": _staff_pin,
    "staff.deactivated": _staff_off,
    "staff.login_failed": _login_failed,
    "staff.logged_in": _logged_in,
}
