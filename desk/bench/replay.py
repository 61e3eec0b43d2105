"""Projection throughput: `desk db rebuild` and sync's apply of pulled events, in events/s, against
a bare SQLite insert of the same rows measured in the same run; and a check that the rebuild
reproduces the tables exactly.

The apply is measured without PostgreSQL: the database's journal is handed, in pages of 1 000 (as
sync pulls them), to `apply_pulled` of an empty counter database — the same code a pull runs.
"""

from __future__ import annotations

import hashlib
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.bench import BenchContext, BenchRow
from desk.bench.commit import copy_database
from desk.capabilities import REGISTRY, open_database
from desk.platform.journal import iter_event_batches
from desk.platform.projections import rebuild
from desk.sync.engine import apply_pulled

RATE_BUDGET = 20_000.0  # events/s (DESIGN.md), replay and pull+apply
# × a bare SQLite insert of the same rows, at any size. 20 000 events/s against the ~150 000 of
# the bare insert is 7.5 ×; today's 25 leaves room for the ticket projector (desk/repairs), not
# batched yet, which is most of the replay time of the small demo.
RATIO_BUDGET = 25.0
PAGE = 1000  # events per pull page


def table_digests(conn: Connection) -> dict[str, str]:
    """SHA-256 of each projection table's rows in key order."""
    digests = {}
    for table in REGISTRY.projection_tables():
        h = hashlib.sha256()
        order = list(table.primary_key.columns) or list(table.columns)
        for row in conn.execute(select(table).order_by(*order)):
            h.update(repr(tuple(row)).encode())
        digests[table.name] = h.hexdigest()
    return digests


def bare_insert_s(db_path: Path) -> float:
    """Seconds to insert every projection row of `db_path` into empty tables of the same schema
    with executemany, in one durable transaction: the floor a projection could reach."""
    names = [t.name for t in REGISTRY.projection_tables()]
    with tempfile.TemporaryDirectory(prefix="desk-bare-") as folder:
        target = sqlite3.connect(Path(folder) / "bare.sqlite3", isolation_level=None)
        source = sqlite3.connect(db_path)
        target.execute("PRAGMA journal_mode=WAL")
        target.execute("PRAGMA synchronous=FULL")
        batches = []
        for name in names:
            sql = source.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            target.execute(sql[0])
            for (index_sql,) in source.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL", (name,)):
                target.execute(index_sql)
            rows = source.execute(f'SELECT * FROM "{name}"').fetchall()
            if rows:
                marks = ",".join("?" * len(rows[0]))
                batches.append((f'INSERT INTO "{name}" VALUES ({marks})', rows))
        source.close()
        started = time.perf_counter()
        target.execute("BEGIN")
        for sql, rows in batches:
            target.executemany(sql, rows)
        target.execute("COMMIT")
        elapsed = time.perf_counter() - started
        target.close()
    return elapsed


def rebuild_s(db_path: Path) -> tuple[float, int, bool]:
    """(seconds, events, tables identical) of one rebuild of the database at db_path."""
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            before = table_digests(conn)
        started = time.perf_counter()
        with db.writing() as conn:
            events = rebuild(conn, REGISTRY)
        elapsed = time.perf_counter() - started
        with db.engine.connect() as conn:
            same = table_digests(conn) == before
    finally:
        db.dispose()
    return elapsed, events, same


def apply_s(source: Path, folder: Path) -> tuple[float, int]:
    """(seconds, events) to apply the source's journal to an empty counter, a page at a time."""
    src = open_database(source)
    with src.engine.connect() as conn:
        pages = [page for batch in iter_event_batches(conn, 5000)
                 for page in (batch[i:i + PAGE] for i in range(0, len(batch), PAGE))]
    src.dispose()
    target = open_database(folder / f"pull-{time.monotonic_ns()}.sqlite3")
    started = time.perf_counter()
    for page in pages:
        apply_pulled(target, page, None)
    elapsed = time.perf_counter() - started
    target.dispose()
    return elapsed, sum(len(p) for p in pages)


def bench(ctx: BenchContext) -> list[BenchRow]:
    runs = 3
    with tempfile.TemporaryDirectory(prefix="desk-bench-replay-") as name:
        folder = Path(name)
        work = copy_database(ctx.db_path, folder)
        replays = [rebuild_s(work) for _ in range(runs)]
        applies = [apply_s(work, folder) for _ in range(runs)]
        bare = statistics.median(bare_insert_s(work) for _ in range(runs))
    events = replays[0][1]
    replay = statistics.median(r[0] for r in replays)
    apply = statistics.median(a[0] for a in applies)
    detail = f"median of {runs}, {events} events; bare SQLite insert of the same rows {bare:.3f} s"
    return [
        BenchRow("db rebuild rate", events / replay, "events/s", RATE_BUDGET, detail,
                 at_least=True),
        BenchRow("sync apply rate (pulled pages of 1 000)", events / apply, "events/s",
                 RATE_BUDGET, detail, at_least=True),
        BenchRow("db rebuild ÷ bare SQLite insert of the same rows", replay / bare, "×",
                 RATIO_BUDGET, f"{replay:.3f} s / {bare:.3f} s", any_size=True),
        BenchRow("sync apply ÷ bare SQLite insert of the same rows", apply / bare, "×",
                 RATIO_BUDGET, f"{apply:.3f} s / {bare:.3f} s", any_size=True),
        BenchRow("projection tables differing after a rebuild",
                 float(sum(not r[2] for r in replays)), "runs", 0.0,
                 "SHA-256 of every projection table before and after", any_size=True),
    ]
