"""Benchmark: the longest GUI-thread stall while the app syncs a large backlog (≤ 50 ms).

A fresh counter joins its store through the app's SyncService (runner.io, the real transport,
a throw-away PostgreSQL server) and pulls and projects 10 000 sale events, while a 2 ms timer on
the GUI thread records the longest gap between its ticks.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desk.bench import BenchContext, BenchRow

BUDGET_MS = 50.0
TICK_MS = 2


def measure_stall(admin_url: str | None = None, events: int = 10_000,
                  timeout_s: float = 120.0) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desk.bench.pgserver import TempPostgres
    from desk.bench.sync import sale_command
    from desk.capabilities import open_database
    from desk.platform.bus import CommandBus
    from desk.sync.central import add_store, init_central, role_for_store
    from desk.sync.engine import sync_once
    from desk.sync.settings import CentralSettings
    from desk.sync.settings import save as save_settings
    from desk.sync.transport import PgTransport
    from ui.context import AppContext
    from ui.sync.secrets import PasswordStore
    from ui.sync.service import SyncService
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="desk-stallbench-"))
    server = None
    try:
        if admin_url is None:
            server = TempPostgres(fsync=True).start()
            admin_url = server.url()
        init_central(admin_url)
        add_store(admin_url, "S001", "bench-pw")
        # The backlog: another counter of the store has pushed `events` sales.
        from desk.catalog.setup import initialise_counter
        from desk.platform.bus import SYSTEM_ACTOR
        from desk.platform.uow import UnitOfWork

        parts = urlsplit(admin_url)
        store_url = admin_url.replace(f"{parts.username}:{parts.password}@",
                                      f"{role_for_store('S001')}:bench-pw@", 1)
        source = open_database(folder / "source.sqlite3")
        initialise_counter(CommandBus(source), store_id="S001", store_name="店", device_name="1",
                           admin_id="1001", admin_name="管理", admin_pin="2468")
        with UnitOfWork(source, SYSTEM_ACTOR) as uow:
            for i in range(events):
                sale = sale_command(i)
                uow.record("sale.recorded", str(sale["receipt_no"]), sale)
            uow.commit()
        transport = PgTransport(store_url)
        sync_once(source, transport)
        transport.close()
        source.dispose()

        db = open_database(folder / "counter.sqlite3")
        runner = TaskRunner()
        ctx = AppContext(db, CommandBus(db), runner)
        passwords = PasswordStore(use_keyring=False)
        service = SyncService(ctx, passwords)
        chosen = CentralSettings(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                                 dbname=parts.path.lstrip("/") or "postgres",
                                 user=role_for_store("S001"), sslmode="disable")
        with db.write_lock, db.engine.begin() as conn:
            save_settings(conn, chosen)
        passwords.set(chosen.keyring_user(), "bench-pw", remember=False)

        clock = QElapsedTimer()
        worst = [0.0]
        last = [0.0]

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            worst[0] = max(worst[0], now - last[0] - TICK_MS)
            last[0] = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def finished(report: Any) -> None:
            outcome["report"] = report
            loop.quit()

        def state(s: Any) -> None:
            if s.state in ("offline", "needs_password", "not_configured"):
                outcome["error"] = s.error or s.state
                loop.quit()

        service.sig_round_done.connect(finished)
        service.sig_state.connect(state)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        clock.start()
        last[0] = 0.0
        timer.start()
        started = time.perf_counter()
        service.start()  # reads the saved settings, then runs a round at once
        loop.exec()
        seconds = time.perf_counter() - started
        timer.stop()
        service.stop()
        runner.shutdown(wait=True)
        db.dispose()
        app.processEvents()
        if "report" not in outcome:
            raise RuntimeError(f"the sync did not finish: {outcome.get('error', 'timeout')}")
        return {"stall_ms": max(0.0, worst[0]), "seconds": seconds,
                "applied": float(outcome["report"].applied)}
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def bench(ctx: BenchContext) -> list[BenchRow]:
    events = 2000 if ctx.quick else 10_000
    figures = measure_stall(None, events)
    return [BenchRow("longest GUI-thread stall while syncing", figures["stall_ms"], "ms",
                     BUDGET_MS, f"a fresh counter pulls and projects {events} events in "
                                f"{figures['seconds']:.1f} s through SyncService (runner.io)")]


if __name__ == "__main__":
    for row in bench(BenchContext(home=Path("."))):
        print(row)
