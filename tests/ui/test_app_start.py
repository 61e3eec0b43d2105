"""The cold start to the login window (budget 0.5 s, ui/bench/app_start.py): the GUI thread shows
the window without importing the core, the database worker opens and reads the database without
importing the capabilities, then loads them while the window is on screen; the services start
after that and import nothing heavy on the GUI thread (which would freeze it, or make it wait for
the worker's import of the same modules)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Packages whose import is the cost: none of them may be imported by the GUI thread at start.
HEAVY = ("sqlalchemy", "alembic", "PIL", "qrcode", "reportlab", "pypinyin", "psycopg", "serial",
         "keyring", "desk.capabilities")

# Runs the app (no probe) until its services run, recording which thread imported what.
RECORDER = """
import json, sys, threading
first = {}  # module -> (thread, phase)
phase = ["import"]
class Recorder:
    def find_spec(self, name, path=None, target=None):
        first.setdefault(name, (threading.current_thread().name, phase[0]))
        return None
sys.meta_path.insert(0, Recorder())
from PySide6.QtCore import QTimer
from ui.app import DeskApp, parse_args
app = DeskApp(parse_args(["--home", sys.argv[1]]))
phase[0] = "start"
app.start()
def check():
    if app.sync is None or app.printer is None:
        QTimer.singleShot(20, check)
        return
    print(json.dumps({"first": first, "login": app.window.login.ctx is not None}), flush=True)
    app.shutdown()
    app.qt.quit()
QTimer.singleShot(0, check)
app.qt.exec()
"""


def run_app(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def heavy(name: str) -> bool:
    return any(name == h or name.startswith(h + ".") for h in HEAVY)


def test_the_gui_thread_imports_nothing_heavy_and_the_worker_loads_the_capabilities(
        counter_home: Path) -> None:
    facts = json.loads(run_app(RECORDER, str(counter_home)).splitlines()[-1])
    assert facts["login"]
    first = {name: tuple(where) for name, where in facts["first"].items()}
    on_gui = {name: stage for name, (thread, stage) in first.items() if thread == "MainThread"}
    assert sorted(n for n in on_gui if heavy(n)) == []
    # After start() the GUI thread imports only the window's own modules: the core and printing
    # modules the services stand on were imported by the worker first.
    late = sorted(n for n, stage in on_gui.items() if stage == "start"
                  and n.split(".")[0] in ("desk", "printing"))
    assert late == []
    workers = {name for name, (thread, _stage) in first.items() if thread.startswith("desk-db")}
    assert {"sqlalchemy", "desk.capabilities", "printing.escpos", "PIL"} <= workers


def test_the_probe_reports_the_login_window_then_the_capabilities(counter_home: Path) -> None:
    out = run_app("import runpy, sys; sys.argv = ['service-desk'] + sys.argv[1:]; "
                  "runpy.run_module('ui.app', run_name='__main__')",
                  "--home", str(counter_home), "--startup-probe")
    lines = [line.split() for line in out.splitlines()]
    assert [line[:3] for line in lines] == [["login", "window", "ready"],
                                            ["capabilities", "loaded", "in"]]
    ready, loaded = float(lines[0][-2]), float(lines[1][-2])
    assert 0 < ready <= loaded


def test_a_sign_in_before_the_capabilities_are_loaded_waits_for_them_on_the_worker(
        qtbot, counter_home: Path, monkeypatch) -> None:
    import threading

    from PySide6.QtCore import QTimer

    import ui.app
    from ui.app import DeskApp, parse_args

    gate = threading.Event()
    real_warm_up = ui.app.warm_up

    def slow_warm_up(db):  # type: ignore[no-untyped-def]
        assert gate.wait(30)  # the capabilities take their time to load
        return real_warm_up(db)

    monkeypatch.setattr(ui.app, "warm_up", slow_warm_up)
    app = DeskApp(parse_args(["--home", str(counter_home), "--lang", "en"]))
    qtbot.addWidget(app.window)
    app.start()
    try:
        login = app.window.login
        qtbot.waitUntil(lambda: login.ctx is not None, timeout=10_000)  # ready for a PIN
        assert app.printer is None and app.sync is None  # the services wait for the warm-up
        login.staff_edit.setText("1001")
        login.pin_edit.setText("1111")
        login.submit()
        assert login.message.text() == "Checking…"
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.wait(300)  # the GUI thread goes on while the sign-in waits on the worker
        timer.stop()
        assert len(ticks) > 10 and app.window.stack.currentWidget() is login
        gate.set()
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.workspace,
                        timeout=20_000)
        assert app.ctx.session.staff_id == "1001"
        qtbot.waitUntil(lambda: app.printer is not None and app.sync is not None, timeout=10_000)
    finally:
        gate.set()
        app.window.ask_to_close = lambda: True
        app.qt.removeEventFilter(app.window.idle)
        app.shutdown()
        if app.ctx is not None:
            app.ctx.db.dispose()


# main() with a 5 ms poll of the garbage collector's state: off while the app starts, on (with the
# start-up heap frozen) once the capabilities are loaded — never left off.
COLLECTOR = """
import gc, json, sys
from PySide6.QtCore import QCoreApplication, QTimer
import ui.app
seen = []
def poll():
    seen.append(gc.isenabled())
    if seen[-1] and len(seen) > 1:
        print(json.dumps({"seen": seen, "frozen": gc.get_freeze_count()}), flush=True)
        QCoreApplication.instance().quit()
        return
    QTimer.singleShot(5, poll)
real_start = ui.app.DeskApp.start
def start(self):
    QTimer.singleShot(0, poll)
    return real_start(self)
ui.app.DeskApp.start = start
sys.exit(ui.app.main(["--home", sys.argv[1]]))
"""


def test_the_collector_is_off_while_the_app_starts_and_on_after(counter_home: Path) -> None:
    facts = json.loads(run_app(COLLECTOR, str(counter_home)).splitlines()[-1])
    assert facts["seen"][0] is False and facts["seen"][-1] is True
    assert facts["frozen"] > 10_000  # the start-up heap: modules, classes, tables, Qt wrappers
