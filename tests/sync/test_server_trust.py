"""A store's password must not be able to block anyone's sync: logged in as a store role, raw
writes are refused, and desk.push_events refuses another store's device, another store's events,
a forged hash, a broken link, a gap and a rewritten event — while honest counters keep syncing."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import select

from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.events import GENESIS_HASH, Event
from desk.platform.journal import event_from_row
from desk.sync.transport import PgTransport
from tests.support.server import RAW_INSERT, own
from tests.sync.helpers import Counter, seed_catalogue


@pytest.fixture
def stores(central):
    """Head office with a catalogue, one counter of S001 and one of S002, all synced."""
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", central.store_url("S001"))
    c = Counter.first(None, "S002", central.store_url("S002"))
    a.sync()
    c.sync()
    attacker = PgTransport(central.store_url("S001"))
    yield hq, a, c, attacker
    attacker.close()
    for counter in (hq, a, c):
        counter.close()


def forged(device_id: str, seq: int, prev: str, store: str = "S001", **payload: object) -> Event:
    return Event(event_id=str(uuid.uuid4()), store_id=store, device_id=device_id,
                 device_seq=seq, hlc=f"{1_700_000_000_000 + seq:016d}-0000-x", actor="9999",
                 kind="customer.registered", entity_id=f"C{seq:07d}",
                 payload={"name": "x", "phone": "", "member_id": "", "note": "", **payload},
                 prev_hash=prev).sealed()


def refused(push, *args) -> DeskError:
    with pytest.raises(DeskError) as err:
        push(*args)
    return err.value


def assert_honest_counters_still_sync(central, a: Counter, c: Counter) -> None:
    """New sales on S001 and S002 go up, and a second S001 counter joins and gets them."""
    before = central.count()
    a.sale(f"R26112001{uuid.uuid4().int % 10**5:05d}")
    c.sale(f"R26112002{uuid.uuid4().int % 10**5:05d}")
    assert a.sync().pushed == 1 and c.sync().pushed == 1
    assert central.count() == before + 2
    b = Counter.joining(None, central.store_url("S001"), "S001-2")
    try:
        a.sync()
        assert a.projections() == b.projections()
        assert a.verify_ok() and b.verify_ok() and c.verify_ok()
    finally:
        b.close()


def test_the_raw_insert_attack_is_refused_and_blocks_nobody(central, stores):
    _hq, a, c, _attacker = stores
    with psycopg.connect(central.store_url("S001"), autocommit=True) as conn:
        for device in (a.db.device_id, c.db.device_id):  # its own store's and another's
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(RAW_INSERT, (str(uuid.uuid4()), device))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO desk.devices (device_id, store_id, last_seq, last_hash) "
                         "VALUES ('dev-x', 'S001', 99, 'x')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE desk.store_seq SET last_seq = 1000000")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT nextval('desk.events_server_seq_seq')")
    assert_honest_counters_still_sync(central, a, c)


def test_pushing_another_stores_device_is_refused(central, stores):
    _hq, a, c, attacker = stores
    theirs = own(c)
    # S002's own events, replayed with S001's password: the device is S002's.
    err = refused(attacker.push, c.db.device_id, "S002", theirs)
    assert err.code == "sync.device_of_other_store"
    assert err.params["device_id"] == c.db.device_id
    # The attack of the issue: S002's device id at sequence 99, as a store-S001 event.
    nxt = forged(c.db.device_id, 99, theirs[-1].hash)
    assert refused(attacker.push, c.db.device_id, "S001", [nxt]).code == \
        "sync.device_of_other_store"
    assert_honest_counters_still_sync(central, a, c)


def test_events_of_another_store_are_refused(central, stores):
    _hq, a, c, attacker = stores
    err = refused(attacker.push, "dev-new", "S001", [forged("dev-new", 1, GENESIS_HASH, "S002")])
    assert err.code == "sync.event_of_other_store" and err.params["event_store"] == "S002"
    assert central.count("SELECT count(*) FROM desk.devices WHERE device_id = 'dev-new'") == 0
    assert_honest_counters_still_sync(central, a, c)


def test_forged_hash_broken_link_and_gap_are_refused_whole(central, stores):
    _hq, a, c, attacker = stores
    a.sale("R2611200100001")
    a.sale("R2611200100002")
    mine = own(a)
    pushed = central.count("SELECT last_seq FROM desk.devices WHERE device_id = %s",
                           a.db.device_id)
    new = mine[pushed:]
    assert len(new) == 2
    # A hash that is not the SHA-256 of the content (content changed after sealing).
    tampered = [new[0], replace(new[1], payload={**new[1].payload, "paid_fen": 1})]
    err = refused(attacker.push, a.db.device_id, "S001", tampered)
    assert err.code == "sync.bad_hash" and err.params["device_seq"] == new[1].device_seq
    # A resealed event (hash right) whose prev_hash does not link to the one before.
    unlinked = [new[0], replace(new[1], prev_hash="f" * 64).sealed()]
    err = refused(attacker.push, a.db.device_id, "S001", unlinked)
    assert err.code == "sync.bad_link" and err.params["device_seq"] == new[1].device_seq
    # A first event that does not link to what the server holds.
    err = refused(attacker.push, a.db.device_id, "S001", [replace(new[0], prev_hash="e" * 64)
                                                          .sealed()])
    assert err.code == "sync.bad_link"
    # A jump in the sequence, inside a batch and after what the server holds.
    err = refused(attacker.push, a.db.device_id, "S001", [new[1]])
    assert err.code == "sync.gap" and (err.params["expected"], err.params["got"]) == \
        (new[0].device_seq, new[1].device_seq)
    jump = forged(a.db.device_id, new[1].device_seq + 5, new[1].hash)
    err = refused(attacker.push, a.db.device_id, "S001", [*new, jump])
    assert err.code == "sync.gap" and err.params["got"] == jump.device_seq
    # Nothing of any refused batch was taken.
    assert central.count("SELECT last_seq FROM desk.devices WHERE device_id = %s",
                         a.db.device_id) == pushed
    assert a.sync().pushed == 2
    assert_honest_counters_still_sync(central, a, c)


def test_a_replayed_batch_is_harmless_and_a_rewritten_event_is_refused(central, stores):
    _hq, a, c, attacker = stores
    mine = own(a)
    before = central.count()
    ack = attacker.push(a.db.device_id, "S001", mine)
    assert (ack.inserted, ack.skipped, ack.last_seq) == (0, len(mine), mine[-1].device_seq)
    assert central.count() == before
    # The same number with other content (resealed, so its own hash is right).
    rewritten = replace(mine[1], payload={**mine[1].payload, "note": "x"}).sealed()
    err = refused(attacker.push, a.db.device_id, "S001", [mine[0], rewritten, *mine[2:]])
    assert err.code == "sync.conflicting_event" and err.params["device_seq"] == 2
    # A new event reusing an event id the server holds.
    reused = replace(forged(a.db.device_id, len(mine) + 1, mine[-1].hash),
                     event_id=mine[0].event_id).sealed()
    assert refused(attacker.push, a.db.device_id, "S001", [reused]).code == \
        "sync.conflicting_event"
    assert central.count() == before
    assert_honest_counters_still_sync(central, a, c)


def test_server_hash_matches_python_for_every_kind_of_character(central, stores):
    """Quotes, backslashes, every control character, non-ASCII (CJK, emoji, U+2028, BOM) in
    the payload and in the text fields: the server's recomputed hash agrees with Python's."""
    _hq, a, _c, attacker = stores
    tricky = "".join(chr(i) for i in range(1, 0x80)) + "é退货\u2028\u2029\U0001F600\ufeff\x7f"
    with psycopg.connect(central.store_url("S001"), autocommit=True) as conn:
        server = conn.execute("SELECT to_json(%s::text)::text", (tricky,)).fetchone()[0]
    assert server == json.dumps(tricky, ensure_ascii=False)
    first = forged("dev-tricky", 1, GENESIS_HASH, nested={"k\"\\": [tricky, 1, -2, True, None]},
                   name=tricky)
    first = replace(first, actor=tricky, entity_id=tricky, kind="test.tricky").sealed()
    second = forged("dev-tricky", 2, first.hash, note="\\u00e9 \\n not an escape")
    ack = attacker.push("dev-tricky", "S001", [first, second])
    assert ack.inserted == 2
    # Pulled back, the events verify on an honest counter.
    a.sync()
    with a.db.engine.connect() as conn:
        got = [event_from_row(r) for r in conn.execute(
            select(t.journal).where(t.journal.c.device_id == "dev-tricky")
            .order_by(t.journal.c.device_seq))]
    assert [e.hash for e in got] == [first.hash, second.hash]
    assert got[0].payload["nested"] == {"k\"\\": [tricky, 1, -2, True, None]}
    assert a.verify_ok()


def test_a_payload_that_is_not_a_json_object_is_refused(central, stores):
    _hq, _a, _c, attacker = stores
    conn = attacker.connection()
    with pytest.raises(psycopg.Error) as err:
        conn.execute("SELECT * FROM desk.push_events('dev-j', ARRAY['e1'], ARRAY['S001'], "
                     "ARRAY[1], ARRAY['h'], ARRAY['a'], ARRAY['k'], ARRAY['x'], ARRAY['not json'],"
                     f" ARRAY['{GENESIS_HASH}'], ARRAY['h'])")
    assert err.value.sqlstate == "DS008"


def test_a_payload_not_spelled_as_the_counters_spell_it_is_refused(central, stores):
    """A hand-made event whose payload is valid JSON but not canonical (spaces, unsorted keys),
    with a hash over that spelling: every honest counter would recompute another hash and stop
    pulling. The server refuses it, and honest counters keep syncing."""
    _hq, a, c, attacker = stores
    honest = forged("dev-spelling", 1, GENESIS_HASH)
    spelled = '{"note": "", "name": "x", "phone": "", "member_id": ""}'  # spaces, unsorted
    body = json.dumps({**{k: getattr(honest, k) for k in (
        "actor", "device_id", "device_seq", "entity_id", "event_id", "hlc", "kind",
        "prev_hash", "store_id")}, "payload": "@@"}, sort_keys=True, separators=(",", ":"),
        ensure_ascii=False).replace('"@@"', spelled)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    conn = attacker.connection()
    with pytest.raises(psycopg.Error) as err:
        conn.execute(
            "SELECT * FROM desk.push_events(%s, ARRAY[%s], ARRAY['S001'], ARRAY[1], ARRAY[%s],"
            " ARRAY[%s], ARRAY[%s], ARRAY[%s], ARRAY[%s], ARRAY[%s], ARRAY[%s])",
            ("dev-spelling", honest.event_id, honest.hlc, honest.actor, honest.kind,
             honest.entity_id, spelled, GENESIS_HASH, digest))
    assert err.value.sqlstate == "DS006"
    conn.rollback()
    assert attacker.push("dev-spelling", "S001", [honest]).inserted == 1  # spelled right: taken
    assert_honest_counters_still_sync(central, a, c)
