"""`UnitOfWork.projected_together`: events recorded inside are appended at its end and projected
as one batch, giving the tables, the chain and the changes that recording them one by one gives."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.capabilities import open_database
from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.platform import tables as t
from desk.platform.bus import CommandBus
from desk.platform.changes import Changed
from desk.platform.journal import verify
from desk.platform.uow import UnitOfWork
from desk.sales import tables as sales_t
from desk.sales.commands import RecordSale, SaleLine, Tender
from desk.sales.handlers import sale_payload
from tests.support.staff import ADMIN, ADMIN_PIN


def stocked(bus: CommandBus) -> CommandBus:
    bus.dispatch(DefineCategory("A01", "厨房电器", "appliance"), ADMIN)
    bus.dispatch(RegisterProduct("P100001", "佳厨空气炸锅 4.5L", "A01", 34900), ADMIN)
    bus.dispatch(RegisterCustomer("C0000001", "张三", "13912345678"), ADMIN)
    return bus


@pytest.fixture
def shop(bus):
    return stocked(bus)


@pytest.fixture
def other_shop(clock):
    db = open_database(None, wall_ms=clock.now_ms)
    other = CommandBus(db, clock)
    initialise_counter(other, store_id="S001", store_name="测试百货", device_name="二号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin=ADMIN_PIN)
    yield stocked(other)
    db.dispose()


def sales(n: int) -> list[dict]:
    names = {"P100001": "佳厨空气炸锅 4.5L"}
    return [sale_payload(RecordSale(
        receipt_no=f"R2611200100{i:02d}", sold_at="2026-11-20T10:15:00",
        lines=[SaleLine("P100001", 1, 34900, 0, f"SN{i:010d}")],
        tenders=[Tender("cash", 34900)], customer_id="C0000001"), names) for i in range(n)]


def record(bus, payloads: list[dict], together: bool) -> set[Changed]:
    with UnitOfWork(bus.db, ADMIN) as uow:
        if together:
            with uow.projected_together():
                for p in payloads:
                    uow.record("sale.recorded", p["receipt_no"], p)
                assert uow.conn.execute(select(sales_t.receipts)).all() == []  # not yet
        else:
            for p in payloads:
                uow.record("sale.recorded", p["receipt_no"], p)
        uow.commit()
        return uow.changes


def tables(bus) -> list[list[tuple]]:
    """The sale tables and the conflicts (without the ids of the device and its events)."""
    c = t.conflicts.c
    with bus.db.engine.connect() as conn:
        return [sorted(tuple(r) for r in conn.execute(select(*tb)))
                for tb in (sales_t.receipts.c, sales_t.receipt_lines.c, sales_t.receipt_tenders.c,
                           (c.code, c.entity_id, c.status))]


def test_together_gives_the_tables_and_changes_of_one_by_one(shop, other_shop):
    other = other_shop
    payloads = sales(5)
    payloads.append({**payloads[0], "points_earned": 7})  # a rival of the first: a conflict
    changed_together = record(shop, payloads, together=True)
    changed_alone = record(other, payloads, together=False)
    assert Changed.RECEIPTS in changed_together and Changed.CONFLICTS in changed_together
    assert changed_together == changed_alone
    assert tables(shop) == tables(other)
    assert len(tables(shop)[0]) == 5 and len(tables(shop)[3]) == 1
    with shop.db.engine.connect() as conn:
        assert verify(conn).ok  # one chain, every hash in order


def test_nothing_is_appended_when_the_work_inside_fails(shop):
    payloads = sales(3)
    with UnitOfWork(shop.db, ADMIN) as uow:
        with pytest.raises(RuntimeError), uow.projected_together():
            for p in payloads:
                uow.record("sale.recorded", p["receipt_no"], p)
            raise RuntimeError("refused half way")
        assert uow.conn.execute(select(t.journal).where(
            t.journal.c.kind == "sale.recorded")).all() == []
    assert tables(shop)[0] == []
