"""Composition root: builds the adapters, wires the core into the window, runs the event loop.

Cold start (budget 0.5 s, ui/bench/app_start.py; the order is what keeps it short):
1. the GUI thread shows the window, importing none of the core (no SQLAlchemy, no capability;
   tests/ui/test_app_start.py checks it);
2. the database worker opens the database — migrating it when it is older — and reads who the
   counter is (open_counter), without the capabilities when the schema is at head;
3. the login window gets the counter's facts: ready for a staff ID and PIN (--startup-probe);
4. the worker loads the capabilities and what the services stand on (warm_up) while the window
   is on screen; a sign-in sent meanwhile waits for them there;
5. then, on the GUI thread, the first-run wizard or the printer and sync services.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

_T0 = time.perf_counter()

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk.platform.logs import setup_logging  # noqa: E402
from desk.platform.paths import data_home, database_path, resources_dir  # noqa: E402
from ui.fonts import apply_app_font  # noqa: E402
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.single_instance import ALREADY_OPEN, CounterLock  # noqa: E402
from ui.sync.secrets import PasswordStore  # noqa: E402
from ui.tasks import (  # noqa: E402
    Progress,
    TaskRunner,
    pause_collector_for_start,
    resume_collector_after_start,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the core is opened on the database worker, not imported at start-up
    from desk.catalog.queries import CounterInfo
    from desk.platform.bus import CommandBus
    from desk.platform.db import Database


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="service-desk")
    p.add_argument("--home", help="data directory (default: $DESK_HOME or the user data dir)")
    p.add_argument("--lang", choices=sorted(LANGUAGES), default=os.environ.get("DESK_LANG",
                                                                               DEFAULT_LANGUAGE))
    p.add_argument("--idle-lock-minutes", type=float, default=5.0)
    p.add_argument("--startup-probe", action="store_true",
                   help="print seconds to a usable login window, then quit (benchmark)")
    p.add_argument("--smoke-test", action="store_true",
                   help="on a fresh --home: demo store, login window, a sample print, quit "
                        "(the bundle's check, see ui/smoke.py)")
    return p.parse_args(argv)


def open_counter(path: Any, progress: Any = None) -> tuple[Database, CommandBus, CounterInfo]:
    """On the database worker: open (migrate) the database and read who this counter is.
    `progress(stage, done, total)` hears of an upgrade: ("upgrade", 0, 0) before the backup of an
    older file, then the journal replay's (done, total).

    At head (every start but the first after an update) the capabilities are not imported here:
    the login window needs only the counter's facts, and the app loads them next, on this same
    worker, while the window shows them (warm_up). An upgrade imports them first, as it always
    did: it may replay the journal through them."""
    from desk.catalog.queries import counter_info
    from desk.platform.bus import CommandBus
    from desk.platform.upgrade import UpgradeOptions, needs_upgrade
    from desk.startup import open_database_deferred

    upgrade = None
    if progress is not None:
        upgrade = UpgradeOptions(progress=progress)
    if needs_upgrade(path):
        resume_collector_after_start()  # a replay's garbage is collected as it goes
        if progress is not None:
            progress("upgrade", 0, 0)
        from desk.capabilities import open_database

        db = open_database(path, upgrade=upgrade)
    else:
        db = open_database_deferred(path, upgrade=upgrade)
    bus = CommandBus(db)
    with db.engine.connect() as conn:
        counter = counter_info(conn)
    return db, bus, counter


def warm_up(db: Database) -> tuple[ModuleType, ...]:
    """On the database worker, after the open, while the login window is on screen: the
    capabilities (`db.registry`: every command's handler, projector and table, deferred by
    open_counter), then the modules the printer service and the slips stand on, which it returns.
    The GUI thread starts the services after this and finds them loaded: importing them itself
    (Pillow and qrcode alone take ~0.15 s) froze it, and longer still while the worker imported
    the same modules. The first command (a sign-in, the wizard's) waits behind this on the same
    worker, never on the GUI thread."""
    _ = db.registry
    from desk.returns import counter_queries
    from printing import escpos, from_core, profiles, queue_worker, transport

    return counter_queries, escpos, from_core, profiles, queue_worker, transport


class DeskApp:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        running = QApplication.instance()
        self.qt = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
        self.qt.setApplicationName("Service Desk")
        self.qt.setOrganizationName("service-desk")
        install_language(args.lang)
        apply_app_font(self.qt)
        self.qt.setStyleSheet((resources_dir() / "style" / "app.qss").read_text(encoding="utf-8"))
        self.runner = TaskRunner()
        self.window = MainWindow(idle_lock_ms=int(args.idle_lock_minutes * 60_000))
        self.window.set_language_shown(args.lang)
        self.window.sig_language_requested.connect(self.switch_language)
        self.ctx: Any = None
        self.passwords = PasswordStore()  # the central server's: the wizard's join, then sync
        self.opening = Progress("replay")  # an upgrade's progress, from the database worker
        self.opening.changed.connect(self._upgrade_progress)
        self.upgrade_dialog: Any = None
        self.wizard: Any = None
        self.sync: Any = None
        self.printer: Any = None
        self.smoke: Any = None
        if args.smoke_test:
            from ui.smoke import SmokeTest

            self.smoke = SmokeTest(self, data_home(args.home), _T0)
        self.counter_lock: CounterLock | None = None
        self.needs_wizard = False  # the database has no store yet
        self.show_requests = 0  # how often a second copy asked this one to come to the front

    def start(self) -> bool:
        """Open the counter; False (nothing opened) when another copy of the app has it open."""
        home = data_home(self.args.home)
        lock = CounterLock(home)
        if not lock.acquire():
            lock.ask_first_to_show()
            self._say_already_open()
            return False
        self.counter_lock = lock
        lock.sig_show_requested.connect(self._show_yourself)
        settings = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat)
        self.window.show_as_last_time(settings)
        path = database_path(home)
        if self.smoke is not None:
            self.smoke.before_open(lambda: self.runner.db(open_counter, path, self.opening,
                                                          done=self._opened))
            return True
        self.runner.db(open_counter, path, self.opening, done=self._opened)
        return True

    def _say_already_open(self) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        title = QCoreApplication.translate("app", "Service Desk")
        text = QCoreApplication.translate(
            "app", "This counter is already open in another window of Service Desk. "
                   "That window has been brought to the front.")
        if QApplication.platformName() == "offscreen":
            print(f"service-desk: already open, exit {ALREADY_OPEN}: {text}", file=sys.stderr,
                  flush=True)
        else:
            QMessageBox.information(None, title, text)

    def _show_yourself(self) -> None:
        self.show_requests += 1
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _upgrade_progress(self, stage: str, done: int, total: int) -> None:
        """Shown only when an upgrade happens (an older data directory), never at a usual start.
        A report can arrive after the open's own callback (two signals, not ordered): then the
        database is open and the report is ignored."""
        if self.ctx is not None:
            return
        if self.upgrade_dialog is None:
            from ui.opening import UpgradeDialog

            self.upgrade_dialog = UpgradeDialog(self.window)
            self.upgrade_dialog.rejected.connect(self.qt.quit)
            self.upgrade_dialog.open()
        self.upgrade_dialog.show_progress(stage, done, total)

    def _opened(self, value: Any, error: BaseException | None) -> None:
        from ui.context import AppContext
        from ui.errors import error_text

        if error is not None:
            resume_collector_after_start()
            log.error("opening the database failed", exc_info=error)
            if self.smoke is not None:
                self.smoke.fail("open", error)
            self.window.login.show_fatal(error_text(error))
            if self.upgrade_dialog is not None:
                self.upgrade_dialog.fail(error_text(error))
            return
        if self.upgrade_dialog is not None:
            self.upgrade_dialog.accept()
            self.upgrade_dialog = None
        db, bus, counter = value
        self.ctx = AppContext(db, bus, self.runner)
        self.runner.db(warm_up, db, done=self._warmed)
        self.needs_wizard = counter.store_id is None and self.smoke is None
        if not self.needs_wizard:
            self._show_login(counter)
        # Nothing else happens on the GUI thread until the warm-up is done: what comes next
        # (the wizard, the services) imports modules the worker is importing now.

    def _show_login(self, counter: Any) -> None:
        """The login window with the counter's facts (its store, the demo staff), the database
        open and read: what --startup-probe reports."""
        self.window.attach(self.ctx, counter)
        if self.smoke is not None:
            self.smoke.login_ready()
        if self.args.startup_probe:
            print(f"login window ready in {time.perf_counter() - _T0:.3f} s", flush=True)

    def _warmed(self, _value: Any, error: BaseException | None) -> None:
        """The capabilities are loaded (see warm_up): the wizard or the services."""
        resume_collector_after_start()
        if error is not None:  # a broken install: no command could run
            from ui.errors import error_text

            log.error("loading the capabilities failed", exc_info=error)
            if self.smoke is not None:
                self.smoke.fail("capabilities", error)
            self.window.login.show_fatal(error_text(error))
            if self.args.startup_probe:
                QTimer.singleShot(0, self.qt.quit)
            return
        if self.args.startup_probe:
            print(f"capabilities loaded in {time.perf_counter() - _T0:.3f} s", flush=True)
            QTimer.singleShot(0, self.qt.quit)
        elif self.smoke is not None:
            self.smoke.opened()
        elif self.needs_wizard:
            self._first_run()
        else:
            self._start_services()

    def _first_run(self) -> None:
        """No store yet: the first-run wizard, then the login window."""
        from ui.firstrun.wizard import FirstRunWizard

        self.wizard = FirstRunWizard(self.ctx, data_home(self.args.home), self.passwords,
                                     self.window)
        self.wizard.sig_language_requested.connect(self.window.set_language_shown)
        self.wizard.accepted.connect(self._set_up)
        self.wizard.rejected.connect(self._set_up)
        self.wizard.open()

    def _set_up(self) -> None:
        """The wizard closed: with a store, on to the login window; without one, nothing was
        set up and the app ends (the next start offers the wizard again)."""
        from desk.catalog.queries import counter_info

        wizard, self.wizard = self.wizard, None
        if wizard is None:
            return
        if not wizard.path:
            self.qt.quit()
            return

        def read(counter: Any, error: BaseException | None) -> None:
            if error is not None:
                from ui.errors import error_text

                self.window.login.show_fatal(error_text(error))
                return
            self.needs_wizard = False
            self._show_login(counter)
            if wizard.admin_id:
                self.window.login.suggest(wizard.admin_id)
            if self.args.startup_probe:
                QTimer.singleShot(0, self.qt.quit)
            else:
                self._start_services()

        self.ctx.query(counter_info, done=read)

    def _start_services(self) -> None:
        """Background services that need the open database: sync with the central server."""
        from ui.sync.service import SyncService
        from ui.sync.settings_dialog import ConnectionDialog
        from ui.sync.widgets import SyncStatusWidget

        self._start_printer()
        self.sync = SyncService(self.ctx, self.passwords)
        self.ctx.fetch_photo = self.sync.fetch_photo  # photos taken on other counters
        status = SyncStatusWidget(self.sync)
        self.window.status.replace_section("connection", status)

        def open_settings() -> None:
            if self.ctx.session.role in ("manager", "admin"):
                ConnectionDialog(self.ctx, self.sync, self.window).open()

        status.sig_clicked.connect(open_settings)
        # Stop sync before the runner shuts down (connected before the runner's own handler).
        self.qt.aboutToQuit.connect(self.sync.stop)
        self.sync.start()

    def switch_language(self, code: str) -> None:
        install_language(code)
        self.window.set_language_shown(code)

    def _start_printer(self) -> None:
        from ui.printing.service import PrinterService
        from ui.printing.status_label import PrinterStatusLabel

        self.printer = PrinterService(self.ctx, data_home(self.args.home))
        label = PrinterStatusLabel()
        self.window.status.replace_section("printer", label)
        self.printer.sig_step.connect(
            lambda step: label.set_state(step.state, step.waiting, step.detail))
        label.sig_clicked.connect(lambda: self.window.show_page("prints"))
        self.window.sig_page_built.connect(self._wire_page)
        self.printer.start()

    def _wire_page(self, key: str, page: Any) -> None:
        """Services into the pages that use them (pages are built at sign-in)."""
        if key in ("returns", "compensation"):
            from ui.signatures.signing import signature_provider

            page.signature_provider = signature_provider(self.ctx, self.window)
        if key == "returns":
            page.sig_completed.connect(lambda result: self.printer.print_return(
                result["return_id"], self.ctx.session.staff_id))
        elif key == "compensation":
            page.sig_completed.connect(lambda result: self.printer.print_compensation(
                result["compensation_id"], self.ctx.session.staff_id))
        elif key in ("repair_intake", "repair_ticket"):
            page.printer = self.printer
        elif key in ("prints", "closure"):
            page.printer = self.printer
            self.printer.sig_step.connect(
                lambda step: page.refresh() if step.outcome != "idle" else None)

    def shutdown(self) -> None:
        """Stop services, then the workers (in that order: sync uses the workers)."""
        if self.printer is not None:
            self.printer.stop()
        if self.sync is not None:
            self.sync.stop()
        self.runner.shutdown(wait=True)
        if self.counter_lock is not None:
            self.counter_lock.release()
            self.counter_lock = None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.smoke_test:  # (which builds a demo store first: seconds of allocations)
        pause_collector_for_start()  # on again once the capabilities are loaded (_warmed)
    setup_logging(data_home(args.home))
    log.info("service-desk starting (language %s)", args.lang)
    app = DeskApp(args)
    if not app.start():
        resume_collector_after_start()
        app.shutdown()
        return ALREADY_OPEN
    status = int(app.qt.exec())
    app.shutdown()
    return status


if __name__ == "__main__":
    sys.exit(main())
