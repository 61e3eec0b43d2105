"""The real app (DeskApp) on a temporary counter database, offscreen."""

from __future__ import annotations

import pytest

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.staff.commands import RegisterStaff


@pytest.fixture
def counter_home(tmp_path):
    db = open_database(tmp_path / "desk.sqlite3")
    bus = CommandBus(db)
    initialise_counter(bus, store_id="S001", store_name="南京路百货", device_name="一号柜台",
                       admin_id="9001", admin_name="王经理", admin_pin="9999")
    bus.dispatch(RegisterStaff(staff_id="1001", staff_name="张丽", role="clerk", pin="1111"),
                 "9001")
    db.dispose()
    return tmp_path


def running_app(qtbot, home, idle_lock_minutes: str):
    from ui.app import DeskApp, parse_args

    app = DeskApp(parse_args(["--home", str(home), "--idle-lock-minutes", idle_lock_minutes]))
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    yield app
    app.window.ask_to_close = lambda: True  # a case left on screen: no question at teardown
    app.qt.removeEventFilter(app.window.idle)
    app.shutdown()  # the print worker, sync, then the task runner
    app.ctx.db.dispose()


@pytest.fixture
def desk_app(qtbot, counter_home):
    """The app that locks itself after 0.3 s without input (the idle-lock tests)."""
    yield from running_app(qtbot, counter_home, "0.005")


@pytest.fixture
def awake_app(qtbot, counter_home):
    """The app that stays signed in for the length of a test."""
    yield from running_app(qtbot, counter_home, "60")
