"""Push, pull, head-office documents, conflicts and stores kept apart — against a real server."""

from __future__ import annotations

import json

import psycopg
import pytest

from desk.capabilities import REGISTRY
from desk.catalog import tables as catalog_t
from desk.catalog.commands import UpdateCustomer
from desk.platform import tables as t
from desk.platform.conflicts import open_conflicts
from desk.platform.errors import DeskError
from desk.platform.jsonable import to_jsonable
from desk.platform.projections import rebuild
from desk.sales import tables as sales_t
from desk.sync.central import SCHEMA_VERSION, init_central
from desk.sync.engine import outgoing_batch
from desk.sync.handlers import ResolveConflict
from desk.sync.transport import PushBatch
from tests.sync.helpers import Counter, count, seed_catalogue


@pytest.fixture
def chain(central):
    """Head office with a catalogue, two counters of S001 (the second joined by sync), one of
    S002."""
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", central.store_url("S001"))
    a.sync()
    b = Counter.joining(None, central.store_url("S001"), "S001-2")
    a.sync()
    c = Counter.first(None, "S002", central.store_url("S002"))
    c.sync()
    yield hq, a, b, c
    for counter in (hq, a, b, c):
        counter.close()


def test_init_is_idempotent_and_reports_the_version(central):
    again = init_central(central.admin_url)
    assert again["schema_version"] == SCHEMA_VERSION and again["was"] == SCHEMA_VERSION


def test_events_reach_the_store_and_head_office_documents_reach_everyone(central, chain):
    hq, a, b, c = chain
    with b.db.engine.connect() as conn:  # the catalogue came down from head office
        assert count(conn, catalog_t.products) == 3
    with c.db.engine.connect() as conn:
        assert count(conn, catalog_t.products) == 3
    a.sale("R2611200100001")
    b.customer("C0000001", "韩梅梅", "13800001234")
    c.sale("R2611200200001")
    ra = a.sync()
    rb = b.sync()
    a.sync()
    c.sync()
    assert ra.pushed == 1 and rb.pushed == 1 and rb.applied == 1
    assert a.projections() == b.projections()
    with c.db.engine.connect() as conn:  # another store's sale never reaches S002
        assert [r.receipt_no for r in conn.execute(sales_t.receipts.select())] == ["R2611200200001"]
    # Every event is on the server exactly once, and each counter's chain still verifies.
    assert central.count() == central.count("SELECT count(DISTINCT event_id) FROM desk.events")
    for counter in (hq, a, b, c):
        assert counter.verify_ok()
    mine = {counter.db.device_id: counter for counter in (hq, a, b, c)}
    with central.admin() as conn:
        per_device = dict(conn.execute(
            "SELECT device_id, count(*) FROM desk.events GROUP BY device_id").fetchall())
    for device_id, counter in mine.items():
        with counter.db.engine.connect() as conn:
            own = count(conn, t.journal, t.journal.c.device_id == device_id)
        assert per_device[device_id] == own


def test_the_same_batch_pushed_twice_is_taken_once(central, chain):
    _hq, a, _b, _c = chain
    for i in range(3):
        a.sale(f"R26112001000{i + 10}")
    with a.db.engine.connect() as conn:
        from desk.platform.journal import event_from_row

        rows = conn.execute(t.journal.select().where(t.journal.c.device_id == a.db.device_id)
                            .order_by(t.journal.c.device_seq)).all()
    events = [event_from_row(r) for r in rows]
    before = central.count()
    first = a.transport.push(a.db.device_id, "S001", events)
    second = a.transport.push(a.db.device_id, "S001", events)
    assert first.inserted == 3 and second.inserted == 0 and second.skipped == len(events)
    assert central.count() == before + 3
    # A batch that starts after a gap is refused whole.
    a.sale("R2611200100020")
    a.sale("R2611200100021")
    with a.db.engine.connect() as conn:
        rows = conn.execute(t.journal.select().where(t.journal.c.device_id == a.db.device_id)
                            .order_by(t.journal.c.device_seq)).all()
    last = event_from_row(rows[-1])
    with pytest.raises(DeskError) as err:
        a.transport.push(a.db.device_id, "S001", [last])
    assert err.value.code == "sync.gap" and err.value.params["expected"] == last.device_seq - 1
    assert a.sync().pushed == 2


def test_the_journal_is_pushed_as_stored_the_same_columns_as_its_events(central, chain):
    """A counter's push reads its journal rows as they are (no decoding); they are what the
    events, spelled again, would give — names in Chinese, quotes and escapes included."""
    _hq, a, _b, _c = chain
    a.customer("C0000009", '韩"梅\\梅\n', "13800009999")
    a.sale("R2611200100031")
    with a.db.engine.connect() as conn:
        from desk.platform.journal import event_from_row

        rows = conn.execute(t.journal.select().where(t.journal.c.device_id == a.db.device_id)
                            .order_by(t.journal.c.device_seq)).all()
        stored = outgoing_batch(conn, a.db.device_id, 0, 1000)
        tail = outgoing_batch(conn, a.db.device_id, len(rows) - 1, 1000)
        after_all = outgoing_batch(conn, a.db.device_id, len(rows), 1000)
    events = [event_from_row(r) for r in rows]
    assert stored == PushBatch.of(events) and len(stored) == len(rows)
    assert tail == PushBatch.of(events[-1:]) and len(after_all) == 0
    assert a.sync().pushed == 2  # the customer and the sale: the earlier ones are there


