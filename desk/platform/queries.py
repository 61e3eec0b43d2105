"""Read-side queries shared by handlers, the CLI and the app. Plain rows and dicts out."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from desk.platform import tables as t
from desk.platform.db import get_setting


def staff_row(conn: Connection, staff_id: str) -> Row[Any] | None:
    return conn.execute(select(t.staff).where(t.staff.c.staff_id == staff_id)).first()


def exists(conn: Connection, table: Any, key: str, value: Any) -> bool:
    return conn.execute(select(table.c[key]).where(table.c[key] == value)).first() is not None


def counter_info(conn: Connection) -> dict[str, Any]:
    """Who this counter is: store and device names, for the title and status bar."""
    store_id = get_setting(conn, "store_id")
    device_id = get_setting(conn, "device_id")
    store = conn.execute(select(t.stores).where(t.stores.c.store_id == store_id)).first()
    device = conn.execute(select(t.devices).where(t.devices.c.device_id == device_id)).first()
    return {
        "store_id": store_id,
        "store_name": store.name if store else "",
        "device_id": device_id,
        "device_name": device.name if device else "",
        "demo_logins": get_setting(conn, "demo_logins"),
    }


def staff_list(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(t.staff.c.staff_id, t.staff.c.name, t.staff.c.role, t.staff.c.active)
                        .order_by(t.staff.c.staff_id))
    return [dict(r._mapping) for r in rows]


def recent_receipts(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    c = t.customers.c
    rows = conn.execute(
        select(t.receipts.c.receipt_no, t.receipts.c.sold_at, t.receipts.c.paid_fen,
               c.name.label("customer_name"))
        .select_from(t.receipts.outerjoin(t.customers,
                                          t.customers.c.customer_id == t.receipts.c.customer_id))
        .order_by(t.receipts.c.sold_at.desc())
        .limit(limit)
    )
    return [dict(r._mapping) for r in rows]


def open_tickets(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    tk, p = t.tickets.c, t.products.c
    rows = conn.execute(
        select(tk.code, tk.opened_at, tk.promised_date, tk.service_level, tk.step, tk.fault,
               p.name.label("product_name"))
        .select_from(t.tickets.outerjoin(t.products, p.sku == tk.sku))
        .where(tk.status == "open")
        .order_by(tk.promised_date, tk.code)
        .limit(limit)
    )
    return [dict(r._mapping) for r in rows]


def journal_summary(conn: Connection) -> dict[str, int]:
    j = t.journal.c
    events = conn.execute(select(func.count()).select_from(t.journal)).scalar_one()
    devices = conn.execute(select(func.count(func.distinct(j.device_id)))).scalar_one()
    return {"events": int(events), "devices": int(devices)}


def table_counts(conn: Connection) -> dict[str, int]:
    return {table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in t.PROJECTION_TABLES}
