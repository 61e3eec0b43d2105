"""First-run set-up: the store's time zone is kept (closure counts the day in it); a zone the
machine does not know is refused and nothing is half set up."""

from __future__ import annotations

import pytest

from desk.catalog.setup import initialise_counter
from desk.closure.queries import day_settings
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError


def set_up(bus: CommandBus, timezone: str) -> None:
    initialise_counter(bus, store_id="S009", store_name="乌鲁木齐店", device_name="一号柜台",
                       admin_id="A001", admin_name="王管理", admin_pin="9999", timezone=timezone)


def test_the_time_zone_given_is_the_closure_s_and_in_the_store_s_event(db) -> None:
    bus = CommandBus(db)
    set_up(bus, "Asia/Urumqi")
    with db.engine.connect() as conn:
        assert day_settings(conn).timezone == "Asia/Urumqi"
        payload = conn.exec_driver_sql(
            "SELECT payload FROM journal WHERE kind = 'store.registered'").scalar_one()
    assert '"timezone":"Asia/Urumqi"' in payload


def test_without_one_the_default_zone_is_used(db) -> None:
    set_up(CommandBus(db), "")
    with db.engine.connect() as conn:
        assert day_settings(conn).timezone == "Asia/Shanghai"


def test_an_unknown_zone_is_refused_and_nothing_is_set_up(db) -> None:
    with pytest.raises(DeskError) as err:
        set_up(CommandBus(db), "Mars/Olympus")
    assert err.value.code == "value.invalid" and err.value.params["field"] == "store.timezone"
    assert db.store_id() is None
