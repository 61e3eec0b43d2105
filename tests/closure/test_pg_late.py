"""A closure on one counter and offline work of another synced afterwards, through a real
PostgreSQL: the closed report never changes, the next one lists the late arrival."""

from __future__ import annotations

from datetime import datetime

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.closure import queries
from desk.platform.bus import CommandBus
from desk.platform.ports import FixedClock
from desk.sync.engine import sync_once
from desk.sync.transport import PgTransport
from tests.closure.day import DAY, at, ret
from tests.closure.signing import close
from tests.returns.seed import sale, seed


def test_a_late_event_through_postgres_lands_on_the_next_report(central):
    url = central.store_url("S001")
    a_db = open_database(None)
    a = CommandBus(a_db, FixedClock(datetime(2026, 11, 15, 10, 0)))
    initialise_counter(a, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999")
    seed(a)
    sale(a, "R1", [("P000001", 2)], tenders=[("cash", 39800)])
    a_link, b_link = PgTransport(url), PgTransport(url)
    b_db = open_database(None)
    try:
        sync_once(a_db, a_link)
        sync_once(b_db, b_link, counter_name="二号柜台")  # counter 2 joins with everything
        b = CommandBus(b_db)
        at(a, "2026-11-20T10:00:00")
        mine = ret(a, "R1", (1, 1), reason="尺码不合")
        at(b, "2026-11-20T12:00:00")  # counter 2, offline: not synced before the closure
        late = ret(b, "R1", (1, 1), reason="质量问题")
        sync_once(a_db, a_link)
        at(a, "2026-11-21T09:00:00")
        closed = close(a, DAY, counted={100: 1}, opening=20000, note="n", confirm=False).value
        with a_db.engine.connect() as conn:
            frozen = queries.report(conn, DAY)
        assert frozen.numbers["returns"]["refund_fen"] == mine["refund_fen"]
        sync_once(b_db, b_link)  # counter 2 comes back: pushes its return
        sync_once(a_db, a_link)  # counter 1 pulls it and pushes its closure
        with a_db.engine.connect() as conn:
            again = queries.report(conn, DAY)
            nxt = queries.x_report(conn, "2026-11-21")
        assert again.numbers == frozen.numbers and again.fingerprint == closed["fingerprint"]
        (arrival,) = nxt.numbers["late_arrivals"]
        assert (arrival["ref"], arrival["at"], arrival["business_date"], arrival["device"],
                arrival["fen"]) == (late["return_id"], "2026-11-20T12:00:00", DAY,
                                    b_db.device_id, late["refund_fen"])
        sync_once(b_db, b_link)
        with b_db.engine.connect() as conn:  # counter 2 shows the same frozen closure
            assert queries.report(conn, DAY).fingerprint == closed["fingerprint"]
    finally:
        a_link.close()
        b_link.close()
        a_db.dispose()
        b_db.dispose()
