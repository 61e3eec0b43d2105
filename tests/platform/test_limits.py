"""Length limits on every command's text and lists, checked by the bus before any handler runs:
a 10 MB customer name is refused and nothing is written; every str field of every registered
command (nested ones too) has a limit that is enforced."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from datetime import datetime
from typing import Any, get_args, get_origin

import pytest
from sqlalchemy import func, select

from desk.capabilities import REGISTRY, open_database
from desk.catalog.commands import RegisterCustomer
from desk.catalog.setup import initialise_counter
from desk.catalog.tables import customers
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.platform.limits import DEFAULT_ITEMS, DEFAULT_TEXT, MAX_INT
from desk.platform.ports import FixedClock
from desk.platform.tables import journal
from desk.returns.commands import RecordReturn, ReturnLineInput
from desk.sales.commands import RecordSale, SaleLine, Tender
from tests.support.staff import ADMIN, ADMIN_PIN


def events(bus) -> int:
    with bus.db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(journal)).scalar_one()


def refused(bus, command) -> DeskError:
    with pytest.raises(DeskError) as caught:
        bus.dispatch(command, ADMIN)
    return caught.value


def test_a_10_mb_customer_name_is_refused_and_nothing_is_written(bus):
    before = events(bus)
    err = refused(bus, RegisterCustomer(customer_id="C1", customer_name="长" * 10_000_000))
    assert (err.code, err.params) == ("value.too_long", {"field": "customer_name",
                                                         "limit": DEFAULT_TEXT})
    assert events(bus) == before
    with bus.db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(customers)).scalar_one() == 0


def test_an_override_allows_more_and_still_has_a_limit(bus):
    bus.dispatch(RegisterCustomer(customer_id="C1", customer_name="甲", note="注" * 2000), ADMIN)
    err = refused(bus, RegisterCustomer(customer_id="C2", customer_name="乙", note="注" * 2001))
    assert (err.code, err.params) == ("value.too_long", {"field": "note", "limit": 2000})


def test_too_many_sale_lines(bus):
    lines = [SaleLine(sku="P1", qty=1, unit_price_fen=100)] * (DEFAULT_ITEMS + 1)
    err = refused(bus, RecordSale(receipt_no="R1", sold_at="2026-11-20T10:00:00", lines=lines,
                                  tenders=[Tender("cash", 100)]))
    assert (err.code, err.params) == ("value.too_many", {"field": "lines",
                                                         "limit": DEFAULT_ITEMS})


def test_too_many_return_lines_and_a_nested_field_is_named():
    from desk.platform.limits import check_limits

    with pytest.raises(DeskError) as caught:
        check_limits(RecordReturn(receipt_no="R1", lines=[ReturnLineInput(1, 1)] * 501))
    assert caught.value.code == "value.too_many"
    with pytest.raises(DeskError) as caught:
        check_limits(RecordReturn(receipt_no="R1", lines=[ReturnLineInput(1, MAX_INT + 1)]))
    assert caught.value.params == {"field": "lines[0].qty", "low": -MAX_INT, "high": MAX_INT}


def test_a_number_out_of_range_and_a_lone_surrogate(bus):
    err = refused(bus, RecordSale(receipt_no="R1", sold_at="2026-11-20T10:00:00",
                                  lines=[SaleLine(sku="P1", qty=1, unit_price_fen=10**30)],
                                  tenders=[Tender("cash", 100)]))
    assert (err.code, err.params["field"]) == ("value.out_of_range", "lines[0].unit_price_fen")
    err = refused(bus, RegisterCustomer(customer_id="C1", customer_name="\udc80"))
    assert (err.code, err.params["field"]) == ("value.not_text", "customer_name")


# --- every str field of every registered command -----------------------------------------------

def minimal(hint: Any) -> Any:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return None
    if origin is list:
        return []
    if origin is dict:
        return {}
    if dataclasses.is_dataclass(hint):
        return build(hint)
    return {str: "x", int: 0, bool: False}.get(hint)


def build(cls: type[Any], **given: Any) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: given.get(f.name, minimal(hints[f.name]))
                  for f in dataclasses.fields(cls)})


def text_fields(cls: type[Any]) -> Iterator[tuple[str, int, Any]]:
    """(path, limit, a builder taking the text) for each str field, nested ones included."""
    hints = typing.get_type_hints(cls)
    limits = getattr(cls, "limits", {})
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        options = [a for a in get_args(hint) if a is not type(None)] \
            if get_origin(hint) in (typing.Union, types.UnionType) else [hint]
        inner, listed = options[0], False
        if get_origin(inner) is list:
            inner, listed = get_args(inner)[0], True
        if inner is str:
            yield (f.name + ("[0]" if listed else ""), limits.get(f.name, DEFAULT_TEXT),
                   lambda text, name=f.name, listed=listed: build(
                       cls, **{name: [text] if listed else text}))
        elif dataclasses.is_dataclass(inner):
            for path, limit, make in text_fields(inner):
                yield (f"{f.name}{'[0]' if listed else ''}.{path}", limit,
                       lambda text, name=f.name, make=make, listed=listed: build(
                           cls, **{name: [make(text)] if listed else make(text)}))


@pytest.fixture(scope="module")
def shared_bus():
    """One counter for the walk (each case is refused before its handler, or changes little)."""
    clock = FixedClock(datetime(2026, 11, 20, 10, 0, 0))
    database = open_database(None, wall_ms=clock.now_ms)
    command_bus = CommandBus(database, clock)
    initialise_counter(command_bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id=ADMIN, admin_name="王管理", admin_pin=ADMIN_PIN)
    yield command_bus
    database.dispose()


CASES = [(name, path, limit, make) for name, cls in sorted(REGISTRY.command_types().items())
         for path, limit, make in text_fields(cls)]


def test_the_walk_finds_every_command_and_nested_text():
    paths = {(name, path) for name, path, _, _ in CASES}
    assert ("record_sale", "lines[0].serial") in paths
    assert ("import_sales", "sales[0].sale.receipt_no") in paths
    assert ("propose_quote", "parts[0].part") in paths
    assert {name for name, *_ in CASES} >= set(REGISTRY.command_types()) - {"close_day"} - {
        n for n, c in REGISTRY.command_types().items()
        if not any(h is str for h in typing.get_type_hints(c).values())}


@pytest.mark.parametrize(("name", "path", "limit", "make"), CASES,
                         ids=[f"{n}.{p}" for n, p, _, _ in CASES])
def test_every_text_field_has_an_enforced_limit(shared_bus, name, path, limit, make):
    err = refused(shared_bus, make("x" * (limit + 1)))
    assert (err.code, err.params) == ("value.too_long", {"field": path, "limit": limit})
    try:  # at the limit the length is not what refuses it (something else may)
        shared_bus.dispatch(make("x" * limit), ADMIN)
    except DeskError as other:
        assert not (other.code == "value.too_long" and other.params["field"] == path)


def test_every_override_names_a_field_and_is_documented():
    from pathlib import Path

    from desk.platform.limits import field_limits

    docs = Path(__file__).parents[2].joinpath("docs", "commands.md").read_text(encoding="utf-8")
    rows = {line for line in docs.splitlines() if line.startswith("| `")}
    for name, cls in REGISTRY.command_types().items():
        field_limits(cls)  # a name in `limits` that is no field raises
        for field, limit in getattr(cls, "limits", {}).items():
            spelled = f"{field}: {limit:,}".replace(",", " ")
            assert any(f"`{name}`" in row and spelled in row for row in rows), (name, spelled)
