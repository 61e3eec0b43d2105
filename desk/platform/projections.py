"""Projections: each event kind updates the tables it feeds and names what changed.

Replaying the whole journal through these functions must give the same tables (`desk db rebuild`).
Facts are inserted; editable fields are last-writer-wins per field by HLC.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from desk.lookup.keys import pinyin_keys
from desk.platform import tables as t
from desk.platform.events import Event
from desk.platform.journal import iter_events
from desk.sync.conflicts import check_invariants, record_conflict, record_resolution

Projector = Callable[[Connection, Event], set[str]]
PROJECTORS: dict[str, Projector] = {}


def projects(kind: str) -> Callable[[Projector], Projector]:
    def register(fn: Projector) -> Projector:
        PROJECTORS[kind] = fn
        return fn

    return register


def apply_event(conn: Connection, event: Event) -> set[str]:
    """Project one event; kinds this version does not know (newer software) change nothing.
    Then run the invariants registered for its kind (desk/sync/conflicts.py)."""
    projector = PROJECTORS.get(event.kind)
    changed = projector(conn, event) if projector else set()
    return changed | check_invariants(conn, event)


# --- events from several counters (sync, issue 6) ----------------------------------------------
# Two counters may record, offline, a fact with the same key (a receipt number, a customer id, a
# ticket code). Such projections must not fail and must come out the same on every counter
# whatever order the events arrive in: the row follows a deterministic winner among all events of
# that kind and entity in the journal, and differing contents become a recorded conflict.


def _rivals(conn: Connection, kind: str, entity_id: str) -> list[Event]:
    from desk.platform.journal import event_from_row

    j = t.journal.c
    rows = conn.execute(select(t.journal).where(j.entity_id == entity_id, j.kind == kind)).all()
    return sorted((event_from_row(r) for r in rows), key=lambda e: (e.hlc, e.event_id))


def _differ(events: list[Event], ignore: tuple[str, ...] = ()) -> bool:
    contents = {(e.store_id, json.dumps({k: v for k, v in e.payload.items() if k not in ignore},
                                        sort_keys=True)) for e in events}
    return len(contents) > 1


def _unique_fact(conn: Connection, e: Event, table: Any, key: str, code: str,
                 insert_fn: Callable[[Connection, Event], None],
                 children: tuple[Any, ...] = ()) -> set[str]:
    """Insert the fact, or (its key is taken) re-project the first one by HLC and record a
    conflict when the contents differ. Returns {"conflicts"} when one was recorded."""
    exists = conn.execute(select(table.c[key]).where(table.c[key] == e.entity_id)).first()
    if exists is None:
        insert_fn(conn, e)
        return set()
    rivals = _rivals(conn, e.kind, e.entity_id)
    changed: set[str] = set()
    if _differ(rivals):
        record_conflict(conn, code, e.entity_id, e.store_id, rivals)
        changed.add("conflicts")
    for tbl in (*children, table):
        conn.execute(delete(tbl).where(tbl.c[key] == e.entity_id))
    insert_fn(conn, rivals[0] if rivals else e)
    return changed


def _last_writer(conn: Connection, e: Event) -> Event:
    """The newest (by HLC) event of this kind and entity: for upserted reference data."""
    rivals = _rivals(conn, e.kind, e.entity_id)
    return rivals[-1] if rivals else e


@projects("conflict.resolved")
def _conflict_resolved(conn: Connection, e: Event) -> set[str]:
    return record_resolution(conn, e)


def rebuild(conn: Connection) -> int:
    """Empty every projection table and replay the journal into them. Returns events replayed."""
    for table in reversed(t.PROJECTION_TABLES):
        conn.execute(delete(table))
    count = 0
    for event in iter_events(conn):
        apply_event(conn, event)
        count += 1
    return count


def _upsert(conn: Connection, table: Any, key: str, row: dict[str, Any]) -> None:
    exists = conn.execute(select(table.c[key]).where(table.c[key] == row[key])).first()
    if exists:
        conn.execute(update(table).where(table.c[key] == row[key]).values(**row))
    else:
        conn.execute(insert(table).values(**row))


@projects("store.registered")
def _store(conn: Connection, e: Event) -> set[str]:
    e = _last_writer(conn, e)  # every counter of a store registers it: the newest words win
    p = e.payload
    _upsert(conn, t.stores, "store_id", {
        "store_id": p["store_id"], "name": p["name"],
        "address": p.get("address", ""), "tracking_url": p.get("tracking_url", ""),
    })
    return {"stores"}


@projects("device.registered")
def _device(conn: Connection, e: Event) -> set[str]:
    p = e.payload
    _upsert(conn, t.devices, "device_id",
            {"device_id": p["device_id"], "store_id": p["store_id"], "name": p["name"]})
    return {"devices"}


@projects("staff.registered")
def _staff(conn: Connection, e: Event) -> set[str]:
    p = e.payload
    exists = conn.execute(select(t.staff.c.staff_id)
                          .where(t.staff.c.staff_id == p["staff_id"])).first()
    if exists is None:
        conn.execute(insert(t.staff).values(
            staff_id=p["staff_id"], store_id=e.store_id, name=p["name"], role=p["role"],
            pin_hash=p["pin_hash"], active=True,
        ))
        return {"staff"}
    # The same staff id registered on two counters: the first registration by HLC, then every
    # later PIN change and deactivation, recomputed from the journal; and a recorded conflict.
    rivals = _rivals(conn, e.kind, e.entity_id)
    if len(rivals) > 1:  # PIN hashes are salted: two registrations always differ
        record_conflict(conn, "staff.duplicate_id", e.entity_id, e.store_id, rivals)
    first = rivals[0] if rivals else e
    pins = _rivals(conn, "staff.pin_changed", e.entity_id)
    off = _rivals(conn, "staff.deactivated", e.entity_id)
    conn.execute(update(t.staff).where(t.staff.c.staff_id == p["staff_id"]).values(
        store_id=first.store_id, name=first.payload["name"], role=first.payload["role"],
        pin_hash=pins[-1].payload["pin_hash"] if pins else first.payload["pin_hash"],
        active=not off))
    return {"staff", "conflicts"}


@projects("staff.pin_changed")
def _staff_pin(conn: Connection, e: Event) -> set[str]:
    e = _last_writer(conn, e)  # changed on two counters: the newest PIN by HLC
    conn.execute(update(t.staff).where(t.staff.c.staff_id == e.entity_id)
                 .values(pin_hash=e.payload["pin_hash"]))
    conn.execute(delete(t.staff_auth).where(t.staff_auth.c.staff_id == e.entity_id))
    return {"staff"}


@projects("staff.deactivated")
def _staff_off(conn: Connection, e: Event) -> set[str]:
    conn.execute(update(t.staff).where(t.staff.c.staff_id == e.entity_id).values(active=False))
    return {"staff"}


def _set_auth(conn: Connection, staff_id: str, **values: int) -> None:
    row = {"staff_id": staff_id, "failed_count": 0, "locked_until_ms": 0, "last_login_ms": 0}
    current = conn.execute(select(t.staff_auth).where(t.staff_auth.c.staff_id == staff_id)).first()
    if current:
        row.update(current._asdict())
    row.update(values)
    _upsert(conn, t.staff_auth, "staff_id", row)


@projects("staff.login_failed")
def _login_failed(conn: Connection, e: Event) -> set[str]:
    _set_auth(conn, e.entity_id, failed_count=e.payload["failed_count"],
              locked_until_ms=e.payload["locked_until_ms"])
    return {"staff_auth"}


@projects("staff.logged_in")
def _logged_in(conn: Connection, e: Event) -> set[str]:
    _set_auth(conn, e.entity_id, failed_count=0, locked_until_ms=0,
              last_login_ms=e.payload["at_ms"])
    return {"staff_auth"}


@projects("category.defined")
def _category(conn: Connection, e: Event) -> set[str]:
    e = _last_writer(conn, e)
    p = e.payload
    _upsert(conn, t.categories, "category_id",
            {"category_id": p["category_id"], "name": p["name"], "kind": p["kind"]})
    return {"categories"}


@projects("product.registered")
def _product(conn: Connection, e: Event) -> set[str]:
    return {"products"} | _unique_fact(conn, e, t.products, "sku", "product.duplicate_sku",
                                       _insert_product)


def _insert_product(conn: Connection, e: Event) -> None:
    p = e.payload
    full, initials = pinyin_keys(p["name"])
    conn.execute(insert(t.products).values(
        sku=p["sku"], barcode=p.get("barcode", ""), name=p["name"], name_pinyin=full,
        name_initials=initials, category_id=p["category_id"], price_fen=p["price_fen"],
    ))


CUSTOMER_FIELDS = ("name", "phone", "member_id", "note")


def _customer_derived(fields: dict[str, Any]) -> dict[str, Any]:
    derived: dict[str, Any] = {}
    if "name" in fields:
        derived["name_pinyin"], derived["name_initials"] = pinyin_keys(fields["name"])
    if "phone" in fields:
        derived["phone_last4"] = fields["phone"][-4:]
    return derived


@projects("customer.registered")
def _customer(conn: Connection, e: Event) -> set[str]:
    fields = {k: e.payload.get(k, "") for k in CUSTOMER_FIELDS}
    exists = conn.execute(select(t.customers.c.customer_id)
                          .where(t.customers.c.customer_id == e.entity_id)).first()
    if exists is not None:
        # Registered on two counters: each registration writes every field, last writer wins by
        # HLC (as for edits); differing registrations are a recorded conflict.
        rivals = _rivals(conn, e.kind, e.entity_id)
        changed = {"customers"}
        if _differ(rivals):
            record_conflict(conn, "customer.duplicate_id", e.entity_id, e.store_id, rivals)
            changed.add("conflicts")
        return changed | _customer_update(conn, Event(**{**e.body(), "hash": e.hash,
                                                          "payload": {"fields": fields}}))
    conn.execute(insert(t.customers).values(
        customer_id=e.entity_id, **fields, **_customer_derived(fields),
        field_hlc=json.dumps(dict.fromkeys(CUSTOMER_FIELDS, e.hlc), sort_keys=True),
    ))
    return {"customers"}


@projects("customer.updated")
def _customer_update(conn: Connection, e: Event) -> set[str]:
    row = conn.execute(select(t.customers.c.field_hlc)
                       .where(t.customers.c.customer_id == e.entity_id)).first()
    if row is None:
        return set()
    stamps: dict[str, str] = json.loads(row.field_hlc)
    winners = {k: v for k, v in e.payload["fields"].items()
               if k in CUSTOMER_FIELDS and e.hlc > stamps.get(k, "")}
    if not winners:
        return set()  # an older edit arriving late: the newer value stays
    stamps.update(dict.fromkeys(winners, e.hlc))
    conn.execute(update(t.customers).where(t.customers.c.customer_id == e.entity_id).values(
        **winners, **_customer_derived(winners), field_hlc=json.dumps(stamps, sort_keys=True)))
    return {"customers"}


@projects("sale.recorded")
def _sale(conn: Connection, e: Event) -> set[str]:
    return {"receipts"} | _unique_fact(
        conn, e, t.receipts, "receipt_no", "sale.duplicate_receipt", _insert_sale,
        children=(t.receipt_lines, t.receipt_tenders, t.receipt_promotions))


def _insert_sale(conn: Connection, e: Event) -> None:
    p = e.payload
    no = p["receipt_no"]
    conn.execute(insert(t.receipts).values(
        receipt_no=no, store_id=e.store_id, sold_at=p["sold_at"],
        business_date=p["sold_at"][:10], customer_id=p.get("customer_id"),
        list_total_fen=p["list_total_fen"], discount_fen=p["discount_fen"],
        paid_fen=p["paid_fen"], points_earned=p.get("points_earned", 0),
    ))
    conn.execute(insert(t.receipt_lines), [
        {"receipt_no": no, "line_no": ln["line_no"], "sku": ln["sku"], "name": ln["name"],
         "qty": ln["qty"], "unit_price_fen": ln["unit_price_fen"],
         "line_discount_fen": ln.get("line_discount_fen", 0), "serial": ln.get("serial", ""),
         "is_gift": ln.get("is_gift", False), "gift_value_fen": ln.get("gift_value_fen", 0)}
        for ln in p["lines"]
    ])
    conn.execute(insert(t.receipt_tenders), [
        {"receipt_no": no, "position": i, "tender": td["tender"],
         "amount_fen": td["amount_fen"], "reference": td.get("reference", "")}
        for i, td in enumerate(p["tenders"], start=1)
    ])
    if p.get("promotions"):
        conn.execute(insert(t.receipt_promotions), [
            {"receipt_no": no, "position": i, "kind": pr["kind"],
             "description": pr["description"], "amount_fen": pr["amount_fen"]}
            for i, pr in enumerate(p["promotions"], start=1)
        ])


@projects("ticket.opened")
def _ticket(conn: Connection, e: Event) -> set[str]:
    return {"tickets"} | _unique_fact(conn, e, t.tickets, "code", "ticket.duplicate_code",
                                      _insert_ticket)


def _insert_ticket(conn: Connection, e: Event) -> None:
    p = e.payload
    conn.execute(insert(t.tickets).values(
        code=p["code"], store_id=e.store_id, receipt_no=p.get("receipt_no"),
        customer_id=p.get("customer_id"), sku=p["sku"], serial=p.get("serial", ""),
        fault=p["fault"], service_level=p["service_level"], status="open", step=1,
        opened_at=p["opened_at"], promised_date=p["promised_date"], opened_by=e.actor,
    ))


# Returns, refunds, compensation and approvals (issue 5) and signatures (issue 3) register their
# projectors there.
from desk.signatures import projections as projections_signatures  # noqa: E402,F401
