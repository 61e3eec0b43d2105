"""App benchmarks: cold start to a usable login window, and memory on the large database."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from desk.bench import BenchContext, BenchRow


def _start_once(ctx: BenchContext) -> tuple[float, float]:
    """Seconds from process spawn to the login window with the database open; peak RSS in MB."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    code = ("import resource, runpy, sys; sys.argv = ['service-desk'] + sys.argv[1:];\n"
            "try:\n    runpy.run_module('ui.app', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('rss_mb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, "--home", str(ctx.home),
                             "--startup-probe"], stdout=subprocess.PIPE, text=True, env=env)
    ready = rss = 0.0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("login window ready"):
            ready = time.perf_counter() - started
        elif line.startswith("rss_mb"):
            rss = float(line.split()[1])
    proc.wait(timeout=60)
    return ready, rss


# Signs in as the demo manager, visits every page and runs a pinyin search, then reports peak RSS.
_WORKING_SESSION = """
import json, resource, sys
from PySide6.QtCore import QTimer
from ui.app import DeskApp, parse_args
app = DeskApp(parse_args(["--home", sys.argv[1]]))
app.start()
w = app.window
def sign_in():
    if app.ctx is None:
        QTimer.singleShot(100, sign_in); return
    logins = json.loads((w.counter.demo_logins if w.counter else None) or "[]")
    manager = next(x for x in logins if x["role"] in ("manager", "admin"))
    w.login.staff_edit.setText(manager["staff_id"]); w.login.pin_edit.setText(manager["pin"])
    w.login.submit()
    QTimer.singleShot(1500, lambda: visit(0))
def visit(row):
    if row < w.nav.count():
        w.nav.setCurrentRow(row)
        QTimer.singleShot(700, lambda: visit(row + 1)); return
    w.focus_search()
    page = w.current_page()
    page.search_scanned("yrf")
    QTimer.singleShot(1500, done)
def done():
    print("rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
    app.shutdown(); app.qt.quit()
QTimer.singleShot(0, sign_in)
app.qt.exec()
"""


def _working_memory(ctx: BenchContext) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, "-c", _WORKING_SESSION, str(ctx.home)], env=env,
                         capture_output=True, text=True, timeout=180).stdout
    return next(float(line.split()[1]) for line in out.splitlines() if line.startswith("rss_mb"))


def bench(ctx: BenchContext) -> list[BenchRow]:
    _start_once(ctx)  # warm the OS file cache, as on a counter PC that has run the app before
    runs = [_start_once(ctx) for _ in range(3 if ctx.quick else 7)]
    starts = [r[0] for r in runs]
    return [
        BenchRow("cold start to the login window", statistics.median(starts), "s", 0.5,
                 f"median of {len(starts)} (max {max(starts):.2f} s), database open and read"),
        BenchRow("memory of the app at the login window (large db)", max(r[1] for r in runs),
                 "MB", 300.0, "peak RSS"),
        BenchRow("memory of the running app on the large database", _working_memory(ctx), "MB",
                 300.0, "peak RSS: manager signed in, every page opened, a pinyin search"),
    ]
