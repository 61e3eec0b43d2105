"""First run of a counter: bind it to a store, name it, create the first administrator."""

from __future__ import annotations

from desk.services.bus import SYSTEM_ACTOR, CommandBus
from desk.services.commands import RegisterDevice, RegisterStaff, RegisterStore


def initialise_counter(
    bus: CommandBus,
    *,
    store_id: str,
    store_name: str,
    device_name: str,
    admin_id: str,
    admin_name: str,
    admin_pin: str,
    tracking_url: str = "",
) -> None:
    bus.dispatch(RegisterStore(store_id=store_id, store_name=store_name,
                               tracking_url=tracking_url), SYSTEM_ACTOR)
    bus.dispatch(RegisterDevice(device_name=device_name), SYSTEM_ACTOR)
    bus.dispatch(RegisterStaff(staff_id=admin_id, staff_name=admin_name, role="admin",
                               pin=admin_pin), SYSTEM_ACTOR)
