"""Opening the large database after an upgrade that adds projection tables (DESIGN.md: ≤ 30 s).

A copy of the database is taken back to schema 0012 with Alembic's downgrades (they drop the
tables 0013–0016 add, and the imported tickets 0012 could not have), then opened the way the app
opens an older data directory: a backup, the migrations, and the tables they note stale filled
from the journal (desk/platform/refill.py). The open is timed; the projection tables must come out
exactly as they were before the downgrade.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from alembic import command

from desk.bench import BenchContext, BenchRow
from desk.bench.commit import copy_database
from desk.bench.replay import table_digests
from desk.capabilities import open_database
from desk.lookup.keys import clear_caches
from desk.platform.migrate import alembic_config
from desk.platform.upgrade import UpgradeOptions

OPEN_BUDGET_S = 30.0
FROM_REVISION = "0012"  # before the service-level clocks, the intake notes and imported history


def bench(ctx: BenchContext) -> list[BenchRow]:
    with tempfile.TemporaryDirectory(prefix="desk-bench-upgrade-") as name:
        work = copy_database(ctx.db_path, Path(name))
        db = open_database(work)
        with db.engine.connect() as conn:
            before = table_digests(conn)
            events = int(conn.exec_driver_sql("SELECT count(*) FROM journal").scalar_one())
        command.downgrade(alembic_config(db.engine), FROM_REVISION)
        db.dispose()
        passes: list[tuple[int, int]] = []
        clear_caches()
        started = time.perf_counter()
        db = open_database(work, upgrade=UpgradeOptions(
            progress=lambda done, total: passes.append((done, total))))
        elapsed = time.perf_counter() - started
        with db.engine.connect() as conn:
            same = table_digests(conn) == before
        db.dispose()
    projected = passes[-1][0] if passes else 0
    return [
        BenchRow(f"open the database after an upgrade from schema {FROM_REVISION} "
                 "(new projection tables filled)", elapsed, "s", OPEN_BUDGET_S,
                 f"backup, migrations, {projected:,} of {events:,} events projected"),
        BenchRow("projection tables differing after the upgrade", float(not same), "runs", 0.0,
                 "SHA-256 of every projection table before the downgrade and after the upgrade",
                 any_size=True),
    ]
