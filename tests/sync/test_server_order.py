"""Pushes of different stores do not wait for one another (numbers are per store), a store's
numbers never commit out of order, and `init_central` upgrades a schema-1 database."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import delete

from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.sync.central import SCHEMA_VERSION, central_status, init_central
from desk.sync.transport import PushBatch
from tests.support.server import RAW_INSERT, own
from tests.sync.helpers import Counter, seed_catalogue


@pytest.fixture
def stores(central):
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", central.store_url("S001"))
    a.sync()
    b = Counter.joining(None, central.store_url("S001"), "S001-2")
    c = Counter.first(None, "S002", central.store_url("S002"))
    c.sync()
    yield hq, a, b, c
    for counter in (hq, a, b, c):
        counter.close()


def numbers(central, store: str) -> list[tuple[int, str, int]]:
    with central.admin() as conn:
        return conn.execute("SELECT store_seq, device_id, device_seq FROM desk.events "
                            "WHERE store_id = %s ORDER BY store_seq", (store,)).fetchall()


def test_an_open_push_of_one_store_blocks_no_other_store(central, stores):
    _hq, a, b, c = stores
    a.sale("R2611200100001")
    new = own(a)[-1:]
    held = psycopg.connect(central.store_url("S001"))  # a transaction left open
    try:
        held.execute("SELECT * FROM desk.push_events(%s, %s::text[], %s::text[], %s::int[], "
                     "%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
                     "%s::text[])", PushBatch.of(new).arguments(a.db.device_id))
        # S002 pushes meanwhile; a lock wait would fail it after 2 s.
        c.transport.connection().execute("SET lock_timeout = '2s'")
        c.sale("R2611200200001")
        assert c.sync().pushed == 1
        # Another counter of the same store does wait: its numbers come after the open ones.
        b.transport.connection().execute("SET lock_timeout = '200ms'")
        b.sale("R2611200100002")
        with pytest.raises(DeskError):
            b.sync()
        held.commit()
    finally:
        held.close()
    assert b.sync().pushed == 1 and a.sync().pushed == 0
    # Each store is numbered 1..n without a hole, each device in its own order.
    for store in ("S001", "S002", "HQ"):
        rows = numbers(central, store)
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        for device in {r[1] for r in rows}:
            seqs = [r[2] for r in rows if r[1] == device]
            assert seqs == list(range(1, len(seqs) + 1))
    a.sync()
    assert a.projections() == b.projections()


V1 = [
    "DROP FUNCTION desk.push_events(text, text[], text[], integer[], text[], text[], text[], "
    "text[], text[], text[], text[])",
    "DROP TABLE desk.store_seq",
    "ALTER TABLE desk.events DROP COLUMN store_seq",
    "CREATE INDEX ix_events_store_seq ON desk.events (store_id, server_seq)",
    "DELETE FROM desk.meta WHERE key = 'central_id'",
    "UPDATE desk.meta SET value = '1' WHERE key = 'schema_version'",
    "GRANT SELECT, INSERT ON desk.events TO desk_store",
    "GRANT SELECT, INSERT, UPDATE ON desk.devices TO desk_store",
    "GRANT USAGE ON SEQUENCE desk.events_server_seq_seq TO desk_store",
    "CREATE POLICY events_write ON desk.events FOR INSERT TO desk_store "
    "WITH CHECK (store_id = desk.current_store())",
]


def test_init_upgrades_a_schema_1_database(central, stores):
    """A database as schema 1 left it (global numbers, raw INSERT for stores, no identity) and
    counters of the old program (no binding, a global cursor): after `init` the events are
    numbered per store in their old order, raw writes are refused and everyone syncs on."""
    hq, a, b, c = stores
    a.sale("R2611200100001")
    c.sale("R2611200200001")
    for counter in (a, c, b):
        counter.sync()
    with central.admin() as conn:
        for step in V1:
            conn.execute(step)
        old_order = conn.execute("SELECT store_id, event_id FROM desk.events "
                                 "ORDER BY store_id, server_seq").fetchall()
    for counter in (hq, a, b, c):
        with counter.db.write_lock, counter.db.engine.begin() as conn:
            conn.execute(delete(t.local_settings).where(t.local_settings.c.key.in_(
                ["sync.central_id", "sync.server_cursors"])))
    done = init_central(central.admin_url)
    assert (done["was"], done["schema_version"]) == (1, SCHEMA_VERSION) and done["central_id"]
    with central.admin() as conn:
        new_order = conn.execute("SELECT store_id, event_id FROM desk.events "
                                 "ORDER BY store_id, store_seq").fetchall()
        tops = dict(conn.execute("SELECT store_id, last_seq FROM desk.store_seq").fetchall())
    assert new_order == old_order
    assert tops == {s: len(numbers(central, s)) for s in ("S001", "S002", "HQ")}
    with psycopg.connect(central.store_url("S001"), autocommit=True) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(RAW_INSERT, ("x", a.db.device_id))
    a.sale("R2611200100002")
    assert a.sync().pushed == 1
    b.sync()
    c.sync()
    assert a.projections() == b.projections()
    assert central_status(central.admin_url)["stores"]["S001"]["events"] == \
        len(numbers(central, "S001"))
