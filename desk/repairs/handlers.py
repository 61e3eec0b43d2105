"""Repairs: opening a ticket at the counter."""

from __future__ import annotations

from datetime import date

from desk.catalog.queries import known_customers, product_names
from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.platform.values import require
from desk.repairs import tables as repairs_t
from desk.repairs.commands import OpenTicket, TicketOpened
from desk.repairs.rules import SERVICE_LEVELS
from desk.sales.queries import receipt_exists


def open_ticket(cmd: OpenTicket, uow: UnitOfWork, ctx: Context) -> TicketOpened:
    code = require(cmd.code, "code")
    if exists(uow.conn, repairs_t.tickets, "code", code):
        raise DeskError("ticket.exists", code=code)
    if not product_names(uow.conn, {cmd.sku}):
        raise DeskError("product.unknown", sku=cmd.sku)
    if cmd.service_level not in SERVICE_LEVELS:
        raise DeskError("value.invalid", field="service_level", reason="simple, complex or major")
    try:
        date.fromisoformat(cmd.promised_date)
    except ValueError:
        raise DeskError("value.invalid", field="promised_date", reason="YYYY-MM-DD") from None
    if cmd.receipt_no and not receipt_exists(uow.conn, cmd.receipt_no):
        raise DeskError("receipt.unknown", receipt_no=cmd.receipt_no)
    if cmd.customer_id and not known_customers(uow.conn, {cmd.customer_id}):
        raise DeskError("customer.unknown", customer_id=cmd.customer_id)
    uow.record(
        "ticket.opened",
        code,
        {
            "code": code,
            "sku": cmd.sku,
            "serial": cmd.serial.strip(),
            "fault": require(cmd.fault, "fault"),
            "service_level": cmd.service_level,
            "promised_date": cmd.promised_date,
            "receipt_no": cmd.receipt_no,
            "customer_id": cmd.customer_id,
            "opened_at": ctx.clock.local_now().isoformat(timespec="seconds"),
        },
    )
    return TicketOpened(code)
