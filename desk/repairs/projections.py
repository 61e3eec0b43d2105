"""Projection of repair tickets."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.projections import unique_fact
from desk.platform.registry import Projector
from desk.repairs import tables as repairs_t


def _ticket(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.TICKETS} | unique_fact(
        conn, e, repairs_t.tickets, "code", "ticket.duplicate_code", _insert_ticket
    )


def _insert_ticket(conn: Connection, e: Event) -> None:
    p = e.payload
    conn.execute(
        insert(repairs_t.tickets).values(
            code=p["code"],
            store_id=e.store_id,
            receipt_no=p.get("receipt_no"),
            customer_id=p.get("customer_id"),
            sku=p["sku"],
            serial=p.get("serial", ""),
            fault=p["fault"],
            service_level=p["service_level"],
            status="open",
            step=1,
            opened_at=p["opened_at"],
            promised_date=p["promised_date"],
            opened_by=e.actor,
        )
    )


PROJECTORS: dict[str, Projector] = {
    "ticket.opened": _ticket,
}
