"""An upgrade fills only what it made stale: each refill gives the tables a whole rebuild gives,
and writes nothing else; a kind projected for the first time, last, gives them too; the marker
migrations leave, old and new; and an upgrade from 0012 on a store with repairs, imports, rival
openings from a second counter and escalations."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import func, select

from desk.capabilities import REGISTRY
from desk.catalog.commands import UpdateCustomer
from desk.platform import tables as t
from desk.platform.db import Database
from desk.platform.migrate import alembic_config, upgrade_to_head
from desk.platform.projections import rebuild
from desk.platform.refill import (
    EVERY_TABLE,
    Stale,
    mark_stale,
    project_kinds,
    refill,
    replay_stale,
    stale,
)
from desk.platform.registry import Capability, Refill, Registry, RegistryError
from desk.repairs.commands import EscalateTicket, OpenTicket
from desk.repairs.evidence import evidence_root, store_photo
from desk.repairs.history import HistoricRepair, ImportRepairHistory
from tests.repairs.helpers import TECH, open_ticket, png_bytes, seed_repairs
from tests.returns.seed import CLERK, CUSTOMER, MANAGER
from tests.support.counters import apply_pulled, events, last_seq, own, second_counter
from tests.support.journal import dump

NEW_KIND = "ticket.imported"  # the kind migration 0016 teaches the projections


def imported(code: str, serial: str) -> HistoricRepair:
    return HistoricRepair(code=code, sku="P000003", fault="不加热", serial=serial,
                          opened_at="2026-10-02T10:15:00", closed_at="2026-10-06T16:40:00",
                          fault_kind="no_heat", charged_fen=0)


def open_with_notes(bus, code: str, photo: str, condition: str) -> None:
    bus.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热", promised_date="2026-11-25",
                            accessories=["充电器"], condition=condition,
                            condition_photos=[photo]), CLERK)


@pytest.fixture
def shop(bus, clock, tmp_path, monkeypatch) -> Iterator[Database]:
    """Counter 1 of S001 after a day with everything the refills feed on, merged with a second
    counter that worked offline: the same ticket code opened on both (different notes), a code
    imported on one and opened on the other, escalations, a customer renamed on both."""
    monkeypatch.setenv("DESK_HOME", str(tmp_path))
    seed_repairs(bus)
    db = bus.db
    photo = store_photo(evidence_root(db.path), png_bytes()).sha256
    db2, bus2 = second_counter(db, clock)
    mark = last_seq(db)
    open_with_notes(bus, "T0001", photo, "外壳划痕")
    open_ticket(bus, "T0002")
    open_ticket(bus2, "H-1001")  # a code counter 1 imports below
    clock.advance(minutes=60)  # nobody answered: the response deadlines passed
    for code in ("T0001", "T0002"):
        bus.dispatch(EscalateTicket(ticket_code=code, reason="response_breached",
                                    note="无人接单"), TECH)
    bus.dispatch(ImportRepairHistory(source="旧维修系统", repairs=[
        imported("H-1001", "SN-1"), imported("H-1002", "SN-2")]), MANAGER)
    bus.dispatch(UpdateCustomer(customer_id=CUSTOMER, customer_name="韩梅"), CLERK)
    open_with_notes(bus2, "T0001", photo, "屏幕裂了")  # the same code, offline
    bus2.dispatch(EscalateTicket(ticket_code="H-1001", reason="response_breached"), TECH)
    bus2.dispatch(UpdateCustomer(customer_id=CUSTOMER, customer_name="韩梅梅二"), CLERK)
    apply_pulled(db, own(db2), None)
    apply_pulled(db2, events(db, mark), None)
    db2.dispose()
    yield db


def rebuilt(db: Database) -> dict[str, list[tuple]]:
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
        return dump(conn)


def test_the_day_feeds_every_refill(shop):
    tables = rebuilt(shop)
    for name in ("ticket_clocks", "ticket_escalations", "ticket_intake", "name_suffixes",
                 "ticket_history", "conflicts"):
        assert tables[name], name  # else a refill test below would prove nothing
    assert len(tables["ticket_escalations"]) == 3
    assert {row[0] for row in tables["ticket_history"]} == {"H-1002"}  # H-1001 was opened


def refills() -> list[Refill]:
    return list({id(r): r for r in REGISTRY.refills.values()}.values())


@pytest.mark.parametrize("one", refills(), ids=lambda r: r.tables[0].name)
def test_a_refill_gives_what_a_rebuild_gives_and_writes_nothing_else(shop, one):
    whole = rebuilt(shop)
    written: set[str] = set()

    def watch(action: int, table: str | None, *_: object) -> int:
        if action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE):
            written.add(str(table))
        return sqlite3.SQLITE_OK

    with shop.engine.begin() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.set_authorizer(watch)
        try:
            refill(conn, REGISTRY, (one,))
        finally:
            driver.set_authorizer(None)
        assert dump(conn) == whole
    assert written == {table.name for table in one.tables}


def older_registry(without: str) -> Registry:
    """The registry as a release that did not know `without` had it."""
    caps = [dataclasses.replace(cap, projectors={k: p for k, p in cap.projectors.items()
                                                 if k != without})
            for cap in REGISTRY.capabilities]
    return Registry(caps, role_of=REGISTRY.role_of)


def test_a_kind_projected_for_the_first_time_last_gives_what_a_rebuild_gives(shop):
    whole = rebuilt(shop)
    with shop.engine.begin() as conn:
        rebuild(conn, older_registry(NEW_KIND))
        assert dump(conn) != whole  # the kind's events were kept, not projected
        assert project_kinds(conn, REGISTRY, [NEW_KIND]) == 2
        assert dump(conn) == whole


def test_the_marker_adds_up_and_an_older_one_asks_for_everything(db):
    with db.engine.begin() as conn:
        assert stale(conn) is None
        mark_stale(conn, tables=["ticket_clocks"])
        mark_stale(conn, tables=["ticket_intake"], kinds=[NEW_KIND])
        assert stale(conn) == Stale(frozenset({"ticket_clocks", "ticket_intake"}),
                                    frozenset({NEW_KIND}))
    for older in ("0013", "", "[1]", '{"tables": 3}'):
        assert Stale.from_json(older) == Stale(frozenset({EVERY_TABLE}))


def journal_count(db: Database, *kinds: str) -> int:
    query = select(func.count()).select_from(t.journal)
    if kinds:
        query = query.where(t.journal.c.kind.in_(kinds))
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def replayed(db: Database, noted: Stale) -> int:
    with db.engine.begin() as conn:
        mark_stale(conn, noted.tables, noted.kinds)
        count = replay_stale(conn, REGISTRY)
        assert stale(conn) is None
    return count


def test_a_table_without_a_refill_or_an_older_marker_replays_everything(shop):
    whole = rebuilt(shop)
    assert REGISTRY.refills_for(["ticket_clocks", "tickets"]) is None
    assert replayed(shop, Stale(frozenset({"ticket_clocks", "tickets"}))) == journal_count(shop)
    assert replayed(shop, Stale(frozenset({EVERY_TABLE}))) == journal_count(shop)
    with shop.engine.connect() as conn:
        assert dump(conn) == whole


def test_a_refill_reads_only_its_kinds(shop):
    whole = rebuilt(shop)
    noted = Stale(frozenset({"ticket_clocks", "ticket_intake", "name_suffixes"}))
    assert replayed(shop, noted) == journal_count(shop, "ticket.escalated", "ticket.opened")
    with shop.engine.connect() as conn:
        assert dump(conn) == whole


def test_an_upgrade_from_0012_fills_the_new_tables_from_their_kinds_only(shop):
    whole = rebuilt(shop)
    command.downgrade(alembic_config(shop.engine), "0012")
    with shop.engine.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM tickets WHERE code LIKE 'H-%'").scalar() == 1  # H-1001 opened
    passes: list[tuple[int, int]] = []
    upgrade_to_head(shop.engine, REGISTRY, progress=lambda done, total: passes.append(
        (done, total)))
    with shop.engine.connect() as conn:
        assert dump(conn) == whole
        assert stale(conn) is None
    projected = journal_count(shop, "ticket.escalated", "ticket.opened", NEW_KIND)
    assert passes[-1] == (projected, projected)  # one bar for the new kind and the refills
    assert [total for _, total in passes] == [projected] * len(passes)
    assert projected < journal_count(shop) - 20  # the sales, the set-up, the checks: not read


def test_a_refill_names_only_its_capabilitys_tables_once():
    clocks = REGISTRY.refills["ticket_clocks"]
    catalog = next(cap for cap in REGISTRY.capabilities if cap.name == "catalog")
    with pytest.raises(RegistryError, match="not its table"):
        Registry([dataclasses.replace(catalog, refills=(clocks,))], role_of=REGISTRY.role_of)
    twice = Capability(name="x", tables=clocks.tables, refills=(clocks, clocks))
    with pytest.raises(RegistryError, match="two refills"):
        Registry([twice], role_of=REGISTRY.role_of)
