"""Projection of repair tickets: the ticket row, the checklists tickets pin, and one row per
check, quote and sign-off fact (keyed by event id). After each fact the ticket's step and status
are recomputed from the set of its facts, so the result does not depend on arrival order."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from desk.platform.batch import plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event, canonical_json
from desk.platform.projections import unique_fact
from desk.platform.registry import Projector
from desk.repairs import tables as repairs_t
from desk.repairs.queries import pinned_checklist
from desk.repairs.rules import CheckFact, checklist_state


def _ticket(conn: Connection, e: Event) -> set[Changed]:
    return {Changed.TICKETS} | unique_fact(
        conn, e, repairs_t.tickets, "code", "ticket.duplicate_code", _insert_ticket
    )


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
    _recompute(conn, p["code"])  # facts synced before their ticket


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
        _recompute(conn, e.entity_id)
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
        _recompute(conn, e.entity_id)
        return {Changed.TICKETS}
    return project


_tk, _ck, _so = repairs_t.tickets.c, repairs_t.ticket_checks.c, repairs_t.ticket_signoffs.c
# Built once, and only the columns the step and status depend on (no evidence, quotes or
# sign-off documents): this runs after every fact of a ticket.
_TICKET_STATE = select(_tk.checklist_kind, _tk.checklist_version, _tk.step, _tk.status,
                       _tk.closed_at).where(_tk.code == bindparam("code"))
_CHECK_KEYS = select(_ck.event_id, _ck.hlc, _ck.kind, _ck.step, _ck.check_id, _ck.actor, _ck.at,
                     _ck.corrects).where(_ck.ticket_code == bindparam("code"))
_REFUSED_AT = select(_so.at).where(_so.ticket_code == bindparam("code"),
                                   _so.kind == "quote_refused")
_SET_STATE = (update(repairs_t.tickets).where(_tk.code == bindparam("ticket_code"))
              .values(step=bindparam("step"), status=bindparam("status"),
                      closed_at=bindparam("closed_at")))


def _recompute(conn: Connection, code: str) -> None:
    """Step and status from the set of the ticket's facts; the row is written only when they
    change."""
    row = conn.execute(_TICKET_STATE, {"code": code}).first()
    if row is None:
        return
    checklist = pinned_checklist(conn, row.checklist_kind, row.checklist_version)
    facts = [CheckFact(f.event_id, f.hlc, f.kind, f.step, f.check_id, f.actor, f.at,
                       corrects=f.corrects)
             for f in conn.execute(_CHECK_KEYS, {"code": code})]
    state = None if checklist is None else checklist_state(checklist, facts)
    step = state.current_step if state is not None else 1
    status, closed_at = "open", ""
    refused = [r.at for r in conn.execute(_REFUSED_AT, {"code": code})]
    if refused:
        status, closed_at = "returned", min(refused)
    elif state is not None and step > len(state.steps):
        status = "archived"
        closed_at = max(f.at for f in facts)
    new = (min(step, 9), status, closed_at)
    if new != (row.step, row.status, row.closed_at):
        conn.execute(_SET_STATE, {"ticket_code": code, "step": new[0], "status": status,
                                  "closed_at": closed_at})


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
