"""What the counter's repair screens read: the documents a customer signs, built by the core
from the ticket's facts (the intake, the quote in force, the completion), and the day's
completion data for the certificate; the follow-up calls due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.platform.errors import DeskError
from desk.repairs import tables as repairs_t
from desk.repairs.queries import ticket_record
from desk.repairs.rules import EXPLANATION_STEP

FOLLOW_UP_STEP = EXPLANATION_STEP + 1
FOLLOW_UP_WITHIN = timedelta(hours=48)

SIGNABLE = ("intake", "quote", "completion")


@dataclass(frozen=True)
class RepairDocument:
    kind: str  # intake, quote, completion: the signature's document_kind
    ref: str  # the ticket code: the signature's document_ref
    document_sha256: str  # what the core will check the signature against
    amount_fen: int  # the quote's charge (0 for the intake)


def signable_repair(conn: Connection, code: str, kind: str) -> RepairDocument:
    """The document of `kind` for ticket `code` as the core hashes it now."""
    record = ticket_record(conn, code.strip())
    if record is None:
        raise DeskError("ticket.unknown", code=code)
    if kind not in SIGNABLE:
        raise DeskError("value.invalid", field="document_kind", reason="intake, quote, completion")
    quote = record.quote
    if kind == "intake":
        return RepairDocument(kind, record.code, record.intake_sha256, 0)
    if quote is None:
        raise DeskError("repair.quote_missing")
    if kind == "quote":
        return RepairDocument(kind, record.code, quote.sha256, quote.charged_fen)
    return RepairDocument(kind, record.code, record.completion_sha256, quote.charged_fen)


def next_ticket_code(conn: Connection, today: date) -> str:
    """`T` + YYMMDD + a 4-digit number, the next free one of the day on this database."""
    prefix = f"T{today:%y%m%d}"
    tk = repairs_t.tickets.c
    count = conn.execute(select(func.count()).select_from(repairs_t.tickets)
                         .where(tk.code.like(f"{prefix}%"))).scalar_one()
    number = int(count) + 1
    while conn.execute(select(tk.code).where(tk.code == f"{prefix}{number:04d}")).first():
        number += 1
    return f"{prefix}{number:04d}"


@dataclass(frozen=True)
class FollowUpCall:
    code: str
    product_name: str | None
    serial: str
    customer_name: str | None
    phone: str  # the number to call ("" without a customer)
    picked_up_at: str  # the last demonstration of step 7 (local time, ISO seconds)
    due_by: str  # picked_up_at + 48 h


def follow_up_calls(conn: Connection, now: datetime, limit: int = 200) -> list[FollowUpCall]:
    """The calls to make: open tickets picked up (step 7's demonstrations done) within the last
    48 h of `now` (the clock's local time) whose follow-up step is not done, the soonest due
    first."""
    tk, ck = repairs_t.tickets.c, repairs_t.ticket_checks.c
    p, cu = catalog_t.products.c, catalog_t.customers.c
    picked = (select(ck.ticket_code, func.max(ck.at).label("at"))
              .where(ck.step == EXPLANATION_STEP).group_by(ck.ticket_code).subquery())
    since = (now - FOLLOW_UP_WITHIN).isoformat(timespec="seconds")
    rows = conn.execute(
        select(tk.code, tk.serial, p.name.label("product_name"), cu.name.label("customer_name"),
               cu.phone, picked.c.at)
        .select_from(repairs_t.tickets.join(picked, picked.c.ticket_code == tk.code)
                     .outerjoin(catalog_t.products, p.sku == tk.sku)
                     .outerjoin(catalog_t.customers, cu.customer_id == tk.customer_id))
        .where(tk.status == "open", tk.step == FOLLOW_UP_STEP, picked.c.at >= since)
        .order_by(picked.c.at, tk.code)
        .limit(limit))
    return [FollowUpCall(r.code, r.product_name, r.serial, r.customer_name, r.phone or "", r.at,
                         (datetime.fromisoformat(r.at) + FOLLOW_UP_WITHIN)
                         .isoformat(timespec="seconds"))
            for r in rows]
