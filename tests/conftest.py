"""Shared fixtures: an in-memory counter database with a fixed clock, and a small seeded store."""

from __future__ import annotations

import logging
import os
from datetime import datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.logs import MARK as SUPPORT_LOG_MARK
from desk.platform.ports import FixedClock
from tests.support.staff import ADMIN, ADMIN_PIN


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 20, 10, 0, 0))


@pytest.fixture
def db(clock: FixedClock) -> Database:
    database = open_database(None, wall_ms=clock.now_ms)
    yield database
    database.dispose()


@pytest.fixture
def bus(db: Database, clock: FixedClock) -> CommandBus:
    """A counter bound to store S001 with one administrator (A001 / 9999)."""
    command_bus = CommandBus(db, clock)
    initialise_counter(command_bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin=ADMIN_PIN)
    return command_bus


@pytest.fixture(scope="session", autouse=True)
def _no_writes_to_the_users_data_dir(tmp_path_factory):
    """`desk` without --home (and its support log) uses $DESK_HOME: never the real user's dir."""
    if "DESK_HOME" not in os.environ:
        os.environ["DESK_HOME"] = str(tmp_path_factory.mktemp("desk-home"))


@pytest.fixture(autouse=True)
def _root_logger_as_it_was():
    """desk.cli.main and ui.app add the support log to the root logger: take it off again, so
    every test that runs `desk` logs into its own data directory."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if hasattr(h, SUPPORT_LOG_MARK)]:
        root.removeHandler(handler)  # one a module-scoped fixture's `desk` left
        handler.close()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """The app installs Chinese translators application-wide; put English (the source language)
    back after every test so no test depends on the order the suite runs in."""
    yield
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        from ui.i18n import install_language

        install_language("en")


@pytest.fixture(scope="session")
def pg():
    """A real PostgreSQL server for the whole session (initdb into a temporary directory, run as
    an unprivileged user when we are root); started only by the tests that ask for it."""
    from desk.bench.pgserver import TempPostgres

    server = TempPostgres()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(autouse=True)
def _no_store_role_left_behind(request):
    """Roles are cluster-wide and the server lives for the session: a store role a test leaves
    would make the next test's central database refuse that store (`role_of_other_database`).
    The test that leaves one fails here, not a later one."""
    if "pg" not in request.fixturenames:
        yield
        return
    yield
    from tests.support.central import drop_roles, store_roles_left

    server = request.getfixturevalue("pg")
    left = store_roles_left(server)
    drop_roles(server, left)  # so that only the test that left them fails
    assert not left, f"store roles left on the session's server: {left}"


@pytest.fixture
def central(pg):
    """A fresh central database on that server, with a role per store."""
    from tests.support.central import drop_central, new_central

    c = new_central(pg)
    yield c
    drop_central(c)
