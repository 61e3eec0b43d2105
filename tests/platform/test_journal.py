"""The journal: gap-free sequences, the hash chain, verify's first-break report, rebuild."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text, update

from desk.capabilities import REGISTRY
from desk.catalog.commands import RegisterCustomer, UpdateCustomer
from desk.platform import tables as t
from desk.platform.journal import verify
from desk.platform.projections import rebuild
from tests.support.journal import dump
from tests.support.staff import ADMIN


def test_events_are_chained_and_gap_free(bus, db):
    for i in range(5):
        bus.dispatch(RegisterCustomer(customer_id=f"C{i}", customer_name=f"客户{i}"), ADMIN)
    with db.engine.connect() as conn:
        rows = conn.execute(t.journal.select().order_by(t.journal.c.seq)).all()
        report = verify(conn)
    assert [r.device_seq for r in rows] == list(range(1, len(rows) + 1))
    assert all(b.prev_hash == a.hash for a, b in pairwise(rows))
    assert report.ok and report.events == len(rows)


def test_verify_reports_first_altered_event(bus, db):
    for i in range(4):
        bus.dispatch(RegisterCustomer(customer_id=f"C{i}", customer_name=f"客户{i}"), ADMIN)
    with db.engine.begin() as conn:
        conn.execute(update(t.journal).where(t.journal.c.device_seq == 6)
                     .values(payload='{"name":"篡改"}'))
    with db.engine.connect() as conn:
        report = verify(conn)
    assert not report.ok
    assert report.first_break.device_seq == 6
    assert report.first_break.problem == "bad_hash"


def test_verify_reports_gap(bus, db):
    for i in range(3):
        bus.dispatch(RegisterCustomer(customer_id=f"C{i}", customer_name=f"客户{i}"), ADMIN)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM journal WHERE device_seq = 5"))
    with db.engine.connect() as conn:
        report = verify(conn)
    assert report.first_break.problem == "gap" and report.first_break.device_seq == 5


def test_rebuild_gives_identical_tables(bus, db):
    bus.dispatch(RegisterCustomer(customer_id="C1", customer_name="李雷", phone="13812345678"),
                 ADMIN)
    bus.dispatch(UpdateCustomer(customer_id="C1", phone="13900001111"), ADMIN)
    with db.engine.begin() as conn:
        before = dump(conn)
        rebuild(conn, REGISTRY)
        after = dump(conn)
    assert before == after
    assert before["customers"][0][4] == "13900001111"


def test_rebuild_reports_progress_and_an_interrupted_one_leaves_the_tables(bus, db, monkeypatch):
    import desk.platform.projections as projections

    monkeypatch.setattr(projections, "REPLAY_BATCH", 4)  # several batches from a few events
    for i in range(6):
        bus.dispatch(RegisterCustomer(customer_id=f"C{i}", customer_name=f"客户{i}"), ADMIN)
    with db.engine.connect() as conn:
        before = dump(conn)
        indexes_before = indexes(conn)
    heard: list[tuple[int, int]] = []

    def interrupt(done: int, total: int) -> None:
        heard.append((done, total))
        if len(heard) == 2:
            raise KeyboardInterrupt

    try:
        with db.writing() as conn:
            rebuild(conn, REGISTRY, progress=interrupt)
    except KeyboardInterrupt:
        pass
    total = heard[0][1]
    assert heard == [(4, total), (8, total)] and total > 8
    with db.engine.connect() as conn:
        assert dump(conn) == before  # rolled back: the previous tables stay
        assert indexes(conn) == indexes_before  # and their indexes
    with db.writing() as conn:
        assert rebuild(conn, REGISTRY, progress=lambda d, t: heard.append((d, t))) == total
    assert heard[-1] == (total, total)
    with db.engine.connect() as conn:
        assert dump(conn) == before
        assert indexes(conn) == indexes_before


def indexes(conn) -> list[tuple[str, str]]:
    return conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "AND sql IS NOT NULL ORDER BY name").all()


def test_the_lookup_indexes_are_built_after_the_replay_as_the_database_had_them(bus, db,
                                                                               monkeypatch):
    import desk.platform.projections as projections

    monkeypatch.setattr(projections, "REPLAY_BATCH", 2)  # progress heard while replaying
    bus.dispatch(RegisterCustomer(customer_id="C1", customer_name="李雷"), ADMIN)
    with db.writing() as conn:  # an index as an older schema may have spelt it
        conn.exec_driver_sql("DROP INDEX ix_customers_phone")
        conn.exec_driver_sql("CREATE INDEX ix_customers_phone ON customers (phone, customer_id)")
    with db.engine.connect() as conn:
        before = indexes(conn)
    during: list[set[str]] = []

    def look(done: int, total: int) -> None:
        during.append({name for name, _sql in indexes(conn)})

    with db.writing() as conn:
        rebuild(conn, REGISTRY, progress=look)
    lookup_only = {"ix_customers_name", "ix_customers_phone", "ix_receipt_lines_sku_receipt"}
    assert during and not lookup_only & during[0]  # none kept up to date while replaying
    assert "ix_journal_entity" in during[0] and "ix_tickets_serial" in during[0]
    with db.engine.connect() as conn:
        assert indexes(conn) == before


def test_the_body_put_together_around_the_payload_is_the_canonical_json_of_the_body():
    from desk.platform.events import Event, canonical_json

    payloads = [{}, {"name": "羽绒服 \"L\"", "lines": [{"qty": 1, "x": None}], "a\u0000b": 1.5},
                {"payload": "nested", "zzz": [], "hash": "not the hash"}]
    for payload in payloads:
        e = Event("e-1", "S001", "dev-ü", 7, "0001767225600000-0000-dev", "staff\n1", "k.ind",
                  "ent'ity", payload, "0" * 64)
        assert e.body_json() == canonical_json(e.body())
        assert e.body_json(canonical_json(payload)) == canonical_json(e.body())
        assert e.sealed().hash == e.computed_hash()


@given(texts=st.lists(st.text(), min_size=7, max_size=7), seq=st.integers(min_value=0))
def test_the_body_is_canonical_for_any_text_in_the_events_fields(texts, seq):
    from desk.platform.events import Event, canonical_json

    event_id, store_id, device_id, hlc, actor, kind, entity_id = texts
    e = Event(event_id, store_id, device_id, seq, hlc, actor, kind, entity_id, {"k": texts},
              "0" * 64)
    assert e.body_json() == canonical_json(e.body())