def test_a_store_cannot_read_or_write_another_stores_rows(central, chain):
    _hq, a, _b, c = chain
    a.sale("R2611200100001")
    a.sync()
    c.sale("R2611200200001")
    c.sync()
    with psycopg.connect(central.store_url("S002"), autocommit=True) as conn:
        stores = {r[0] for r in conn.execute("SELECT DISTINCT store_id FROM desk.events")}
        assert stores == {"S002", "HQ"}
        devices = {r[0] for r in conn.execute("SELECT DISTINCT store_id FROM desk.devices")}
        assert devices == {"S002"}
        # Writing as another store: refused by the row-level security policy.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO desk.events (event_id, store_id, device_id, device_seq, hlc, actor,"
                " kind, entity_id, payload, prev_hash, hash) VALUES ('x', 'S001', 'd', 1, 'h',"
                " 'a', 'k', 'e', '{}', 'p', 'h')")
        # Moving any device's position: store roles have no UPDATE at all (they push through
        # desk.push_events only; tests/sync/test_server_trust.py).
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE desk.devices SET last_seq = 0 WHERE store_id = 'S001'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM desk.events")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM desk.store_roles")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE desk.events SET kind = 'x'")
    # Head office reads every store.
    with psycopg.connect(central.store_url("HQ"), autocommit=True) as conn:
        stores = {r[0] for r in conn.execute("SELECT DISTINCT store_id FROM desk.events")}
        assert stores == {"S001", "S002", "HQ"}
    # A counter of S002 syncing with S001's credentials is refused before anything moves.
    with pytest.raises(DeskError) as err:
        Counter(c.db, central.store_url("S001")).sync()
    assert err.value.code == "sync.wrong_store"


def test_same_receipt_on_two_counters_offline_is_a_conflict_on_both(central, chain):
    _hq, a, b, _c = chain
    a.sale("R2611200100077", price_fen=19900)
    b.sale("R2611200100077", price_fen=5000)
    for counter in (a, b, a):
        counter.sync()
    assert a.projections() == b.projections()
    with a.db.engine.connect() as conn:
        found = open_conflicts(conn)
        receipt = conn.execute(sales_t.receipts.select()).one()
    assert [c.code for c in found] == ["sale.duplicate_receipt"]
    assert len(found[0].events) == 2
    first = min(found[0].events, key=lambda e: e.hlc)
    assert receipt.paid_fen == first.facts["paid_fen"]  # the first by HLC is shown
    # A manager resolves it on counter b: a journal fact that reaches counter a.
    b.run(ResolveConflict(conflict_id=found[0].conflict_id, decision="keep_first",
                          note="第二笔为重复录入"))
    b.sync()
    a.sync()
    with a.db.engine.connect() as conn:
        assert open_conflicts(conn) == []
        resolved = open_conflicts(conn, include_resolved=True)[0]
    assert resolved.resolutions[0].decision == "keep_first"
    assert a.projections() == b.projections()
    # The rebuild reproduces the same tables, conflicts included.
    before = a.projections()
    with a.db.write_lock, a.db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    assert a.projections() == before


def test_customer_registered_twice_merges_by_hlc_and_is_recorded(central, chain):
    _hq, a, b, _c = chain
    a.customer("C0000009", "李雷", "13900000001")
    b.customer("C0000009", "李雷雷", "13900000002")
    b.run(UpdateCustomer(customer_id="C0000009", note="VIP"))
    for counter in (a, b, a):
        counter.sync()
    assert a.projections() == b.projections()
    with a.db.engine.connect() as conn:
        row = conn.execute(catalog_t.customers.select()).one()
        codes = [c.code for c in open_conflicts(conn)]
    assert (row.name, row.phone, row.note) == ("李雷雷", "13900000002", "VIP")
    assert codes == ["customer.duplicate_id"]


def test_an_identical_duplicate_is_not_a_conflict(central, chain):
    """The same POS sale imported on two counters: one receipt, nothing for a manager."""
    _hq, a, b, _c = chain
    a.sale("R2611200100088")
    b.sale("R2611200100088")
    for counter in (a, b, a):
        counter.sync()
    with a.db.engine.connect() as conn:
        assert open_conflicts(conn) == []
        assert count(conn, sales_t.receipts) == 1
    assert a.projections() == b.projections()


def test_report_says_what_moved(central, chain):
    _hq, a, b, _c = chain
    for i in range(5):
        a.sale(f"R261120010{i:04d}")
    report = a.sync(push_batch=2)
    assert (report.pushed, report.push_batches, report.waiting) == (5, 3, 0)
    pulled = b.sync(pull_batch=2)
    assert pulled.pulled == 5 and pulled.applied == 5 and "receipts" in pulled.changes
    assert json.loads(json.dumps(to_jsonable(pulled)))["pulled"] == 5
