"""Read side of the daily closure: the day's facts from the projections, the X report, the frozen
Z closures and the late arrivals. Numbers come from desk/closure/rules.py (pure)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from desk.catalog import tables as catalog_t
from desk.closure import rules
from desk.closure import tables as closure_t
from desk.platform import tables as platform_t
from desk.platform.conflicts import OPEN
from desk.platform.errors import DeskError
from desk.platform.settings import get_setting
from desk.printjobs import tables as printjobs_t
from desk.repairs import queries as repairs_queries
from desk.repairs import tables as repairs_t
from desk.returns import tables as returns_t
from desk.sales import tables as sales_t
from desk.signatures import tables as signatures_t
from desk.staff.queries import staff_names

BOUNDARY_KEY = "closure.day_boundary"
TIMEZONE_KEY = "store.timezone"
PUSHED_KEY = "sync.pushed_seq"  # desk/sync/engine.py keeps the push cursor here
J = platform_t.journal.c


@dataclass(frozen=True)
class DaySettings:
    boundary: time
    timezone: str

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise DeskError("value.invalid", field=TIMEZONE_KEY, reason=self.timezone) from None


@dataclass(frozen=True)
class StoreHeader:
    store_id: str
    name: str
    address: str
    device_id: str
    counter_name: str


@dataclass(frozen=True)
class ClosureReport:
    """A report as printed: an X report (closed False) or a frozen Z closure."""

    numbers: dict[str, Any]
    fingerprint: str
    header: StoreHeader
    closed: bool = False
    z_number: int = 0
    closed_at: str = ""
    closed_by: str = ""
    second_counter: str = ""
    confirm_unsynced: bool = False
    staff_names: Mapping[str, str] | None = None

    @property
    def title(self) -> str:
        return f"Z{self.z_number}" if self.closed else "X"


def day_settings(conn: Connection) -> DaySettings:
    return DaySettings(rules.parse_boundary(get_setting(conn, BOUNDARY_KEY)),
                       get_setting(conn, TIMEZONE_KEY) or rules.DEFAULT_TIMEZONE)


def this_device(conn: Connection) -> str:
    return get_setting(conn, "device_id") or ""


def header(conn: Connection, device_id: str | None) -> StoreHeader:
    store_id = get_setting(conn, "store_id") or ""
    s = catalog_t.stores.c
    row = conn.execute(select(s.name, s.address).where(s.store_id == store_id)).first()
    name = ""
    if device_id:
        d = catalog_t.devices.c
        name = conn.execute(select(d.name).where(d.device_id == device_id)).scalar() or device_id
    return StoreHeader(store_id, row.name if row else store_id, row.address if row else "",
                       device_id or "", name)


# --- facts of a time window ---------------------------------------------------------------------

def _decision(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _signed(ref: str, known: set[str]) -> bool:
    return ref in known


def _known_signatures(conn: Connection, refs: set[str]) -> set[str]:
    refs.discard("")
    refs.discard("paper")
    if not refs:
        return set()
    s = signatures_t.signatures.c
    return set(conn.execute(select(s.signature_id).where(s.signature_id.in_(refs))).scalars())


def _device_filter(device_id: str | None) -> Any:
    return True if not device_id else J.device_id == device_id


def read_returns(conn: Connection, start: str, end: str,
                 device_id: str | None) -> list[rules.ReturnFact]:
    r = returns_t.returns.c
    window = and_(r.returned_at >= start, r.returned_at < end, _device_filter(device_id))
    base = returns_t.returns.join(platform_t.journal, J.event_id == r.event_id)
    rows = conn.execute(select(r.return_id, r.event_id, r.returned_at, r.actor, r.status,
                               r.refund_fen, r.reason, r.receipt_no, r.override_reason,
                               r.approved_by, r.signature_ref, r.decision, J.device_id)
                        .select_from(base).where(window).order_by(r.returned_at, r.return_id)
                        ).all()
    if not rows:
        return []
    t = returns_t.refund_tenders.c
    tenders: dict[str, list[rules.RefundPart]] = {}
    for part in conn.execute(select(t.return_id, t.tender, t.route, t.amount_fen)
                            .select_from(base.join(returns_t.refund_tenders,
                                                   t.return_id == r.return_id))
                            .where(window).order_by(t.return_id, t.position)):
        tenders.setdefault(part.return_id, []).append(
            rules.RefundPart(part.tender, part.route, int(part.amount_fen)))
    lines: dict[str, dict[str, int]] = {}
    ln, rl = returns_t.return_lines.c, sales_t.receipt_lines.c
    p, c = catalog_t.products.c, catalog_t.categories.c
    joined = (base.join(returns_t.return_lines, ln.return_id == r.return_id)
              .outerjoin(sales_t.receipt_lines,
                         and_(rl.receipt_no == ln.receipt_no, rl.line_no == ln.line_no))
              .outerjoin(catalog_t.products, p.sku == rl.sku)
              .outerjoin(catalog_t.categories, c.category_id == p.category_id))
    for line in conn.execute(select(ln.return_id, c.name, ln.refund_fen).select_from(joined)
                             .where(window)):
        per = lines.setdefault(line.return_id, {})
        per[line.name or ""] = per.get(line.name or "", 0) + int(line.refund_fen)
    known = _known_signatures(conn, {row.signature_ref for row in rows})
    facts = []
    for row in rows:
        decision = _decision(row.decision)
        parts = tuple(tenders.get(row.return_id, ()))
        overrides = [o.get("code", "") for o in decision.get("overridden", [])]
        if any(part.route == "cash" for part in parts):
            overrides.append("cash_back")
        required = bool((decision.get("signature") or {}).get("required"))
        facts.append(rules.ReturnFact(
            event_id=row.event_id, return_id=row.return_id, at=row.returned_at, actor=row.actor,
            device_id=row.device_id, status=row.status, refund_fen=int(row.refund_fen),
            reason=row.reason, receipt_no=row.receipt_no, tenders=parts,
            by_category=tuple(sorted(lines.get(row.return_id, {}).items())),
            overrides=tuple(overrides), override_reason=row.override_reason,
            approved_by=row.approved_by,
            signature_missing=required and not _signed(row.signature_ref, known)))
    return facts


def read_compensations(conn: Connection, start: str, end: str,
                       device_id: str | None) -> list[rules.CompensationFact]:
    cp = returns_t.compensations.c
    rows = conn.execute(
        select(cp.compensation_id, cp.event_id, cp.decided_at, cp.status, cp.kind, cp.amount_fen,
               cp.approved_by, cp.signature_ref, cp.decision, J.device_id, J.actor)
        .select_from(returns_t.compensations.join(platform_t.journal, J.event_id == cp.event_id))
        .where(cp.decided_at >= start, cp.decided_at < end, _device_filter(device_id))
        .order_by(cp.decided_at, cp.compensation_id)).all()
    known = _known_signatures(conn, {row.signature_ref for row in rows})
    return [rules.CompensationFact(
        event_id=row.event_id, compensation_id=row.compensation_id, at=row.decided_at,
        actor=row.actor, device_id=row.device_id, status=row.status, kind=row.kind,
        amount_fen=int(row.amount_fen), approved_by=row.approved_by,
        signature_missing=bool((_decision(row.decision).get("signature") or {}).get("required"))
        and not _signed(row.signature_ref, known)) for row in rows]


def _tickets(conn: Connection, where: Any) -> list[rules.TicketFact]:
    tk = repairs_t.tickets.c
    # the ticket's opening event: the first ticket.opened for its code
    opened = (select(J.entity_id, func.min(J.seq).label("seq")).where(J.kind == "ticket.opened")
              .group_by(J.entity_id).subquery())
    first = platform_t.journal.alias("first_event")
    rows = conn.execute(
        select(tk.code, tk.opened_at, tk.status, tk.step, tk.promised_date, tk.opened_by,
               tk.service_level, tk.closed_at, first.c.event_id, first.c.device_id)
        .select_from(repairs_t.tickets.join(opened, opened.c.entity_id == tk.code)
                     .join(first, first.c.seq == opened.c.seq))
        .where(where).order_by(tk.opened_at, tk.code)).all()
    return [rules.TicketFact(row.event_id, row.code, row.opened_at, row.device_id, row.status,
                             int(row.step), row.promised_date, row.opened_by, row.service_level,
                             row.closed_at or "") for row in rows]


def read_tickets_opened(conn: Connection, start: str, end: str,
                        device_id: str | None) -> list[rules.TicketFact]:
    tk = repairs_t.tickets.c
    facts = _tickets(conn, and_(tk.opened_at >= start, tk.opened_at < end))
    return [f for f in facts if not device_id or f.device_id == device_id]


def read_tickets_open(conn: Connection, end: str, device_id: str | None) -> list[rules.TicketFact]:
    tk = repairs_t.tickets.c
    facts = _tickets(conn, and_(tk.status == "open", tk.opened_at < end))
    return [f for f in facts if not device_id or f.device_id == device_id]


def read_tickets_closed(conn: Connection, start: str, end: str,
                        device_id: str | None) -> list[rules.TicketFact]:
    """Tickets archived or returned unrepaired with closed_at in the window; per counter, those
    the counter opened (the ticket's home counter)."""
    tk = repairs_t.tickets.c
    facts = _tickets(conn, and_(tk.status.in_(("archived", "returned")), tk.closed_at >= start,
                                tk.closed_at < end))
    return [f for f in facts if not device_id or f.device_id == device_id]


def read_waivers(conn: Connection, start: str, end: str,
                 device_id: str | None) -> list[rules.WaiverFact]:
    """Checks waived in the window (per counter: waived on that counter)."""
    return [rules.WaiverFact(w.event_id, w.ticket_code, w.step, w.check_id, w.check_zh,
                             w.approved_by, w.reason, w.at, w.device_id)
            for w in repairs_queries.waivers_between(conn, start, end)
            if not device_id or w.device_id == device_id]


def read_repair_payments(conn: Connection, start: str, end: str,
                         device_id: str | None) -> list[rules.RepairPaymentFact]:
    """Payments taken at repair pickups in the window (per counter: taken there)."""
    return [rules.RepairPaymentFact(p.event_id, p.ticket_code, p.tender, p.amount_fen, p.at,
                                    p.device_id)
            for p in repairs_queries.payments_between(conn, start, end)
            if not device_id or p.device_id == device_id]


def read_prints(conn: Connection, day: date, settings: DaySettings) -> list[rules.PrintFact]:
    """This counter's print jobs created in the business day (the queue is local state)."""
    zone = settings.zone()
    start, end = (datetime.fromisoformat(x).replace(tzinfo=zone)
                  for x in rules.day_window(day, settings.boundary))
    pj = printjobs_t.print_jobs.c
    rows = conn.execute(select(pj.job_id, pj.document_kind, pj.is_copy, pj.status, pj.last_error)
                        .where(pj.created_ms >= int(start.timestamp() * 1000),
                               pj.created_ms < int(end.timestamp() * 1000))
                        .order_by(pj.job_id)).all()
    return [rules.PrintFact(int(r.job_id), r.document_kind, bool(r.is_copy), r.status,
                            r.last_error or "") for r in rows]


def open_conflicts(conn: Connection) -> list[str]:
    c = platform_t.conflicts.c
    return list(conn.execute(select(c.code).where(c.status == OPEN).order_by(c.conflict_id))
                .scalars())


def unsynced_events(conn: Connection) -> int:
    """This counter's own reported facts the central server has not acknowledged (as far as it
    knows): events after the push cursor (desk/sync/engine.py), of the kinds a report shows."""
    pushed = int(get_setting(conn, PUSHED_KEY) or 0)
    return int(conn.execute(select(func.count()).select_from(platform_t.journal).where(
        J.device_id == this_device(conn), J.device_seq > pushed,
        J.kind.in_(rules.REPORTED_KINDS))).scalar_one())


# --- closures and late arrivals -----------------------------------------------------------------

def closure_row(conn: Connection, scope: str, day: date) -> Any:
    c = closure_t.closures.c
    return conn.execute(select(closure_t.closures)
                        .where(c.scope == scope, c.business_date == day.isoformat())).first()


def next_z_number(conn: Connection, scope: str) -> int:
    c = closure_t.closures.c
    return int(conn.execute(select(func.max(c.z_number)).where(c.scope == scope)).scalar() or 0) + 1


def closed_days(conn: Connection, scope: str) -> list[str]:
    c = closure_t.closures.c
    return list(conn.execute(select(c.business_date).where(c.scope == scope)
                             .order_by(c.business_date)).scalars())


def late_arrivals(conn: Connection, scope: str, device_id: str | None,
                  boundary: time) -> list[rules.LateFact]:
    """Events of the scope's closed days that no closure counted or listed: they arrived after."""
    days = closed_days(conn, scope)
    if not days:
        return []
    start = rules.day_window(date.fromisoformat(days[0]), boundary)[0]
    end = rules.day_window(date.fromisoformat(days[-1]), boundary)[1]
    closed = set(days)
    ce = closure_t.closure_events.c
    seen = set(conn.execute(select(ce.event_id).where(ce.scope == scope)).scalars())
    found: list[rules.LateFact] = []

    def keep(event_id: str, at: str) -> str | None:
        day = rules.business_day_of(at, boundary).isoformat()
        return day if day in closed and event_id not in seen else None

    for r in read_returns(conn, start, end, device_id):
        if (d := keep(r.event_id, r.at)) is not None:
            found.append(rules.LateFact(r.event_id, "return", r.return_id, r.at, d, r.device_id,
                                        r.refund_fen if r.status == "completed" else 0))
    for c in read_compensations(conn, start, end, device_id):
        if (d := keep(c.event_id, c.at)) is not None:
            paid = c.amount_fen if c.status == "completed" else 0
            found.append(rules.LateFact(c.event_id, "compensation", c.compensation_id, c.at, d,
                                        c.device_id, paid))
    for t in read_tickets_opened(conn, start, end, device_id):
        if (d := keep(t.event_id, t.opened_at)) is not None:
            found.append(rules.LateFact(t.event_id, "ticket", t.code, t.opened_at, d,
                                        t.device_id, 0))
    pickups: dict[str, list[rules.RepairPaymentFact]] = {}
    for p in read_repair_payments(conn, start, end, device_id):
        pickups.setdefault(p.event_id, []).append(p)
    for event_id, parts in pickups.items():
        first = parts[0]
        if (d := keep(event_id, first.at)) is not None:
            found.append(rules.LateFact(event_id, "repair_payment", first.ticket_code, first.at,
                                        d, first.device_id, sum(x.amount_fen for x in parts)))
    return sorted(found, key=lambda f: (f.at, f.event_id))


# --- reports ------------------------------------------------------------------------------------

def day_facts(conn: Connection, day: date, device_id: str | None,
              settings: DaySettings) -> rules.DayFacts:
    start, end = rules.day_window(day, settings.boundary)
    own = not device_id or device_id == this_device(conn)
    return rules.DayFacts(
        returns=tuple(read_returns(conn, start, end, device_id)),
        compensations=tuple(read_compensations(conn, start, end, device_id)),
        tickets_opened=tuple(read_tickets_opened(conn, start, end, device_id)),
        tickets_open=tuple(read_tickets_open(conn, end, device_id)),
        tickets_closed=tuple(read_tickets_closed(conn, start, end, device_id)),
        waivers=tuple(read_waivers(conn, start, end, device_id)),
        repair_payments=tuple(read_repair_payments(conn, start, end, device_id)),
        prints=tuple(read_prints(conn, day, settings)) if own else (),
        conflicts_open=tuple(open_conflicts(conn)),
        unsynced_events=unsynced_events(conn) if own else 0,
        late=tuple(late_arrivals(conn, rules.scope_of(device_id), device_id, settings.boundary)),
    )


def compute(conn: Connection, day: date, device_id: str | None,
            count: rules.CashCount | None = None) -> tuple[dict[str, Any], rules.DayFacts]:
    """The numbers of a day as of now (and the facts they came from)."""
    settings = day_settings(conn)
    facts = day_facts(conn, day, device_id, settings)
    numbers = rules.day_numbers(facts, store_id=get_setting(conn, "store_id") or "",
                                scope=rules.scope_of(device_id), day=day,
                                boundary=settings.boundary, timezone=settings.timezone,
                                count=count)
    return numbers, facts


def _names(conn: Connection, numbers: dict[str, Any], *extra: str) -> dict[str, str]:
    ids = {row["staff"] for row in numbers["returns"]["by_staff"]}
    ids |= {row["approver"] for row in numbers["compensations"]["by_approver"]}
    ids |= {o["approved_by"] for o in numbers["overrides"]}
    ids |= {w["approved_by"] for w in numbers["repairs"].get("waivers", [])}
    return staff_names(conn, {i for i in ids | set(extra) if i})


def x_report(conn: Connection, business_date: str, device_id: str | None = None, *,
             opening_float_fen: int = 0) -> ClosureReport:
    """The day so far (no closing): an X report, any time."""
    day = rules.parse_business_date(business_date)
    count = rules.CashCount(opening_float_fen) if opening_float_fen else None
    numbers, _ = compute(conn, day, device_id or None, count)
    return ClosureReport(numbers, rules.fingerprint(numbers), header(conn, device_id or None),
                         staff_names=_names(conn, numbers))


def closure_preview(conn: Connection, business_date: str, device_id: str | None,
                    counted: Mapping[Any, Any], opening_float_fen: int, *, note: str = "",
                    second_counter: str = "") -> ClosureReport:
    """The report a closure would freeze, with the count entered: its fingerprint is the document
    both people sign. The expected cash is in it: show it only after the count was entered."""
    day = rules.parse_business_date(business_date)
    count = rules.CashCount(opening_float_fen, rules.parse_count(counted), note.strip(),
                            second_counter.strip())
    numbers, _ = compute(conn, day, device_id or None, count)
    return ClosureReport(numbers, rules.fingerprint(numbers), header(conn, device_id or None),
                         staff_names=_names(conn, numbers, second_counter))


def closed_report(conn: Connection, business_date: str,
                  device_id: str | None = None) -> ClosureReport | None:
    """A Z closure exactly as it was recorded (its numbers are never recomputed)."""
    day = rules.parse_business_date(business_date)
    row = closure_row(conn, rules.scope_of(device_id or None), day)
    if row is None:
        return None
    numbers = json.loads(row.numbers)
    return ClosureReport(numbers, row.fingerprint, header(conn, device_id or None), closed=True,
                         z_number=int(row.z_number), closed_at=row.closed_at,
                         closed_by=row.closed_by, second_counter=row.second_counter,
                         confirm_unsynced=bool(row.confirm_unsynced),
                         staff_names=_names(conn, numbers, row.closed_by, row.second_counter))


def report(conn: Connection, business_date: str, device_id: str | None = None) -> ClosureReport:
    """The Z closure of the day when there is one, else the X report of the day so far."""
    return closed_report(conn, business_date, device_id) or x_report(conn, business_date,
                                                                     device_id)


@dataclass(frozen=True)
class ClosureSummary:
    scope: str
    business_date: str
    z_number: int
    closed_at: str
    closed_by: str
    fingerprint: str


def closures(conn: Connection, limit: int = 30) -> list[ClosureSummary]:
    c = closure_t.closures.c
    rows = conn.execute(select(c.scope, c.business_date, c.z_number, c.closed_at, c.closed_by,
                               c.fingerprint).order_by(c.closed_at.desc()).limit(limit)).all()
    return [ClosureSummary(r.scope, r.business_date, int(r.z_number), r.closed_at, r.closed_by,
                           r.fingerprint) for r in rows]


def today(conn: Connection, now: datetime) -> date:
    """The business day a local time falls in, with this store's boundary."""
    return rules.business_day_of(now, day_settings(conn).boundary)
