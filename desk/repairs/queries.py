"""Read-side queries of repairs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.repairs import tables as repairs_t
from desk.repairs.rules import is_overdue


@dataclass(frozen=True)
class TicketSummary:
    code: str
    opened_at: str
    promised_date: str
    service_level: str
    step: int
    fault: str
    product_name: str | None
    overdue: bool


def open_tickets(conn: Connection, today: date, limit: int = 200) -> list[TicketSummary]:
    """Open tickets, the most urgent first; `today` is the store's date (the clock's)."""
    tk, p = repairs_t.tickets.c, catalog_t.products.c
    rows = conn.execute(
        select(tk.code, tk.opened_at, tk.promised_date, tk.service_level, tk.step, tk.fault,
               p.name.label("product_name"))
        .select_from(repairs_t.tickets.outerjoin(catalog_t.products, p.sku == tk.sku))
        .where(tk.status == "open")
        .order_by(tk.promised_date, tk.code)
        .limit(limit)
    )
    return [TicketSummary(r.code, r.opened_at, r.promised_date, r.service_level, r.step, r.fault,
                          r.product_name, is_overdue(r.promised_date, "open", today))
            for r in rows]


@dataclass(frozen=True)
class TicketDates:
    code: str
    promised_date: str
    customer_id: str | None


def ticket_dates(conn: Connection, code: str) -> TicketDates | None:
    """A ticket's promised date and customer (late-repair compensation)."""
    tk = repairs_t.tickets.c
    row = conn.execute(select(tk.code, tk.promised_date, tk.customer_id)
                       .where(tk.code == code)).first()
    return None if row is None else TicketDates(row.code, row.promised_date, row.customer_id)
