"""`service-desk --smoke-test --home DIR`: what `make dist` runs with the bundled executable.

On a fresh data directory: build the small demo store, open the window to the login page, build
the first-run wizard (not shown: it proves the wizard and its words are in the bundle), print a
sample return receipt to the file printer (DIR/smoke-prints), list the serial ports, check the
PostgreSQL driver is there, quit, and print one JSON line with the seconds each step took and
those facts. Exit code 0 only when every step worked.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any


def build_demo_store(home: Path) -> dict[str, Any]:
    """The demo store in a fresh data directory (refuses one that already holds a store)."""
    from desk.capabilities import open_database
    from desk.demo import build_demo, has_store
    from desk.platform.bus import CommandBus
    from desk.platform.paths import database_path

    t0 = time.perf_counter()
    db = open_database(database_path(home))
    try:
        if has_store(db):
            raise SystemExit(f"smoke test: {home} is not a fresh data directory")
        build_demo(CommandBus(db), "small", 1, None)
    finally:
        db.dispose()
    return {"demo_s": round(time.perf_counter() - t0, 3)}


def print_sample(home: Path) -> dict[str, Any]:
    """On an I/O thread: a sample return receipt through the file printer (bytes + preview)."""
    from printing.escpos import encode
    from printing.profiles import get_profile
    from printing.samples import sample
    from printing.transport import open_transport

    transport = open_transport(f"file:{home / 'smoke-prints'}")
    try:
        transport.write(encode(sample("return_receipt"), get_profile("80mm-cn-qr-cut")))
    finally:
        transport.close()
    written = sorted((home / "smoke-prints").glob("job-*"))
    if not any(p.suffix == ".png" for p in written):
        raise RuntimeError("the file printer wrote no preview")
    return {"printed": [p.name for p in written],
            "printed_bytes": sum(p.stat().st_size for p in written), **setup_parts()}


def setup_parts() -> dict[str, Any]:
    """What the first-run wizard's printer and join pages need from the bundle: pyserial's port
    listing and the PostgreSQL driver."""
    from importlib.util import find_spec

    from printing.printer_setup import serial_ports

    return {"serial_ports": [p.device for p in serial_ports()],
            "central_driver": find_spec("psycopg") is not None}


def report(facts: dict[str, Any]) -> None:
    print(json.dumps({"smoke": "ok" if facts.get("ok") else "failed", **facts},
                     ensure_ascii=False, sort_keys=True), flush=True)


class SmokeTest:
    """Drives a DeskApp through the smoke test; `exit_code` is 0 only when all went well."""

    def __init__(self, app: Any, home: Path, started: float) -> None:
        self.app = app
        self.home = home
        self.started = started
        self.facts: dict[str, Any] = {"ok": False, "home": str(home)}

    def before_open(self, open_counter: Any) -> None:
        """Build the demo store on the database worker, then let the app open it."""
        self.facts["window_shown_s"] = round(time.perf_counter() - self.started, 3)
        def built(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.fail("demo", error)
                return
            self.facts.update(value)
            open_counter()

        self.app.runner.db(build_demo_store, self.home, done=built)

    def login_ready(self) -> None:
        self.facts["login_ready_s"] = round(time.perf_counter() - self.started, 3)

    def opened(self) -> None:
        """The capabilities are loaded too: the checks."""
        window = self.app.window
        if not (window.isVisible() and window.stack.currentWidget() is window.login):
            self.fail("login", RuntimeError("the login page is not showing"))
            return
        self.check_wizard()
        self.app.runner.io(print_sample, self.home, done=self._printed)

    def check_wizard(self) -> None:
        """The first-run wizard is in the bundle with its words (built, never shown: this data
        directory already has the demo store)."""
        from ui.firstrun.wizard import FirstRunWizard

        wizard = FirstRunWizard(self.app.ctx, self.home, self.app.passwords)
        self.facts["wizard_pages"] = len(wizard.pageIds())
        self.facts["wizard_title"] = wizard.windowTitle()
        wizard.deleteLater()

    def _printed(self, value: Any, error: BaseException | None) -> None:
        if error is not None:
            self.fail("print", error)
            return
        self.facts.update(value, ok=True)
        self.finish(0)

    def fail(self, step: str, error: BaseException) -> None:
        self.facts.update(step=step, error=f"{type(error).__name__}: {error}")
        self.finish(1)

    def finish(self, code: int) -> None:
        self.facts["total_s"] = round(time.perf_counter() - self.started, 3)
        report(self.facts)
        self.app.qt.exit(code)
