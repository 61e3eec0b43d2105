"""Projection of repair tickets: the ticket row, the checklists tickets pin, and one row per
check, quote and sign-off fact (keyed by event id). After each fact the ticket's step and status
are recomputed from the set of its facts, so the result does not depend on arrival order."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from desk.platform.batch import once_per_batch, plain_insert
from desk.platform.changes import Changed
from desk.platform.conflicts import record_conflict
from desk.platform.events import Event, canonical_json
from desk.platform.projections import rivals, unique_fact
from desk.platform.registry import Projector
from desk.repairs import tables as repairs_t
from desk.repairs.queries import pinned_checklist
from desk.repairs.rules import CheckFact, Checklist, ChecklistState, checklist_state


def _ticket(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.TICKETS} | _displace_import(conn, e) | unique_fact(
        conn, e, repairs_t.tickets, "code", "ticket.duplicate_code", _insert_ticket
    )


_IMPORTED = select(repairs_t.ticket_history.c.code).where(
    repairs_t.ticket_history.c.code == bindparam("code"))


def _displace_import(conn: Connection, e: Event) -> set[Changed]:
    """The code was imported as history (desk/repairs/history.py) on another counter: the ticket
    opened keeps it and the import is a conflict — the same whichever of the two arrived first
    (desk/repairs/history_projection.py does the other order)."""
    if conn.execute(_IMPORTED, {"code": e.entity_id}).first() is None:
        return set()
    conn.execute(delete(repairs_t.ticket_history)
                 .where(repairs_t.ticket_history.c.code == e.entity_id))
    conn.execute(delete(repairs_t.tickets).where(repairs_t.tickets.c.code == e.entity_id))
    record_conflict(conn, "ticket.duplicate_code", e.entity_id, e.store_id,
                    [*rivals(conn, "ticket.imported", e.entity_id), e])
    return {Changed.CONFLICTS}


def _insert_ticket(conn: Connection, e: Event) -> None:
    p = e.payload
    conn.execute(
        plain_insert(repairs_t.tickets),
        dict(
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
            checklist_kind=p.get("checklist_kind", ""),
            checklist_version=p.get("checklist_version", ""),
            closed_at="",
            previous_code=p.get("previous_code", ""),
            fault_kind=p.get("fault_kind", ""),
            warranty=canonical_json(p["warranty"]) if p.get("warranty") else "",
        ),
    )
    once_per_batch(conn, recompute_tickets, p["code"])  # facts synced before their ticket


def _checklist(conn: Connection, e: Event) -> set[Changed]:
    p, c = e.payload, repairs_t.checklists.c
    body = p["checklist"]
    found = conn.execute(select(c.kind).where(c.kind == body["kind"],
                                              c.version == body["version"])).first()
    if found is None:  # two counters adopting the same version: the content is the same file
        conn.execute(plain_insert(repairs_t.checklists), dict(
            kind=body["kind"], version=body["version"], effective_from=body["effective_from"],
            sha256=p["sha256"], body=canonical_json(body)))
    return {Changed.TICKETS}


def _check(kind: str) -> Projector:
    def project(conn: Connection, e: Event) -> set[Changed]:
        p = e.payload
        conn.execute(plain_insert(repairs_t.ticket_checks), dict(
            event_id=e.event_id, ticket_code=e.entity_id, kind=kind, step=p["step"],
            check_id=p["check_id"], actor=e.actor, at=p["at"], hlc=e.hlc,
            evidence=canonical_json(p.get("evidence", {})), reason=p.get("reason", ""),
            approved_by=p.get("approved_by", ""), corrects=p.get("corrects", "")))
        once_per_batch(conn, recompute_tickets, e.entity_id)
        return {Changed.TICKETS}
    return project


def _quote(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    conn.execute(plain_insert(repairs_t.ticket_quotes), dict(
        event_id=e.event_id, ticket_code=e.entity_id, body=canonical_json(p["quote"]),
        sha256=p["sha256"], charged_fen=p["quote"]["charged_fen"],
        keeps_signature=p.get("keeps_signature", ""), actor=e.actor, at=p["at"], hlc=e.hlc))
    return {Changed.TICKETS}


def _signoff(kind: str) -> Projector:
    def project(conn: Connection, e: Event) -> set[Changed]:
        p = e.payload
        conn.execute(plain_insert(repairs_t.ticket_signoffs), dict(
            event_id=e.event_id, ticket_code=e.entity_id, kind=kind,
            document_sha256=p.get("document_sha256", ""), signature_id=p.get("signature_id", ""),
            reason=p.get("reason", ""), actor=e.actor, at=p["at"], hlc=e.hlc))
        for position, pay in enumerate(p.get("payments", [])):
            conn.execute(plain_insert(repairs_t.ticket_payments), dict(
                event_id=e.event_id, position=position, ticket_code=e.entity_id,
                tender=pay["tender"], amount_fen=int(pay["amount_fen"]), at=p["at"]))
        once_per_batch(conn, recompute_tickets, e.entity_id)
        return {Changed.TICKETS}
    return project


_tk, _ck, _so = repairs_t.tickets.c, repairs_t.ticket_checks.c, repairs_t.ticket_signoffs.c
_CODES: BindParameter[str] = bindparam("codes", expanding=True)
# Built once, and only the columns the step and status depend on (no evidence, quotes or
# sign-off documents): this runs for every ticket a command or a batch of events touched.
_TICKET_STATES = select(_tk.code, _tk.checklist_kind, _tk.checklist_version, _tk.step, _tk.status,
                        _tk.closed_at).where(_tk.code.in_(_CODES))
_CHECK_KEYS = select(_ck.ticket_code, _ck.event_id, _ck.hlc, _ck.kind, _ck.step, _ck.check_id,
                     _ck.actor, _ck.at, _ck.corrects).where(_ck.ticket_code.in_(_CODES))
_REFUSED_AT = select(_so.ticket_code, _so.at).where(_so.ticket_code.in_(_CODES),
                                                    _so.kind == "quote_refused")
_SET_STATE = (update(repairs_t.tickets).where(_tk.code == bindparam("ticket_code"))
              .values(step=bindparam("step"), status=bindparam("status"),
                      closed_at=bindparam("closed_at")))
_CHUNK = 400  # ticket codes per IN query


def recompute_tickets(conn: Connection, codes: list[str]) -> None:
    """Each ticket's step and status from the set of its facts (so once after a batch of them
    gives what once after each would); a row is written only when they change. Three queries per
    few hundred tickets, whatever the number of facts."""
    checklists: dict[tuple[str, str], Checklist | None] = {}
    blank: dict[tuple[str, str], ChecklistState] = {}  # the state with no facts
    for i in range(0, len(codes), _CHUNK):
        chunk = codes[i:i + _CHUNK]
        facts: dict[str, list[CheckFact]] = {}
        for f in conn.execute(_CHECK_KEYS, {"codes": chunk}):
            facts.setdefault(f.ticket_code, []).append(CheckFact(
                f.event_id, f.hlc, f.kind, f.step, f.check_id, f.actor, f.at,
                corrects=f.corrects))
        refused: dict[str, list[str]] = {}
        for r in conn.execute(_REFUSED_AT, {"codes": chunk}):
            refused.setdefault(r.ticket_code, []).append(r.at)
        changed = []
        for row in conn.execute(_TICKET_STATES, {"codes": chunk}).all():
            pin = (row.checklist_kind, row.checklist_version)
            if pin not in checklists:
                checklists[pin] = pinned_checklist(conn, *pin)
            checklist, mine = checklists[pin], facts.get(row.code, [])
            if checklist is None:
                # no facts move it (the handlers refuse them): a ticket opened before checklists
                # stays at step 1, an imported one stays closed (desk/repairs/history.py)
                continue
            if mine:
                state = checklist_state(checklist, mine)
            else:
                if pin not in blank:
                    blank[pin] = checklist_state(checklist, [])
                state = blank[pin]
            new = _status(state, mine, refused.get(row.code, []))
            if new != (row.step, row.status, row.closed_at):
                changed.append({"ticket_code": row.code, "step": new[0], "status": new[1],
                                "closed_at": new[2]})
        if changed:
            conn.execute(_SET_STATE, changed)


def _status(state: ChecklistState, facts: list[CheckFact],
            refused: list[str]) -> tuple[int, str, str]:
    """(step, status, closed_at) of a ticket."""
    step = state.current_step
    if refused:
        return min(step, 9), "returned", min(refused)
    if step > len(state.steps):
        return min(step, 9), "archived", max(f.at for f in facts)
    return min(step, 9), "open", ""


PROJECTORS: dict[str, Projector] = {
    "ticket.opened": _ticket,
    "checklist.adopted": _checklist,
    "ticket.check_recorded": _check("recorded"),
    "ticket.check_waived": _check("waived"),
    "ticket.check_corrected": _check("corrected"),
    "ticket.quote_proposed": _quote,
    "ticket.quote_signed": _signoff("quote_signed"),
    "ticket.quote_refused": _signoff("quote_refused"),
    "ticket.completion_signed": _signoff("completion_signed"),
}
