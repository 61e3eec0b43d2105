"""A counter on disk with its staff, for the print queue's audited commands (CLI and bus)."""

from __future__ import annotations

from desk.capabilities import open_database
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.db import Database
from desk.platform.paths import database_path
from desk.staff.commands import RegisterStaff
from tests.support.staff import ADMIN, ADMIN_PIN

CLERK, TECHNICIAN, MANAGER = "1001", "2001", "3001"


def staff_counter(bus: CommandBus) -> CommandBus:
    """Initialise a counter with an administrator, a clerk, a technician and a manager."""
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin=ADMIN_PIN)
    return add_staff(bus)


def add_staff(bus: CommandBus) -> CommandBus:
    """A clerk, a technician and a manager on an initialised counter."""
    for staff_id, name, role, pin in ((CLERK, "张丽", "clerk", "1111"),
                                      (TECHNICIAN, "李工", "technician", "2222"),
                                      (MANAGER, "赵经理", "manager", "3333")):
        bus.dispatch(RegisterStaff(staff_id, name, role, pin), ADMIN)
    return bus


def counter_on_disk(home) -> Database:
    db = open_database(database_path(home))
    staff_counter(CommandBus(db))
    return db
