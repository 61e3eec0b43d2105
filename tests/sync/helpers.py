"""Counters for sync tests: real SQLite databases and the real transport."""

from __future__ import annotations

from pathlib import Path

from desk.capabilities import REGISTRY, open_database
from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.db import Database, wall_clock_ms
from desk.platform.journal import verify
from desk.sales.commands import RecordSale, SaleLine, Tender
from desk.sync.engine import SyncReport, sync_once
from desk.sync.transport import PgTransport

ADMIN = {"S001": "1001", "S002": "2001", "HQ": "9001"}
PIN = "2468"


class Counter:
    def __init__(self, db: Database, url: str) -> None:
        self.db = db
        self.bus = CommandBus(db)
        self.url = url
        self.transport = PgTransport(url)

    @classmethod
    def first(cls, path: Path | None, store: str, url: str, *, wall_ms=wall_clock_ms) -> Counter:
        """The first counter of a store (or head office): `desk init`."""
        db = open_database(path, wall_ms=wall_ms)
        counter = cls(db, url)
        initialise_counter(counter.bus, store_id=store, store_name=f"店{store}",
                           device_name=f"{store}-1", admin_id=ADMIN[store],
                           admin_name="管理员", admin_pin=PIN)
        return counter

    @classmethod
    def joining(cls, path: Path | None, url: str, name: str, *, wall_ms=wall_clock_ms) -> Counter:
        """Another counter: a fresh database that joins its store through a first sync."""
        counter = cls(open_database(path, wall_ms=wall_ms), url)
        sync_once(counter.db, counter.transport, counter_name=name)
        return counter

    @property
    def admin(self) -> str:
        return ADMIN[self.db.store_id() or "HQ"]

    def sync(self, **kw) -> SyncReport:
        return sync_once(self.db, self.transport, **kw)

    def run(self, command):
        return self.bus.dispatch(command, self.admin).value

    def sale(self, receipt_no: str, price_fen: int = 19900, qty: int = 1, sku: str = "P000001"):
        return self.run(RecordSale(
            receipt_no=receipt_no, sold_at="2026-11-20T10:00:00",
            lines=[SaleLine(sku=sku, qty=qty, unit_price_fen=price_fen)],
            tenders=[Tender(tender="cash", amount_fen=price_fen * qty)]))

    def customer(self, customer_id: str, name: str, phone: str = "") -> None:
        self.run(RegisterCustomer(customer_id=customer_id, customer_name=name, phone=phone))

    def events(self) -> int:
        with self.db.engine.connect() as conn:
            return int(count(conn, t.journal))

    def verify_ok(self) -> bool:
        with self.db.engine.connect() as conn:
            return verify(conn).ok

    def projections(self, skip: tuple[str, ...] = ("staff_auth",)) -> dict[str, list[tuple]]:
        with self.db.engine.connect() as conn:
            return {table.name: sorted(tuple(r) for r in conn.execute(table.select()))
                    for table in REGISTRY.projection_tables() if table.name not in skip}

    def close(self) -> None:
        self.transport.close()
        self.db.dispose()


def seed_catalogue(hq: Counter) -> None:
    """Head office defines the catalogue (these events reach every store)."""
    hq.bus.dispatch(DefineCategory(category_id="E", category_name="电子", kind="electronics"),
                    SYSTEM_ACTOR)
    for i in range(1, 4):
        hq.bus.dispatch(RegisterProduct(sku=f"P00000{i}", product_name=f"商品{i}",
                                        category_id="E", price_fen=1000 * i), SYSTEM_ACTOR)


def count(conn, table, *where) -> int:
    from sqlalchemy import func, select

    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
