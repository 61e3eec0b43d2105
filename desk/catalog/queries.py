"""Read-side queries of the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.platform.settings import get_setting


@dataclass(frozen=True)
class CounterInfo:
    """Who this counter is: store and device names, for the title and status bar."""

    store_id: str | None
    store_name: str
    device_id: str | None
    device_name: str
    demo_logins: str | None


def counter_info(conn: Connection) -> CounterInfo:
    store_id = get_setting(conn, "store_id")
    device_id = get_setting(conn, "device_id")
    stores, devices = catalog_t.stores, catalog_t.devices
    store = conn.execute(select(stores).where(stores.c.store_id == store_id)).first()
    device = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    return CounterInfo(
        store_id=store_id,
        store_name=store.name if store else "",
        device_id=device_id,
        device_name=device.name if device else "",
        demo_logins=get_setting(conn, "demo_logins"),
    )


@dataclass(frozen=True)
class StoreFacts:
    name: str
    address: str = ""
    tracking_url: str = ""


@dataclass(frozen=True)
class CustomerContact:
    customer_id: str
    name: str
    phone: str
    member_id: str


def this_store(conn: Connection) -> StoreFacts:
    """This counter's store (its header on paper)."""
    stores = catalog_t.stores
    row = conn.execute(select(stores)
                       .where(stores.c.store_id == get_setting(conn, "store_id"))).first()
    if row is None:
        return StoreFacts(name="")
    return StoreFacts(name=row.name, address=row.address, tracking_url=row.tracking_url)


def customer_contact(conn: Connection, customer_id: str | None) -> CustomerContact | None:
    if not customer_id:
        return None
    c = catalog_t.customers
    row = conn.execute(select(c).where(c.c.customer_id == customer_id)).first()
    if row is None:
        return None
    return CustomerContact(row.customer_id, row.name, row.phone, row.member_id)


_CHUNK = 500  # keys per IN (...) query


def store_names(conn: Connection, store_ids: set[str]) -> dict[str, str]:
    """The name of each store this counter knows (head office knows every store that synced)."""
    st = catalog_t.stores.c
    rows = conn.execute(select(st.store_id, st.name).where(st.store_id.in_(sorted(store_ids))))
    return {r.store_id: r.name for r in rows}


def product_names(conn: Connection, skus: set[str]) -> dict[str, str]:
    """The catalogue's name of each known sku (unknown skus are absent)."""
    p = catalog_t.products.c
    out: dict[str, str] = {}
    ordered = sorted(skus)
    for i in range(0, len(ordered), _CHUNK):
        rows = conn.execute(select(p.sku, p.name).where(p.sku.in_(ordered[i:i + _CHUNK])))
        out.update({r.sku: r.name for r in rows})
    return out


# built once: every intake and sale asks them (building a select cost more than running it)
_CATEGORY_KIND = (select(catalog_t.categories.c.kind)
                  .select_from(catalog_t.products.join(
                      catalog_t.categories,
                      catalog_t.categories.c.category_id == catalog_t.products.c.category_id))
                  .where(catalog_t.products.c.sku == bindparam("sku")))
_CUSTOMER_KNOWN = select(catalog_t.customers.c.customer_id).where(
    catalog_t.customers.c.customer_id == bindparam("customer_id"))


def product_category_kind(conn: Connection, sku: str) -> str | None:
    """The kind of the product's category (fresh_food, clothing, ...); None for an unknown sku."""
    row = conn.execute(_CATEGORY_KIND, {"sku": sku}).first()
    return None if row is None else str(row.kind)


def known_customers(conn: Connection, customer_ids: set[str]) -> set[str]:
    c = catalog_t.customers.c
    if len(customer_ids) == 1:  # a command's one customer
        (one,) = customer_ids
        return {one} if conn.execute(_CUSTOMER_KNOWN, {"customer_id": one}).first() else set()
    found: set[str] = set()
    ordered = sorted(customer_ids)
    for i in range(0, len(ordered), _CHUNK):
        found.update(r[0] for r in conn.execute(
            select(c.customer_id).where(c.customer_id.in_(ordered[i:i + _CHUNK]))))
    return found


def customers_by_phone(conn: Connection, phones: set[str]) -> dict[str, str]:
    """The customer id of each phone number (the lowest id when several share one)."""
    c = catalog_t.customers.c
    out: dict[str, str] = {}
    ordered = sorted(phones)
    for i in range(0, len(ordered), _CHUNK):
        rows = conn.execute(select(c.phone, c.customer_id)
                            .where(c.phone.in_(ordered[i:i + _CHUNK])).order_by(c.customer_id))
        for phone, customer_id in rows:
            out.setdefault(phone, customer_id)
    return out
