"""Builds the demo store through the real command handlers, in batches of many commands per
transaction.

Every row comes from a journal event recorded by the command's own handler (`UnitOfWork.record`,
the same projectors, the same hash chain), so `desk db rebuild` reproduces the store and
`desk db verify` accepts it. The same seed gives the same store (apart from random event ids,
PIN salts and clock stamps). Sales end "today" by the bus's clock.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from desk.catalog import tables as catalog_t
from desk.catalog.commands import (
    DefineCategory,
    InitialiseCounter,
    RegisterCustomer,
    RegisterProduct,
)
from desk.demo import data as d
from desk.demo.ids import ean13, ticket_code
from desk.demo.sales import (
    CLOSE_MINUTE,
    OPEN_MINUTE,
    Candidate,
    Product,
    SalesMaker,
    serial_number,
)
from desk.demo.sizes import SIZES, DemoSize
from desk.demo.walk import TicketToWalk, Walker, WalkPlan, plan_store
from desk.platform import tables as t
from desk.platform.batch import steps_deferred
from desk.platform.bus import SYSTEM_ACTOR, CommandBus, Context
from desk.platform.commands import Command
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.platform.paths import resources_dir
from desk.platform.ports import Clock, FixedClock
from desk.platform.projections import drop_lookup_indexes
from desk.platform.settings import get_setting, set_setting
from desk.platform.uow import UnitOfWork
from desk.repairs import rules as repair_rules
from desk.repairs import tables as repairs_t
from desk.repairs.clock_tables import ticket_clocks
from desk.repairs.commands import OpenTicket
from desk.repairs.evidence import evidence_root
from desk.repairs.handlers import shipped_checklists
from desk.repairs.history import HistoricRepair, ImportRepairHistory
from desk.sales import tables as sales_t
from desk.sales.importing import ImportSales
from desk.signatures import tables as signatures_t
from desk.staff import tables as staff_t
from desk.staff.commands import RegisterStaff

# progress(stage, done, total): stages are "setup", "catalogue", "customers", "sales", "tickets",
# "repairs" (the tickets walked forward; done and total count commands)
Progress = Callable[[str, int, int], None]


def has_store(db: Database) -> bool:
    return db.store_id() is not None


def demo_state(db: Database) -> str | None:
    """'complete', 'building' (a build was interrupted: the database is half a demo), or None
    (not a demo database)."""
    with db.engine.connect() as conn:
        text = get_setting(conn, "demo")
    return None if text is None else str(json.loads(text).get("state", "complete"))


# --- the catalogue -----------------------------------------------------------------------------

def _price_fen(rng: random.Random, low: int, high: int) -> int:
    yuan = rng.randint(low, high)
    if low == high:
        return yuan * 100
    if yuan < 100:
        return yuan * 100 + rng.choice((90, 80, 0, 50))  # 29.90, 19.80
    if yuan < 1000:
        return (yuan // 10 * 10 + 9) * 100  # 299.00, 1 099.00
    return (yuan // 100 * 100 + 99) * 100  # 2 599.00


def _catalogue(rng: random.Random, size: DemoSize) -> list[Product]:
    products: list[Product] = []
    for cat in (*d.CATEGORIES, d.GIFT_CATEGORY):
        for item in cat.items:
            combos = [(b, v) for v in item.variants for b in cat.brands]
            rng.shuffle(combos)
            for brand, variant in sorted(combos[:size.skus_per_item]):
                name = f"{brand}{item.name} {variant}".strip() if variant else f"{brand}{item.name}"
                sku = f"P{len(products) + 100001:06d}"
                products.append(Product(sku, name, cat.kind, cat.category_id,
                                         _price_fen(rng, item.low_yuan, item.high_yuan),
                                         item.qty_max))
    return products


def _barcodes(rng: random.Random, count: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        code = ean13("69" + f"{rng.randrange(10**10):010d}")
        if code not in seen:
            seen.add(code)
            out.append(code)
    return out


# --- customers ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Customer:
    customer_id: str
    name: str
    phone: str
    member_id: str


def _customers(rng: random.Random, count: int) -> list[_Customer]:
    phones: set[str] = set()
    members: set[str] = set()
    out: list[_Customer] = []
    for i in range(1, count + 1):
        given = rng.choice(d.GIVEN_CHARS)
        if rng.random() < 0.7:
            given += rng.choice(d.GIVEN_CHARS)
        name = rng.choice(d.SURNAMES) + given
        while True:
            phone = rng.choice(d.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if phone not in phones:
                phones.add(phone)
                break
        member = ""
        if rng.random() < 0.9:
            while True:
                member = f"M{rng.randrange(10**7, 10**8):08d}"
                if member not in members:
                    members.add(member)
                    break
        out.append(_Customer(f"C{i:07d}", name, phone, member))
    return out


# --- the builder -------------------------------------------------------------------------------

class _Builder:
    def __init__(self, bus: CommandBus, size: DemoSize, seed: int,
                 progress: Progress | None) -> None:
        self.bus = bus
        self.size = size
        self.seed = seed
        self.progress = progress or (lambda stage, done, total: None)
        self.rng = random.Random(seed)
        self.now = bus.clock.local_now().replace(microsecond=0)
        self.counts: dict[str, int] = {}

    # Commands run through their own handlers, many to a unit of work (one transaction).
    def run(self, stage: str, items: Iterable[tuple[Command, str, Clock | None]],
            total: int, deferred: bool = False, together: bool = False) -> int:
        """`deferred`: the projectors' once-per-batch steps (a ticket's step, status and clocks)
        run once per transaction (`steps_deferred`): for commands whose handlers do not read
        what those steps write (opening tickets reads none of another ticket's state).
        `together`: a transaction's events are projected as one batch at its end
        (`projected_together`): for commands that are independent by construction (customers
        of distinct ids and member numbers: no handler needs another's row)."""
        done = 0
        batch: list[tuple[Command, str, Clock | None]] = []
        self.progress(stage, 0, total)
        for item in items:
            batch.append(item)
            # an import holds a batch of records already: a transaction of its own
            if len(batch) >= self.size.batch or isinstance(item[0], _IMPORTS):
                done += self._commit(batch, deferred, together)
                batch = []
                self.progress(stage, done, total)
        if batch:
            done += self._commit(batch, deferred, together)
            self.progress(stage, done, total)
        return done

    def _commit(self, batch: list[tuple[Command, str, Clock | None]], deferred: bool,
                together: bool) -> int:
        done = 0
        with UnitOfWork(self.bus.db, SYSTEM_ACTOR) as uow:
            with steps_deferred(uow.conn) if deferred else nullcontext(), \
                    uow.projected_together() if together else nullcontext():
                for command, actor, clock in batch:
                    uow.actor = actor
                    spec = self.bus.db.registry.spec(command.name)
                    assert spec is not None, command.name
                    spec.handler(command, uow, Context(clock or self.bus.clock, None))
                    done += _count(command)
            uow.commit()
        return done

    def build(self) -> dict[str, Any]:
        started = time.monotonic()
        rng = self.rng
        self.run("setup", self._setup(), 1 + len(d.STAFF))
        self._mark("building")
        products = _catalogue(rng, self.size)
        barcodes = _barcodes(rng, len(products))
        cat_items: list[tuple[Command, str, Clock | None]] = [
            (DefineCategory(c.category_id, c.name, c.kind), SYSTEM_ACTOR, None)
            for c in (*d.CATEGORIES, d.GIFT_CATEGORY)]
        cat_items += [(RegisterProduct(p.sku, p.name, p.category_id, p.price_fen, code),
                       SYSTEM_ACTOR, None) for p, code in zip(products, barcodes, strict=True)]
        self.run("catalogue", cat_items, len(cat_items))
        customers = _customers(rng, self.size.customers)
        with self._lookup_indexes_after():
            self.run("customers", ((RegisterCustomer(c.customer_id, c.name, c.phone,
                                                     c.member_id), SYSTEM_ACTOR, None)
                                   for c in customers), len(customers), together=True)
            sales = SalesMaker(rng, self.size, self.now)
            self.run("sales", self._sales(sales, products, customers),
                     self.size.receipts)
        tickets, to_walk = self._ticket_plan(products, customers, sales.candidates)
        before, plans = plan_store(rng, to_walk, self.now, self.size.walk_limit)
        if before:  # the store's long past: the previous system's repairs, imported first
            history = self._history(tickets, before)
            self.run("history", history, len(before))
            imported = {p.ticket.code for p in before}
            tickets = [item for item in tickets
                       if not (isinstance(item[0], OpenTicket) and item[0].code in imported)]
        self.run("tickets", tickets, len(tickets), deferred=True)
        self._walk(plans)
        summary = self._summary(time.monotonic() - started, plans, len(before))
        self._mark("complete", demo_logins=json.dumps(demo_logins(), ensure_ascii=False))
        return summary

    @staticmethod
    def _sales(sales: SalesMaker, products: list[Product], customers: list[_Customer]
               ) -> Iterator[tuple[Command, str, Clock | None]]:
        member_ids = [c.customer_id for c in customers]
        for command in sales.imports(products, member_ids):
            yield command, SYSTEM_ACTOR, None

    @contextmanager
    def _lookup_indexes_after(self) -> Iterator[None]:
        """The lookup-only indexes (names, phones, the receipt lines' serial...) built once
        after the customers and sales instead of kept up to date by every insert, as a rebuild
        does: none of those commands reads through them (the tickets, after, do). A build that
        fails half way leaves them out; such a database is refused as half a demo anyway."""
        tables = self.bus.db.registry.projection_tables()
        with self.bus.db.writing() as conn:
            saved = drop_lookup_indexes(conn, tables)
        yield
        with self.bus.db.writing() as conn:
            for sql in saved:
                conn.exec_driver_sql(sql)

    def _mark(self, state: str, **more: str) -> None:
        """Local settings (not journal events): how far the demo build got, and the logins."""
        with UnitOfWork(self.bus.db, SYSTEM_ACTOR) as uow:
            set_setting(uow.conn, "demo", json.dumps(
                {"state": state, "size": self.size.name, "seed": self.seed,
                 "built_at": self.now.isoformat(timespec="seconds")}))
            for key, value in more.items():
                set_setting(uow.conn, key, value)
            uow.commit()

    def _setup(self) -> Iterator[tuple[Command, str, Clock | None]]:
        yield (InitialiseCounter(store_id=d.STORE_ID, store_name=d.STORE_NAME,
                                 device_name=d.COUNTER_NAME, admin_id=d.ADMIN.staff_id,
                                 admin_name=d.ADMIN.name, admin_pin=d.ADMIN.pin,
                                 tracking_url=d.TRACKING_URL), SYSTEM_ACTOR, None)
        for s in d.STAFF:
            yield RegisterStaff(s.staff_id, s.name, s.role, s.pin), SYSTEM_ACTOR, None

    # --- tickets -------------------------------------------------------------------------------

    def _ticket_plan(self, products: list[Product], customers: list[_Customer],
                     candidates: list[Candidate]
                     ) -> tuple[list[tuple[Command, str, Clock | None]], list[TicketToWalk]]:
        rng = self.rng
        today = self.now.date()
        first_day = first_ticket_day(today, self.size.ticket_days)
        wanted = self.size.tickets
        walk_ins = wanted // 10
        chosen = rng.sample(range(len(candidates)), min(wanted - walk_ins, len(candidates)))
        serviceable = [p for p in products if p.kind in FAULT_KINDS]
        planned: list[tuple[datetime, Candidate | None, Product | None, str | None]] = []
        for i in chosen:
            c = candidates[i]
            opened = self._opened_at(max(c.sold_at.date(), first_day), c.sold_at)
            if opened is not None:
                planned.append((opened, c, None, None))
        while len(planned) < wanted:  # walk-ins: our product, no receipt at hand
            product = rng.choice(serviceable)
            customer = rng.choice(customers).customer_id if rng.random() < 0.6 else None
            opened = self._opened_at(first_day, None)
            if opened is not None:
                planned.append((opened, None, product, customer))
        planned.sort(key=lambda entry: (entry[0], entry[1].receipt_no if entry[1] else ""))
        kind_of = {p.sku: p.kind for p in products}
        sequences: dict[date, int] = {}
        out: list[tuple[Command, str, Clock | None]] = []
        to_walk: list[TicketToWalk] = []
        for opened, cand, walk_in, customer_id in planned:
            sequences[opened.date()] = sequences.get(opened.date(), 0) + 1
            code = ticket_code(opened.date(), sequences[opened.date()])
            level = rng.choices(("simple", "complex", "major"), (55, 35, 10))[0]
            promised = opened.date() + timedelta(days={
                "simple": rng.randint(2, 5), "complex": rng.randint(5, 12),
                "major": rng.randint(10, 20)}[level])
            if cand is not None:
                sku, serial, receipt, customer_id = (cand.sku, cand.serial, cand.receipt_no,
                                                     cand.customer_id)
            else:
                assert walk_in is not None
                sku = walk_in.sku
                serial = serial_number(rng) if walk_in.serialised else ""
                receipt = None
            fault = rng.choice(d.FAULTS[kind_of[sku]])
            out.append((OpenTicket(code=code, sku=sku, fault=fault,
                                   promised_date=promised.isoformat(), service_level=level,
                                   serial=serial, receipt_no=receipt, customer_id=customer_id),
                        rng.choice(d.CLERK_IDS), FixedClock(opened)))
            to_walk.append(TicketToWalk(code, repair_rules.checklist_kind(kind_of[sku]), fault,
                                        opened, promised.isoformat(), level))
        return out, to_walk

    def _history(self, tickets: list[tuple[Command, str, Clock | None]],
                 before: list[WalkPlan]) -> list[tuple[Command, str, Clock | None]]:
        """The finished tickets of the store's long past as the previous repair system would
        export them: `ImportRepairHistory` commands of `batch` repairs; about one in twenty-five
        was handed back unrepaired, two in five were paid for."""
        rng = self.rng
        opened = {item[0].code: item[0] for item in tickets if isinstance(item[0], OpenTicket)}
        records = []
        for plan in before:
            t = opened[plan.ticket.code]
            assert plan.picked_up is not None
            repaired = rng.random() >= 0.04
            records.append(HistoricRepair(
                code=t.code, sku=t.sku, fault=t.fault,
                opened_at=plan.ticket.opened.isoformat(timespec="seconds"),
                closed_at=plan.picked_up.isoformat(timespec="seconds"),
                outcome="repaired" if repaired else "unrepaired", serial=t.serial,
                receipt_no=t.receipt_no, customer_id=t.customer_id,
                service_level=t.service_level,
                charged_fen=rng.choice((3000, 5000, 8800, 12000))
                if repaired and rng.random() < 0.4 else 0))
        size = self.size.batch
        return [(ImportRepairHistory(HISTORY_SOURCE, records[i:i + size]), SYSTEM_ACTOR, None)
                for i in range(0, len(records), size)]

    def _walk(self, plans: list[WalkPlan]) -> None:
        """The tickets walked forward (desk/demo/walk.py), about `batch` commands to a
        transaction; progress counts commands."""
        walker = Walker(evidence_root(self.bus.db.path))
        total = sum(p.commands for p in plans)
        done = 0
        self.progress("repairs", 0, total)
        for batch in _batches(plans, self.size.batch):
            with UnitOfWork(self.bus.db, SYSTEM_ACTOR) as uow:
                with steps_deferred(uow.conn):  # a ticket's step and clocks: once per batch
                    for plan in batch:
                        walker.walk(uow, plan, self.rng)
                uow.commit()
            done += sum(p.commands for p in batch)
            self.progress("repairs", done, total)

    def _opened_at(self, first: date, after: datetime | None) -> datetime | None:
        """A time during opening hours between `first` and now (and after `after`)."""
        rng = self.rng
        span = (self.now.date() - first).days
        if span < 0:
            return None
        day = first + timedelta(days=rng.randint(0, span))
        start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=OPEN_MINUTE)
        end = datetime.combine(day, datetime.min.time()) + timedelta(minutes=CLOSE_MINUTE - 30)
        if after is not None:
            start = max(start, after + timedelta(minutes=20))
        end = min(end, self.now)
        if end <= start:
            return None
        return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))

    # --- the result ----------------------------------------------------------------------------

    def _summary(self, seconds: float, plans: list[WalkPlan], imported: int) -> dict[str, Any]:
        clocks = ticket_clocks.c
        in_workshop = (clocks.status == "open") & (clocks.picked_up_at == "")
        with self.bus.db.engine.connect() as conn:
            def count(table: Any, *where: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)
                                        .where(*where)).scalar_one())

            overdue = count(ticket_clocks, in_workshop,
                            clocks.promised_date < self.now.date().isoformat())
            stages = {stage: 0 for stage in (*(f"step {n}" for n in range(1, 8)), "pickup",
                                             "picked_up", "archived")}
            stages["step 1"] = count(repairs_t.tickets) - len(plans) - imported  # not walked
            stages["archived"] = imported  # the store's long past, imported as history
            for plan in plans:
                stages[plan.stage] += 1
            summary = {
                "ok": True, "size": self.size.name, "seed": self.seed,
                "store_id": get_setting(conn, "store_id"),
                "staff": count(staff_t.staff), "categories": count(catalog_t.categories),
                "products": count(catalog_t.products), "customers": count(catalog_t.customers),
                "receipts": count(sales_t.receipts), "sale_lines": count(sales_t.receipt_lines),
                "tenders": count(sales_t.receipt_tenders),
                "promotions": count(sales_t.receipt_promotions),
                "tickets": count(repairs_t.tickets), "overdue_tickets": overdue,
                "in_workshop": count(ticket_clocks, in_workshop), "ticket_stages": stages,
                "walk_events": sum(p.commands for p in plans),
                "imported_history": imported,
                "signatures": count(signatures_t.signatures),
                "checklists": count(repairs_t.checklists),
                "events": count(t.journal), "seconds": round(seconds, 2),
            }
        return summary


