"""What the counter's repair screens read: the documents a customer signs, built by the core
from the ticket's facts (the intake, the quote in force, the completion), and the day's
completion data for the certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desk.platform.errors import DeskError
from desk.repairs import tables as repairs_t
from desk.repairs.queries import ticket_record

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
