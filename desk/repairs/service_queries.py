"""Read side of the service levels: the workshop queue by due time, the escalation sweep, the
manager's list of tickets out of their service level. `now` is the store's local time from the
injected clock (ISO, seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, or_, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.repairs import clock_tables as clock_t
from desk.repairs import tables as repairs_t
from desk.repairs.clocks import clock_of
from desk.repairs.commands import EscalateTicket
from desk.repairs.rules import EXPLANATION_STEP, days_late
from desk.repairs.service_levels import TicketClock, stale_since, standing, to_escalate
from desk.returns import tables as returns_t
from desk.staff.queries import staff_names

_cl, _tk, _p = clock_t.ticket_clocks.c, repairs_t.tickets.c, catalog_t.products.c
_es = clock_t.ticket_escalations.c
_CLOCK = select(clock_t.ticket_clocks).where(_cl.code == bindparam("code"))


def ticket_clock(conn: Connection, code: str) -> TicketClock | None:
    row = conn.execute(_CLOCK, {"code": code}).first()
    return None if row is None else clock_of(row)


@dataclass(frozen=True)
class QueueItem:
    code: str
    opened_at: str
    promised_date: str
    service_level: str
    step: int
    fault: str
    product_name: str | None
    due_at: str
    marks: tuple[str, ...]  # service_levels.REASONS that hold now: response_breached, ...

    @property
    def overdue(self) -> bool:
        return "overdue" in self.marks


_QUEUE = (select(clock_t.ticket_clocks, _tk.step, _tk.fault, _p.name.label("product_name"))
          .select_from(clock_t.ticket_clocks.join(repairs_t.tickets, _tk.code == _cl.code)
                       .outerjoin(catalog_t.products, _p.sku == _tk.sku))
          .where(_cl.status == "open")
          .order_by(_cl.due_at, _cl.code)
          .limit(bindparam("limit")))


def workshop_queue(conn: Connection, now: str, limit: int = 200) -> list[QueueItem]:
    """Open tickets, the soonest due first (an unanswered ticket by its response deadline, then
    by the end of its promised day), each with what makes it stand out now. One indexed query."""
    out = []
    for r in conn.execute(_QUEUE, {"limit": limit}):
        clock = clock_of(r)
        out.append(QueueItem(r.code, r.opened_at, r.promised_date, r.service_level, r.step,
                             r.fault, r.product_name, r.due_at, standing(clock, now)))
    return out


_CANDIDATES = (select(clock_t.ticket_clocks)
               .where(_cl.status == "open", _cl.picked_up_at == "",
                      or_(_cl.escalated != "",
                          _cl.respond_by < bindparam("now"),
                          _cl.promised_date < bindparam("today"),
                          _cl.last_fact_at < bindparam("stale_since")))
               .order_by(_cl.due_at, _cl.code))


def _candidates(conn: Connection, now: str) -> list[TicketClock]:
    return [clock_of(r) for r in conn.execute(_CANDIDATES, {
        "now": now, "today": now[:10], "stale_since": stale_since(now)})]


def escalation_sweep(conn: Connection, now: str) -> list[EscalateTicket]:
    """What should be escalated now, as the commands to run (`desk apply`, or the manager's
    screen): one per ticket and reason not escalated yet."""
    return [EscalateTicket(ticket_code=c.code, reason=reason)
            for c in _candidates(conn, now) for reason in to_escalate(c, now)]


@dataclass(frozen=True)
class EscalatedTicket:
    code: str
    product_name: str | None
    fault: str
    service_level: str
    step: int
    promised_date: str
    marks: tuple[str, ...]  # what holds now
    escalated: tuple[str, ...]  # reasons escalated so far
    escalated_at: str
    escalated_by: str  # the name of who escalated last ("" when not escalated)


_DETAILS = (select(_tk.code, _tk.fault, _tk.step, _p.name.label("product_name"))
            .select_from(repairs_t.tickets.outerjoin(catalog_t.products, _p.sku == _tk.sku))
            .where(_tk.code.in_(bindparam("codes", expanding=True))))
_LAST_BY = (select(_es.ticket_code, _es.actor, _es.at)
            .where(_es.ticket_code.in_(bindparam("codes", expanding=True))))


def escalated_tickets(conn: Connection, now: str, limit: int = 200) -> list[EscalatedTicket]:
    """The manager's list: tickets in the workshop escalated or out of their service level now,
    the soonest due first."""
    clocks = [c for c in _candidates(conn, now) if c.escalated or standing(c, now)][:limit]
    codes = [c.code for c in clocks]
    if not codes:
        return []
    details = {r.code: r for r in conn.execute(_DETAILS, {"codes": codes})}
    last: dict[str, tuple[str, str]] = {}
    for r in conn.execute(_LAST_BY, {"codes": codes}):
        if r.ticket_code not in last or r.at > last[r.ticket_code][0]:
            last[r.ticket_code] = (r.at, r.actor)
    names = staff_names(conn, {actor for _at, actor in last.values()})
    out = []
    for c in clocks:
        d = details[c.code]
        at, actor = last.get(c.code, ("", ""))
        out.append(EscalatedTicket(c.code, d.product_name, d.fault, c.service_level, d.step,
                                   c.promised_date, standing(c, now), tuple(sorted(c.escalated)),
                                   at, names.get(actor, actor) if actor else ""))
    return out


# --- late pickup: the late-repair compensation of the returns rules ----------------------------

@dataclass(frozen=True)
class LatePickup:
    code: str
    promised_date: str
    days_late: int  # whole days past the promised date at pickup


_cp = returns_t.compensations.c
_LATE_AWARDED = (select(_cp.compensation_id)
                 .where(_cp.ticket_code == bindparam("code"), _cp.kind == "late_repair",
                        _cp.status != "refused").limit(1))
_AT_PICKUP = select(_tk.code, _tk.status, _tk.step, _tk.promised_date).where(
    _tk.code == bindparam("code"))


def late_pickup(conn: Connection, code: str, today: date) -> LatePickup | None:
    """A late-repair compensation to offer: the ticket is at pickup (steps 1-7 complete) or was
    picked up, later than its promised date (counted at the pickup if it happened, else today),
    and no late-repair compensation was awarded for it yet (one waiting for head office
    counts). None otherwise."""
    t = conn.execute(_AT_PICKUP, {"code": code}).first()
    if t is None or t.status != "open" or t.step <= EXPLANATION_STEP:
        return None
    clock = ticket_clock(conn, code)
    picked = clock.picked_up_at if clock is not None else ""
    on = date.fromisoformat(picked[:10]) if picked else today
    late = days_late(t.promised_date, on)
    if late <= 0 or conn.execute(_LATE_AWARDED, {"code": code}).first() is not None:
        return None
    return LatePickup(t.code, t.promised_date, late)


@dataclass(frozen=True)
class TicketStanding:
    """One ticket's service level as the ticket screen shows it."""

    service_level: str
    respond_by: str
    responded_at: str
    marks: tuple[str, ...]  # what holds now (service_levels.REASONS)
    escalated: tuple[str, ...]
    open: bool = True  # False: archived or returned, no answer is awaited any more


def ticket_standing(conn: Connection, code: str, now: str) -> TicketStanding | None:
    clock = ticket_clock(conn, code)
    if clock is None:
        return None
    return TicketStanding(clock.service_level, clock.respond_by, clock.responded_at,
                          standing(clock, now), tuple(sorted(clock.escalated)),
                          clock.status == "open")
