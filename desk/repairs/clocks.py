"""Projection of the service levels: the `ticket_clocks` row of a ticket, recomputed from the set
of its facts (its ticket row, checks, quotes, sign-offs and escalations) after each of them — so
the result does not depend on the order facts arrive in from other counters.

It rides on the ticket projection: `with_clocks` chains this projector after the ticket
projector of each event kind the clocks depend on (the registry takes one projector per kind),
and the escalation facts are its own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, not_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from desk.platform.batch import BatchConnection, once_per_batch, plain_insert
from desk.platform.changes import Changed
from desk.platform.events import Event
from desk.platform.registry import Projector, Refill
from desk.repairs import clock_tables as clock_t
from desk.repairs import tables as repairs_t
from desk.repairs.projections import recompute_tickets
from desk.repairs.service_levels import INTAKE_CHECKS, TicketClock, respond_by

# the kinds whose facts move a ticket's clocks (the ticket projector keeps its own work)
_MOVES_CLOCKS = ("ticket.opened", "ticket.check_recorded", "ticket.check_waived",
                 "ticket.check_corrected", "ticket.quote_proposed", "ticket.quote_signed",
                 "ticket.quote_refused", "ticket.completion_signed")
_CHUNK = 400


def _touch(conn: Connection, code: str) -> None:
    batch: object = conn
    if isinstance(batch, BatchConnection):
        # the ticket's status first: a batch runs its deferred steps in the order first named
        batch.defer(recompute_tickets, code)
    once_per_batch(conn, recompute_clocks, code)


def _clocks(conn: Connection, e: Event) -> set[Changed]:
    _touch(conn, e.entity_id)
    return {Changed.TICKETS}


def _escalated(conn: Connection, e: Event) -> set[Changed]:
    _escalation_row(conn, e)
    _touch(conn, e.entity_id)
    return {Changed.TICKETS}


def _escalation_row(conn: Connection, e: Event) -> set[Changed]:
    p = e.payload
    conn.execute(plain_insert(clock_t.ticket_escalations), dict(
        event_id=e.event_id, ticket_code=e.entity_id, reason=p["reason"],
        note=p.get("note", ""), actor=e.actor, at=p["at"]))
    return {Changed.TICKETS}


def _all_clocks(conn: Connection) -> None:
    codes = list(conn.execute(select(_tk.code).order_by(_tk.code)).scalars())
    recompute_clocks(conn, codes)


# The upgrade that adds the clocks' tables (desk/platform/refill.py): the escalations from their
# facts, then every ticket's clocks from its facts as they stand — what the projectors above
# leave, since a ticket's clocks are a function of the set of its facts.
CLOCKS_REFILL = Refill((clock_t.ticket_clocks, clock_t.ticket_escalations),
                       projectors={"ticket.escalated": _escalation_row}, finish=_all_clocks)


def with_clocks(projectors: Mapping[str, Projector]) -> dict[str, Projector]:
    """The repairs projectors with the clocks' added: chained after the ticket projector for
    the kinds that move the clocks, alone for the escalation."""
    out = dict(projectors)
    for kind in _MOVES_CLOCKS:
        out[kind] = _chain(projectors[kind])
    out["ticket.escalated"] = _escalated
    return out


def _chain(first: Projector) -> Projector:
    def project(conn: Connection, e: Event) -> set[Changed]:
        return first(conn, e) | _clocks(conn, e)
    return project


# --- recomputing a ticket's clocks ---------------------------------------------------------------
_tk, _ck = repairs_t.tickets.c, repairs_t.ticket_checks.c
_qt, _so = repairs_t.ticket_quotes.c, repairs_t.ticket_signoffs.c
_es = clock_t.ticket_escalations.c
_CODES: BindParameter[str] = bindparam("codes", expanding=True)
_TICKETS = select(_tk.code, _tk.status, _tk.service_level, _tk.opened_at,
                  _tk.promised_date).where(_tk.code.in_(_CODES))
_answer = and_(_ck.kind.in_(("recorded", "waived")),
               not_(and_(_ck.step <= 2, _ck.check_id.in_(sorted(INTAKE_CHECKS)))))
_CHECKS = (select(_ck.ticket_code, func.max(_ck.at).label("last"),
                  func.min(_ck.at).filter(_answer).label("answered"))
           .where(_ck.ticket_code.in_(_CODES)).group_by(_ck.ticket_code))
_QUOTES = (select(_qt.ticket_code, func.max(_qt.at).label("last"),
                  func.min(_qt.at).label("answered"))
           .where(_qt.ticket_code.in_(_CODES)).group_by(_qt.ticket_code))
_SIGNOFFS = (select(_so.ticket_code, func.max(_so.at).label("last"),
                    func.min(_so.at).filter(_so.kind == "completion_signed").label("picked"))
             .where(_so.ticket_code.in_(_CODES)).group_by(_so.ticket_code))
_ESCALATIONS = (select(_es.ticket_code, _es.reason, func.max(_es.at).label("at"))
                .where(_es.ticket_code.in_(_CODES)).group_by(_es.ticket_code, _es.reason))
_DROP = delete(clock_t.ticket_clocks).where(clock_t.ticket_clocks.c.code.in_(_CODES))


def recompute_clocks(conn: Connection, codes: list[str]) -> None:
    """The ticket_clocks rows of these tickets from their facts: five grouped queries per few
    hundred tickets, whatever the number of facts."""
    for i in range(0, len(codes), _CHUNK):
        chunk = {"codes": codes[i:i + _CHUNK]}
        last: dict[str, list[str]] = {}
        answered: dict[str, list[str]] = {}
        picked: dict[str, str] = {}
        for statement in (_CHECKS, _QUOTES):
            for r in conn.execute(statement, chunk):
                last.setdefault(r.ticket_code, []).append(r.last)
                if r.answered:
                    answered.setdefault(r.ticket_code, []).append(r.answered)
        for r in conn.execute(_SIGNOFFS, chunk):
            last.setdefault(r.ticket_code, []).append(r.last)
            if r.picked:
                picked[r.ticket_code] = r.picked
        escalations: dict[str, dict[str, str]] = {}
        for r in conn.execute(_ESCALATIONS, chunk):
            escalations.setdefault(r.ticket_code, {})[r.reason] = r.at
        rows = [_row(t, last.get(t.code, []), answered.get(t.code, []), picked.get(t.code, ""),
                     escalations.get(t.code, {}))
                for t in conn.execute(_TICKETS, chunk).all()]
        conn.execute(_DROP, chunk)
        if rows:
            conn.execute(plain_insert(clock_t.ticket_clocks), rows)


def _row(t: Any, last: list[str], answered: list[str], picked: str,
         escalations: dict[str, str]) -> dict[str, Any]:
    clock = TicketClock(
        code=t.code, status=t.status, service_level=t.service_level, opened_at=t.opened_at,
        respond_by=respond_by(t.opened_at, t.service_level),
        responded_at=min(answered, default=""), promised_date=t.promised_date,
        picked_up_at=picked, last_fact_at=max([t.opened_at, *last]))
    return dict(code=clock.code, status=clock.status, service_level=clock.service_level,
                opened_at=clock.opened_at, respond_by=clock.respond_by,
                responded_at=clock.responded_at, promised_date=clock.promised_date,
                picked_up_at=clock.picked_up_at, last_fact_at=clock.last_fact_at,
                due_at=clock.due_at, escalated_at=max(escalations.values(), default=""),
                escalated=",".join(sorted(escalations)),
                stale_escalated_at=escalations.get("stale", ""))


def clock_of(row: Any) -> TicketClock:
    """A ticket_clocks row as the rules' TicketClock."""
    return TicketClock(
        code=row.code, status=row.status, service_level=row.service_level,
        opened_at=row.opened_at, respond_by=row.respond_by, responded_at=row.responded_at,
        promised_date=row.promised_date, picked_up_at=row.picked_up_at,
        last_fact_at=row.last_fact_at,
        escalated=frozenset(r for r in row.escalated.split(",") if r),
        stale_escalated_at=row.stale_escalated_at)

