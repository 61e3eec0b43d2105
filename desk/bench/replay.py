"""Projection throughput: `desk db rebuild` and sync's apply of pulled events, in events/s, against
a bare SQLite insert of the same rows measured in the same run; and a check that the rebuild
reproduces the tables exactly.

Each is timed twice: wall clock (what a user waits; on a machine shared with other work it is
mostly waiting for the disk and the CPU) and this process's CPU time. The ratios that must hold
at any size compare CPU times: they do not move with how loaded the machine is.

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
from desk.lookup.keys import clear_caches, pinyin_keys
from desk.platform.journal import iter_event_batches
from desk.platform.projections import rebuild
from desk.sync.engine import PULL_BATCH, apply_pulled

RATE_BUDGET = 20_000.0  # events/s (DESIGN.md), replay and pull+apply
# × a bare SQLite insert of the same rows (CPU time), at any size: 20 000 events/s against the
# ~150 000 of the bare insert is 7.5 × (measured 3–4 × on the small demo, 2026-12-02).
RATIO_BUDGET = 7.5
PAGE = PULL_BATCH  # events per pull page, as sync pulls them


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


def bare_insert_s(db_path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds to insert every projection row of `db_path` into empty tables of the
    same schema with executemany, in one durable transaction: the floor a projection could
    reach."""
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
        started, cpu = time.perf_counter(), time.process_time()
        target.execute("BEGIN")
        for sql, rows in batches:
            target.executemany(sql, rows)
        target.execute("COMMIT")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        target.close()
    return elapsed, cpu


def rebuild_s(db_path: Path) -> tuple[float, float, int, bool]:
    """(wall, CPU seconds, events, tables identical) of one rebuild of the database at db_path."""
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            before = table_digests(conn)
        clear_caches()  # each run computes the names' pinyin, as a fresh `desk db rebuild` does
        started, cpu = time.perf_counter(), time.process_time()
        with db.writing() as conn:
            events = rebuild(conn, REGISTRY)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        with db.engine.connect() as conn:
            same = table_digests(conn) == before
    finally:
        db.dispose()
    return elapsed, cpu, events, same


def apply_s(source: Path, folder: Path) -> tuple[float, float, int]:
    """(wall, CPU seconds, events) to apply the source's journal to an empty counter, a page at
    a time."""
    src = open_database(source)
    with src.engine.connect() as conn:
        pages = [page for batch in iter_event_batches(conn, 5000)
                 for page in (batch[i:i + PAGE] for i in range(0, len(batch), PAGE))]
    src.dispose()
    target = open_database(folder / f"pull-{time.monotonic_ns()}.sqlite3")
    clear_caches()
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        apply_pulled(target, page, None)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    target.dispose()
    return elapsed, cpu, sum(len(p) for p in pages)


def bench(ctx: BenchContext) -> list[BenchRow]:
    runs = 3
    # pypinyin's dictionaries load once per process (~0.3 s, paid by the first name a process
    # meets): not a cost per event, and it would land in whichever run came first
    pinyin_keys("羽绒服")
    with tempfile.TemporaryDirectory(prefix="desk-bench-replay-") as name:
        folder = Path(name)
        work = copy_database(ctx.db_path, folder)
        replays = [rebuild_s(work) for _ in range(runs)]
        applies = [apply_s(work, folder) for _ in range(runs)]
        bares = [bare_insert_s(work) for _ in range(runs)]
    events = replays[0][2]
    replay, replay_cpu = (statistics.median(r[i] for r in replays) for i in (0, 1))
    apply, apply_cpu = (statistics.median(a[i] for a in applies) for i in (0, 1))
    bare, bare_cpu = (statistics.median(b[i] for b in bares) for i in (0, 1))
    detail = (f"median of {runs}, {events} events; bare SQLite insert of the same rows "
              f"{bare:.3f} s ({bare_cpu:.3f} s CPU)")
    return [
        BenchRow("db rebuild rate", events / replay, "events/s", RATE_BUDGET, detail,
                 at_least=True),
        BenchRow(f"sync apply rate (pulled pages of {PAGE})", events / apply, "events/s",
                 RATE_BUDGET, detail, at_least=True),
        BenchRow("db rebuild rate, CPU time", events / replay_cpu, "events/s", None,
                 f"{replay_cpu:.3f} s CPU; the bare insert: {events / bare_cpu:,.0f} events/s"),
        BenchRow("sync apply rate, CPU time", events / apply_cpu, "events/s", None,
                 f"{apply_cpu:.3f} s CPU"),
        BenchRow("db rebuild ÷ bare SQLite insert of the same rows (CPU time)",
                 replay_cpu / bare_cpu, "×", RATIO_BUDGET,
                 f"{replay_cpu:.3f} s / {bare_cpu:.3f} s; wall {replay:.3f} s / {bare:.3f} s",
                 any_size=True),
        BenchRow("sync apply ÷ bare SQLite insert of the same rows (CPU time)",
                 apply_cpu / bare_cpu, "×", RATIO_BUDGET,
                 f"{apply_cpu:.3f} s / {bare_cpu:.3f} s; wall {apply:.3f} s / {bare:.3f} s",
                 any_size=True),
        BenchRow("projection tables differing after a rebuild",
                 float(sum(not r[3] for r in replays)), "runs", 0.0,
                 "SHA-256 of every projection table before and after", any_size=True),
    ]
