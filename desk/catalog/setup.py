"""First run of a counter: bind it to a store, name it, create the first administrator."""

from __future__ import annotations

from desk.catalog.commands import InitialiseCounter
from desk.platform.bus import SYSTEM_ACTOR, CommandBus


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
    timezone: str = "",
) -> None:
    bus.dispatch(InitialiseCounter(store_id=store_id, store_name=store_name,
                                   device_name=device_name, admin_id=admin_id,
                                   admin_name=admin_name, admin_pin=admin_pin,
                                   tracking_url=tracking_url,
                                   timezone=timezone), SYSTEM_ACTOR)
