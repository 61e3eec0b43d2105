"""App benchmarks: cold start to a usable login window, and memory on the large database."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desk.bench import BenchContext, BenchRow


def _start_env(pycache: Path | None = None) -> dict[str, str]:
    """The app's environment: offscreen, and its compiled bytecode kept in `pycache` — a counter
    PC runs from bytecode (pip compiles it at install, the bundle ships it, Python writes it on
    the first start), so the measured starts must too, even where PYTHONDONTWRITEBYTECODE is set
    (it was on the development machine: every start compiled ~200 modules, +0.1-0.15 s)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _start_once(ctx: BenchContext, pycache: Path) -> tuple[float, float, float]:
    """Seconds from process spawn to the login window with the database open and read, and to
    the capabilities loaded after it (a sign-in typed before that waits for them on the database
    worker); peak RSS in MB."""
    env = _start_env(pycache)
    code = ("import resource, runpy, sys; sys.argv = ['service-desk'] + sys.argv[1:];\n"
            "try:\n    runpy.run_module('ui.app', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('rss_mb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    seen = _timed_lines([sys.executable, "-c", code, "--home", str(ctx.home),
                         "--startup-probe"], env, ("login window ready", "capabilities loaded"))
    rss = float(seen["rss_mb"][1].split()[1]) if "rss_mb" in seen else float("nan")
    return _at(seen, "login window ready"), _at(seen, "capabilities loaded"), rss


def _timed_lines(command: list[str], env: dict[str, str],
                 marks: tuple[str, ...]) -> dict[str, tuple[float, str]]:
    """Spawn `command`; for each of `marks` (and "rss_mb"), the seconds from the spawn to the
    first output line starting with it, and that line."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    seen: dict[str, tuple[float, str]] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        mark = next((m for m in (*marks, "rss_mb") if line.startswith(m)), None)
        if mark is not None and mark not in seen:
            seen[mark] = (time.perf_counter() - started, line)
    proc.wait(timeout=60)
    return seen


def _at(seen: dict[str, tuple[float, str]], mark: str) -> float:
    """Seconds to `mark`, NaN when it was never printed (a failing row)."""
    return seen[mark][0] if mark in seen else float("nan")


# What any app on this stack pays before its first window, measured the same way (spawn to a
# printed line): PySide6 showing a bare widget; then SQLAlchemy opening the file and reading one
# setting on top (the database half of "open and read"). The app's figure is these plus its own
# window, the platform's modules and the open's checks.
_FLOOR_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("Service Desk")
window.show()
app.processEvents()
print("window ready", flush=True)
if len(sys.argv) > 1:
    from sqlalchemy import create_engine, text
    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with engine.connect() as conn:
        conn.execute(text("SELECT value FROM local_settings WHERE key = 'store_id'")).scalar()
    print("database read", flush=True)
"""


def _floor_once(ctx: BenchContext, pycache: Path) -> tuple[float, float]:
    """Seconds from spawn to the bare window, and to the database read after it."""
    seen = _timed_lines([sys.executable, "-c", _FLOOR_WINDOW, str(ctx.db_path)],
                        _start_env(pycache), ("window ready", "database read"))
    return _at(seen, "window ready"), _at(seen, "database read")


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
    env = _start_env()
    out = subprocess.run([sys.executable, "-c", _WORKING_SESSION, str(ctx.home)], env=env,
                         capture_output=True, text=True, timeout=180).stdout
    return next(float(line.split()[1]) for line in out.splitlines() if line.startswith("rss_mb"))


def bench(ctx: BenchContext) -> list[BenchRow]:
    with tempfile.TemporaryDirectory(prefix="desk-bench-pycache-") as pycache:
        # The first start warms the OS file cache and writes the bytecode, as on a counter PC
        # that has run the app before.
        _start_once(ctx, Path(pycache))
        _floor_once(ctx, Path(pycache))
        runs, floors = [], []
        for _ in range(3 if ctx.quick else 7):  # interleaved: the machine's drift hits both
            runs.append(_start_once(ctx, Path(pycache)))
            floors.append(_floor_once(ctx, Path(pycache)))
    starts = [r[0] for r in runs]
    loaded = [r[1] for r in runs]
    return [
        BenchRow("cold start to the login window", statistics.median(starts), "s", 0.5,
                 f"median of {len(starts)} (max {max(starts):.2f} s), database open and read"),
        BenchRow("cold start until the capabilities are loaded", statistics.median(loaded), "s",
                 None, "median: the registry imported on the database worker after the window"),
        BenchRow("cold start floor: a bare PySide6 window", statistics.median(f[0] for f in floors),
                 "s", None, "median, measured alongside: what any PySide6 app pays"),
        BenchRow("cold start floor: that window + SQLAlchemy reading the database",
                 statistics.median(f[1] for f in floors), "s", None,
                 "median, measured alongside: the stack's floor for the login window"),
        BenchRow("memory of the app at the login window (large db)", max(r[2] for r in runs),
                 "MB", 300.0, "peak RSS"),
        BenchRow("memory of the running app on the large database", _working_memory(ctx), "MB",
                 300.0, "peak RSS: manager signed in, every page opened, a pinyin search"),
    ]
