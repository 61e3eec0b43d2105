"""Benchmark: the longest GUI-thread stall while the closure page saves the PDF of a day of
2 000 transactions (≤ 50 ms): the page reads the report on the database worker and renders it on
an I/O thread (ui/closure/page.py) while a 2 ms timer on the GUI thread records the longest gap
between its ticks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desk.bench import BenchContext, BenchRow

BUDGET_MS = 50.0
TICK_MS = 2
DAY = "2026-11-20"


def measure_stall(transactions: int = 2000, renders: int = 3,
                  timeout_s: float = 120.0) -> dict[str, float]:
    from PySide6.QtCore import QDate, QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desk.capabilities import open_database
    from desk.platform.bus import CommandBus
    from ui.closure.page import ClosurePage
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="desk-closurestall-"))
    # built in another process: this one holds what the app holds, not the builder's leftovers
    path = folder / "desk.sqlite3"
    subprocess.run([sys.executable, "-c", "import sys; from printing.bench_closure import "
                    "build_day; build_day(int(sys.argv[1]), sys.argv[2]).dispose()",
                    str(transactions), str(path)], check=True)
    db = open_database(path)
    runner = TaskRunner()
    try:
        ctx = AppContext(db, CommandBus(db), runner)
        ctx.session.staff_id, ctx.session.role = "2001", "manager"
        page = ClosurePage(ctx)
        page.date.setDate(QDate.fromString(DAY, "yyyy-MM-dd"))
        page.choose_pdf_path = lambda suggested: str(folder / suggested)
        clock, worst, last = QElapsedTimer(), [0.0], [0.0]

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            worst[0] = max(worst[0], now - last[0] - TICK_MS)
            last[0] = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        saved: list[Any] = []

        def one_saved(info: Any) -> None:
            saved.append(info)
            if len(saved) < renders:
                page.save_pdf()
            else:
                loop.quit()

        page.sig_pdf_saved.connect(one_saved)
        # let the page's first read finish before measuring
        deadline = time.perf_counter() + timeout_s
        while page.report is None and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.005)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        clock.start()
        timer.start()
        started = time.perf_counter()
        page.save_pdf()
        loop.exec()
        seconds = time.perf_counter() - started
        timer.stop()
        page.deleteLater()
        if len(saved) < renders:
            raise RuntimeError(f"the PDF was not saved: {page.message.text()}")
        return {"stall_ms": max(0.0, worst[0]), "seconds": seconds / renders,
                "bytes": float(saved[-1]["bytes"])}
    finally:
        runner.shutdown(wait=True)
        db.dispose()
        app.processEvents()
        shutil.rmtree(folder, ignore_errors=True)


def bench(ctx: BenchContext) -> list[BenchRow]:
    transactions = 200 if ctx.quick else 2000
    figures = measure_stall(transactions)
    return [BenchRow("longest GUI-thread stall while rendering a closure PDF",
                     round(figures["stall_ms"], 1), "ms", BUDGET_MS,
                     f"the closure page saves the PDF of a day of {transactions} transactions "
                     f"({figures['seconds']:.2f} s each, read on the db worker, rendered on "
                     "runner.io)")]
