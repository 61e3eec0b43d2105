"""Benchmark: 10 000 journal events pushed and pulled through PostgreSQL on loopback (≤ 10 s).

Starts its own throw-away PostgreSQL server (durable settings: fsync on), one counter that
records 10 000 sales and pushes them, and a second counter of the same store that joins and pulls
and projects them — SQLite in WAL with synchronous=FULL on both sides, as in the app.
Needs the PostgreSQL server binaries (scripts/system-packages.sh test); not the demo database.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from desk.bench import BenchContext, BenchRow
from desk.bench.pgserver import TempPostgres
from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.uow import UnitOfWork
from desk.sync.central import add_store, init_central, role_for_store
from desk.sync.engine import PULL_BATCH, PUSH_BATCH, sync_once
from desk.sync.transport import PgTransport

BUDGET_S = 2.0  # DESIGN.md: 10 000 events pushed and pulled on loopback


def sale_command(i: int) -> dict[str, object]:
    price = 1000 + (i % 50) * 100
    return {
        "receipt_no": f"R261120{1 + i // 10000:02d}{i % 10000:04d}",
        "sold_at": "2026-11-20T10:00:00",
        "customer_id": None, "points_earned": 0, "list_total_fen": price * 2,
        "discount_fen": 0, "paid_fen": price * 2,
        "lines": [{"line_no": 1, "sku": "P000001", "name": "蓝牙耳机", "qty": 2,
                   "unit_price_fen": price, "line_discount_fen": 0, "serial": "",
                   "is_gift": False, "gift_value_fen": 0}],
        "tenders": [{"tender": "wechat_pay", "amount_fen": price * 2, "reference": ""}],
        "promotions": [],
    }


def measure(events: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="desk-syncbench-"))
    try:
        with TempPostgres(fsync=True) as pg:
            admin = pg.url()
            init_central(admin)
            add_store(admin, "S001", "bench-pw")
            url = pg.url(user=role_for_store("S001"), password="bench-pw")
            a = open_database(folder / "a.sqlite3")
            initialise_counter(CommandBus(a), store_id="S001", store_name="店",
                               device_name="1", admin_id="1001", admin_name="管理",
                               admin_pin="2468")
            with UnitOfWork(a, SYSTEM_ACTOR) as uow:
                for i in range(events):
                    sale = sale_command(i)
                    uow.record("sale.recorded", str(sale["receipt_no"]), sale)
                uow.commit()
            ta = PgTransport(url)
            started = time.perf_counter()
            pushed = sync_once(a, ta)
            push_s = time.perf_counter() - started
            b = open_database(folder / "b.sqlite3")
            tb = PgTransport(url)
            started = time.perf_counter()
            pulled = sync_once(b, tb, counter_name="2")
            pull_s = time.perf_counter() - started
            ta.close()
            tb.close()
            a.dispose()
            b.dispose()
        assert pushed.pushed >= events and pulled.applied >= events
        return {"push_s": push_s, "pull_s": pull_s}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


RUNS = 3  # each on its own fresh server; the run with the median total is reported


def bench(ctx: BenchContext) -> list[BenchRow]:
    events = 2000 if ctx.quick else 10_000
    runs = sorted((measure(events) for _ in range(1 if ctx.quick else RUNS)),
                  key=lambda f: f["push_s"] + f["pull_s"])
    figures = runs[len(runs) // 2]
    total = figures["push_s"] + figures["pull_s"]
    scale = 10_000 / events
    return [
        BenchRow("10 000 events pushed and pulled through PostgreSQL on loopback", total * scale,
                 "s", BUDGET_S,
                 f"median of {len(runs)}, {events} sale events: push {figures['push_s']:.2f} s, "
                 f"pull+apply "
                 f"{figures['pull_s']:.2f} s" + (" (scaled from the quick run)" if scale > 1
                                                   else "")),
        BenchRow("sync push rate", events / figures["push_s"], "events/s", None,
                 f"batches of {PUSH_BATCH}, one server transaction each"),
        BenchRow("sync pull+apply rate", events / figures["pull_s"], "events/s", None,
                 f"pages of {PULL_BATCH}, one local transaction each, with projections; the next "
                 "page read while one is applied"),
    ]


if __name__ == "__main__":
    for row in bench(BenchContext(home=Path("."))):
        print(row)
