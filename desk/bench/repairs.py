"""A repair check committed (journal + ticket projection, durable) on a file database.

Self-contained: builds a counter with an appliance and a technician in a temporary folder, opens
tickets and records the booking step's three checks of each (two notes and a tick), timing each
`RecordCheck` dispatch. `python -m desk.bench.repairs [runs]` prints the median and p95.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from desk.bench import BenchContext, BenchRow, p95
from desk.capabilities import open_database
from desk.catalog.commands import DefineCategory, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.repairs.commands import OpenTicket, RecordCheck
from desk.staff.commands import RegisterStaff

_ADMIN, _CLERK = "A900", "C900"
_STEP1 = (("fault_described", "不加热，昨天开始"), ("environment_asked", "家用，厨房"),
          ("contact_confirmed", ""))


def check_latencies(folder: Path, tickets: int) -> list[float]:
    """Milliseconds per RecordCheck dispatch, 3 per ticket."""
    db = open_database(folder / "desk.sqlite3")
    try:
        bus = CommandBus(db)
        initialise_counter(bus, store_id="S900", store_name="基准门店", device_name="基准柜台",
                           admin_id=_ADMIN, admin_name="基准管理", admin_pin="9090")
        bus.dispatch(RegisterStaff(staff_id=_CLERK, staff_name="基准店员", role="clerk",
                                   pin="8080"), _ADMIN)
        bus.dispatch(DefineCategory(category_id="AP", category_name="家电", kind="appliance"),
                     _ADMIN)
        bus.dispatch(RegisterProduct(sku="BENCH1", product_name="电热水壶", category_id="AP",
                                     price_fen=19900), _ADMIN)
        samples: list[float] = []
        for i in range(tickets):
            code = f"TB{i:06d}"
            bus.dispatch(OpenTicket(code=code, sku="BENCH1", fault="不加热",
                                    promised_date="2099-12-31"), _CLERK)
            for check_id, note in _STEP1:
                cmd = RecordCheck(ticket_code=code, step=1, check_id=check_id, note=note)
                start = time.perf_counter()
                bus.dispatch(cmd, _CLERK)
                samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        db.dispose()


def bench(ctx: BenchContext) -> list[BenchRow]:
    tickets = 20 if ctx.quick else 100
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as folder:
        samples = check_latencies(Path(folder), tickets)
    return [BenchRow("a repair check committed (journal + projection, durable)", p95(samples),
                     "ms", 5.0, f"p95 of {len(samples)}, synchronous=FULL, file database")]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        ms = check_latencies(Path(tmp), count)
    print(f"{len(ms)} checks: median {statistics.median(ms):.2f} ms, p95 {p95(ms):.2f} ms")
