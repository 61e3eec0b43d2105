"""Projections of the catalogue: store, counters, categories, products, customers (each field
of a customer last-writer-wins by HLC)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.lookup.keys import name_suffixes, pinyin_keys
from desk.platform.batch import no_rival, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event
from desk.platform.projections import differ, last_writer, rivals, unique_fact, upsert
from desk.platform.registry import Projector


def _store(conn: Connection, e: Event) -> set[Changed]:
    e = last_writer(conn, e)  # every counter of a store registers it: the newest words win
    p = e.payload
    upsert(conn, catalog_t.stores, "store_id", {
        "store_id": p["store_id"], "name": p["name"],
        "address": p.get("address", ""), "tracking_url": p.get("tracking_url", ""),
    })
    return {Changed.STORE}


def _device(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    upsert(conn, catalog_t.devices, "device_id",
            {"device_id": p["device_id"], "store_id": p["store_id"], "name": p["name"]})
    return {Changed.STORE}


def _category(conn: Connection, e: Event) -> set[Changed]:
    e = last_writer(conn, e)
    p = e.payload
    upsert(conn, catalog_t.categories, "category_id",
            {"category_id": p["category_id"], "name": p["name"], "kind": p["kind"]})
    return {Changed.CATALOG}


def _product(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.CATALOG} | unique_fact(
        conn, e, catalog_t.products, "sku", "product.duplicate_sku", _insert_product
    )


def _insert_product(conn: Connection, e: Event) -> None:
    p = e.payload
    full, initials = pinyin_keys(p["name"])
    conn.execute(plain_insert(catalog_t.products), {
        "sku": p["sku"], "barcode": p.get("barcode", ""), "name": p["name"],
        "name_pinyin": full, "name_initials": initials, "category_id": p["category_id"],
        "price_fen": p["price_fen"],
    })
    # a rival registration re-projects the first one: its rows replace whatever was there
    _set_suffixes(conn, "product", p["sku"], p["name"], fresh=no_rival(conn, e))


_SUFFIXES = catalog_t.name_suffixes.c


def _set_suffixes(conn: Connection, kind: str, key: str, name: str, fresh: bool) -> None:
    """The name's rows for "contains" searches; `fresh`: the key can have none yet."""
    if not fresh:
        conn.execute(delete(catalog_t.name_suffixes)
                     .where(_SUFFIXES.kind == kind, _SUFFIXES.key == key))
    rows = [{"kind": kind, "field": field, "suffix": suffix, "key": key}
            for field, suffix in name_suffixes(name)]
    if rows:
        conn.execute(plain_insert(catalog_t.name_suffixes), rows)


def refill_suffixes(conn: Connection) -> None:
    """Every name's rows again, from the products' and customers' names as they stand: what the
    projectors above leave is a function of those names alone (the upgrade that adds the table:
    desk/platform/refill.py)."""
    p, c = catalog_t.products.c, catalog_t.customers.c
    for kind, statement in (("product", select(p.sku, p.name)),
                            ("customer", select(c.customer_id, c.name))):
        rows = [{"kind": kind, "field": field, "suffix": suffix, "key": key}
                for key, name in conn.execute(statement)
                for field, suffix in name_suffixes(name)]
        if rows:
            conn.execute(plain_insert(catalog_t.name_suffixes), rows)


CUSTOMER_FIELDS = ("name", "phone", "member_id", "note")


def _customer_derived(fields: dict[str, Any]) -> dict[str, Any]:
    derived: dict[str, Any] = {}
    if "name" in fields:
        derived["name_pinyin"], derived["name_initials"] = pinyin_keys(fields["name"])
    if "phone" in fields:
        derived["phone_last4"] = fields["phone"][-4:]
    return derived


def _customer(conn: Connection, e: Event) -> set[Changed]:
    fields = {k: e.payload.get(k, "") for k in CUSTOMER_FIELDS}
    exists = not no_rival(conn, e) and conn.execute(
        select(catalog_t.customers.c.customer_id).where(
            catalog_t.customers.c.customer_id == e.entity_id
        )
    ).first() is not None
    if exists:
        # Registered on two counters: each registration writes every field, last writer wins by
        # HLC (as for edits); differing registrations are a recorded conflict.
        registrations = rivals(conn, e.kind, e.entity_id)
        changed = {Changed.CUSTOMERS}
        if differ(registrations):
            record_conflict(conn, "customer.duplicate_id", e.entity_id, e.store_id, registrations)
            changed.add(Changed.CONFLICTS)
        return changed | _customer_update(
            conn, Event(**{**e.body(), "hash": e.hash, "payload": {"fields": fields}})
        )
    conn.execute(plain_insert(catalog_t.customers), {
        "customer_id": e.entity_id, **fields, **_customer_derived(fields),
        "field_hlc": json.dumps(dict.fromkeys(CUSTOMER_FIELDS, e.hlc), sort_keys=True),
    })
    _set_suffixes(conn, "customer", e.entity_id, fields["name"], fresh=True)
    return {Changed.CUSTOMERS}


def _customer_update(conn: Connection, e: Event) -> set[Changed]:
    row = conn.execute(
        select(catalog_t.customers.c.field_hlc).where(
            catalog_t.customers.c.customer_id == e.entity_id
        )
    ).first()
    if row is None:
        return set()
    stamps: dict[str, str] = json.loads(row.field_hlc)
    winners = {
        k: v
        for k, v in e.payload["fields"].items()
        if k in CUSTOMER_FIELDS and e.hlc > stamps.get(k, "")
    }
    if not winners:
        return set()  # an older edit arriving late: the newer value stays
    stamps.update(dict.fromkeys(winners, e.hlc))
    if "name" in winners:
        _set_suffixes(conn, "customer", e.entity_id, winners["name"], fresh=False)
    conn.execute(
        update(catalog_t.customers)
        .where(catalog_t.customers.c.customer_id == e.entity_id)
        .values(
            **winners, **_customer_derived(winners), field_hlc=json.dumps(stamps, sort_keys=True)
        )
    )
    return {Changed.CUSTOMERS}


PROJECTORS: dict[str, Projector] = {
    "store.registered": _store,
    "device.registered": _device,
    "category.defined": _category,
    "product.registered": _product,
    "customer.registered": _customer,
    "customer.updated": _customer_update,
}