FAULT_KINDS = frozenset(d.FAULTS)
HISTORY_SOURCE = "原维修系统"  # the demo store's previous repair system
_IMPORTS = (ImportSales, ImportRepairHistory)  # commands that hold a whole batch


def _count(command: Command) -> int:
    """How many records a command brings (an import: all of its batch)."""
    if isinstance(command, ImportSales):
        return len(command.sales)
    if isinstance(command, ImportRepairHistory):
        return len(command.repairs)
    return 1



def _batches(plans: list[WalkPlan], size: int) -> Iterator[list[WalkPlan]]:
    batch: list[WalkPlan] = []
    commands = 0
    for plan in plans:
        batch.append(plan)
        commands += plan.commands
        if commands >= size:
            yield batch
            batch, commands = [], 0
    if batch:
        yield batch


def checklists_from() -> date:
    """The first day on which every kind of ticket has a shipped checklist in force."""
    shipped = shipped_checklists(resources_dir() / "checklists")
    firsts = []
    for kind in repair_rules.KINDS:
        days = [c.effective_from for c in shipped if c.kind == kind]
        if not days:
            raise DeskError("repair.no_checklist", kind=kind)
        firsts.append(min(days))
    return date.fromisoformat(max(firsts))


def first_ticket_day(today: date, ticket_days: int) -> date:
    """The demo's first day of tickets: `ticket_days` up to today, never before the shipped
    checklists are in force for every kind (a ticket opened earlier would have none)."""
    first = max(today - timedelta(days=ticket_days - 1), checklists_from())
    if first > today:
        raise DeskError("repair.no_checklist", kind=", ".join(repair_rules.KINDS))
    return first


def demo_logins() -> list[dict[str, str]]:
    """The staff the login window lists on a demo database (ids, names, roles and PINs)."""
    return [{"staff_id": s.staff_id, "name": s.name, "role": s.role, "pin": s.pin}
            for s in (*d.STAFF, d.ADMIN)]


def build_demo(bus: CommandBus, size: str | DemoSize = "small", seed: int = 1,
               progress: Progress | None = None) -> dict[str, Any]:
    """Fill an empty counter database with the demo store; returns a summary (counts, seconds)."""
    spec = SIZES[size] if isinstance(size, str) else size
    if demo_state(bus.db) == "building":
        raise DeskError("demo.incomplete", path=str(bus.db.path or ":memory:"))
    if has_store(bus.db):
        raise DeskError("demo.not_empty", store_id=bus.db.store_id())
    return _Builder(bus, spec, seed, progress).build()
