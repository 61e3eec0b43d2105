"""Projection of imported repair history (desk/repairs/history.py): a closed ticket row, its
history row and its clocks row. The ticket row has no checklist, so nothing recomputes its
status: it stays archived (repaired) or returned (unrepaired)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from desk.platform.batch import once_per_batch, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event
from desk.platform.projections import rivals, unique_fact
from desk.repairs import tables as repairs_t
from desk.repairs.clocks import recompute_clocks


def imported(conn: Connection, e: Event) -> set[Changed]:
    if _opened_here(conn, e.entity_id):  # a ticket.opened is no rival of the same kind
        # another counter opened a ticket under the same code: the opened one stays (the
        # other order: desk/repairs/projections.py, _displace_import)
        record_conflict(conn, "ticket.duplicate_code", e.entity_id, e.store_id,
                        [*rivals(conn, "ticket.opened", e.entity_id), e])
        return {Changed.TICKETS, Changed.CONFLICTS}
    return {Changed.TICKETS} | unique_fact(conn, e, repairs_t.tickets, "code",
                                           "ticket.duplicate_code", _insert,
                                           children=(repairs_t.ticket_history,))


_tk, _hist = repairs_t.tickets.c, repairs_t.ticket_history.c
# built once: every imported repair asks it
_ROW_AND_IMPORT = (select(_tk.code, _hist.code.label("imported"))
                   .select_from(repairs_t.tickets.outerjoin(repairs_t.ticket_history,
                                                            _hist.code == _tk.code))
                   .where(_tk.code == bindparam("code")))


def _opened_here(conn: Connection, code: str) -> bool:
    """A ticket row under `code` that is not an import (it has no history row)."""
    row = conn.execute(_ROW_AND_IMPORT, {"code": code}).first()
    return row is not None and row.imported is None


def _insert(conn: Connection, e: Event) -> None:
    p = e.payload
    repaired = p["outcome"] == "repaired"
    conn.execute(plain_insert(repairs_t.tickets), dict(
        code=p["code"], store_id=e.store_id, receipt_no=p.get("receipt_no"),
        customer_id=p.get("customer_id"), sku=p["sku"], serial=p.get("serial", ""),
        fault=p["fault"], service_level=p["service_level"],
        status="archived" if repaired else "returned", step=9, opened_at=p["opened_at"],
        promised_date=p["closed_at"][:10], opened_by=e.actor, checklist_kind="",
        checklist_version="", closed_at=p["closed_at"], previous_code="",
        fault_kind=p.get("fault_kind", ""), warranty=""))
    conn.execute(plain_insert(repairs_t.ticket_history), dict(
        code=p["code"], source=p["source"], outcome=p["outcome"],
        charged_fen=int(p["charged_fen"]), imported_at=p["imported_at"], imported_by=e.actor))
    once_per_batch(conn, recompute_clocks, p["code"])
