"""The workshop queue (desk.repairs.service_queries.workshop_queue) over 20 000 open tickets.

Self-contained: a file database in a temporary folder gets 20 000 `ticket.opened` facts projected
in batches through the registry's projectors (the ticket and clock projections, as a replay
would: no journal rows, no checklists — the queue reads neither), opened over a year with the
demo's mix of levels and about a tenth overdue; then the queue query is timed (median of runs).
`python -m desk.bench.queue [tickets]` prints the median.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Connection

from desk.bench import BenchContext, BenchRow
from desk.capabilities import open_database
from desk.platform.batch import apply_batch
from desk.platform.db import Database
from desk.platform.events import Event
from desk.repairs.service_queries import workshop_queue

NOW = datetime(2026, 11, 20, 15, 0, 0)
_BATCH = 2_000


def opened_events(count: int, now: datetime = NOW, seed: int = 7) -> list[Event]:
    """`count` ticket.opened facts: opened within the year before `now`, the demo's levels
    (55/35/10 %), promised a few days to weeks after opening so that about 10 % are overdue."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        level = rng.choices(("simple", "complex", "major"), (55, 35, 10))[0]
        overdue = rng.random() < 0.10
        ago = timedelta(days=rng.randint(3, 365) if overdue else rng.randint(0, 2),
                        minutes=rng.randint(0, 600))
        opened = now - ago
        promised = (now - timedelta(days=rng.randint(1, 2)) if overdue
                    else now + timedelta(days=rng.randint(1, 20)))
        code = f"TQ{i:07d}"
        out.append(Event(
            event_id=f"bench-{i:08d}", store_id="S900", device_id="bench", device_seq=i + 1,
            hlc=f"{int(opened.timestamp() * 1000):015d}:0000:bench", actor="C900",
            kind="ticket.opened", entity_id=code, prev_hash="",
            payload={"code": code, "sku": f"P{i % 500:06d}", "serial": "", "fault": "不加热",
                     "service_level": level, "promised_date": promised.date().isoformat(),
                     "receipt_no": None, "customer_id": None,
                     "opened_at": opened.isoformat(timespec="seconds")}))
    return out


def project(db: Database, events: list[Event]) -> None:
    """Project the facts through the registry's projectors, in batches (as a replay does)."""
    for i in range(0, len(events), _BATCH):
        with db.engine.begin() as conn:
            apply_batch(conn, events[i:i + _BATCH], db.registry.apply)


def queue_times(conn: Connection, runs: int, now: datetime = NOW) -> list[float]:
    """Milliseconds per workshop_queue call (the first, cold call not counted)."""
    stamp = now.isoformat(timespec="seconds")
    workshop_queue(conn, stamp)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        workshop_queue(conn, stamp)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(folder: Path, tickets: int, runs: int) -> list[float]:
    db = open_database(folder / "desk.sqlite3")
    try:
        project(db, opened_events(tickets))
        with db.engine.connect() as conn:
            return queue_times(conn, runs)
    finally:
        db.dispose()


def on_demo(db_path: Path, runs: int) -> list[float]:
    """The queue on the demo database `desk bench` runs on (at the clock's now)."""
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            return queue_times(conn, runs, datetime.now().replace(microsecond=0))
    finally:
        db.dispose()


def bench(ctx: BenchContext) -> list[BenchRow]:
    runs = 5 if ctx.quick else 21
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as folder:
        samples = measure(Path(folder), 20_000, runs)
    rows = [BenchRow("the workshop queue of 20 000 open tickets", statistics.median(samples),
                     "ms", 50.0, f"median of {len(samples)}, 200 soonest due shown",
                     any_size=True)]
    if ctx.db_path.exists():
        demo = on_demo(ctx.db_path, runs)
        rows.append(BenchRow("the workshop queue of the demo database", statistics.median(demo),
                             "ms", 50.0, f"median of {len(demo)} (large demo: 20 000 tickets)"))
    return rows


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        ms = measure(Path(tmp), count, 21)
    print(f"queue of {count} tickets: median {statistics.median(ms):.2f} ms, "
          f"max {max(ms):.2f} ms")
