"""Hypothesis through the real handlers and database: random partial returns of a random receipt
refund at most what was paid — exactly it when everything comes back — and every tender gets
back exactly what it paid when the receipt is returned in full (no gift kept)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.capabilities import open_database
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.errors import DeskError
from desk.platform.ports import FixedClock
from desk.returns import tables as returns_t
from desk.returns.commands import RecordReturn, ReturnLineInput
from desk.sales.commands import Promotion, RecordSale, SaleLine, Tender
from tests.returns.seed import PRODUCTS, seed
from tests.support.signing import signed

SKUS = ["P000001", "P000002", "P000003", "P000004", "P000006"]  # not jewelry (buyer rule)


def fresh_bus() -> CommandBus:
    clock = FixedClock(datetime(2026, 11, 20, 10, 0, 0))
    db = open_database(None, wall_ms=clock.now_ms)
    bus = CommandBus(db, clock)
    from desk.catalog.setup import initialise_counter

    initialise_counter(bus, store_id="S001", store_name="店", device_name="柜台",
                       admin_id="A001", admin_name="管", admin_pin="9999")
    seed(bus)
    return bus


@st.composite
def scenarios(draw):
    n = draw(st.integers(1, 4))
    lines = [(draw(st.sampled_from(SKUS)), draw(st.integers(1, 4)),
              draw(st.integers(0, 30))) for _ in range(n)]  # sku, qty, line discount %
    nets = [PRODUCTS[s][2] * q - PRODUCTS[s][2] * q * d // 100 for s, q, d in lines]
    total = sum(nets)
    discount = draw(st.integers(0, total // 4))
    paid = total - discount
    cut = draw(st.integers(1, paid - 1)) if paid > 1 and draw(st.booleans()) else paid
    tenders = [("cash", cut)] + ([("alipay", paid - cut)] if paid - cut else [])
    steps = draw(st.lists(st.lists(st.tuples(st.integers(1, n), st.integers(1, 4)),
                                   min_size=1, max_size=3), min_size=1, max_size=6))
    return lines, discount, tenders, steps, draw(st.booleans())


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(scenarios())
def test_returns_through_the_bus_never_exceed_and_add_up(scenario):
    lines, discount, tenders, steps, finish = scenario
    bus = fresh_bus()
    sale_lines = [SaleLine(sku=s, qty=q, unit_price_fen=PRODUCTS[s][2],
                           line_discount_fen=PRODUCTS[s][2] * q * d // 100) for s, q, d in lines]
    paid = sum(a for _, a in tenders)
    bus.dispatch(RecordSale(receipt_no="R2611180100001", sold_at="2026-11-18T10:00:00",
                            lines=sale_lines, tenders=[Tender(k, a) for k, a in tenders],
                            promotions=[Promotion("full_reduction", "满减", discount)]
                            if discount else []), SYSTEM_ACTOR)
    left = {i: q for i, (_, q, _) in enumerate(lines, start=1)}

    def attempt(wanted: dict[int, int]) -> None:
        try:
            bus.dispatch(signed(bus, RecordReturn(
                receipt_no="R2611180100001",
                lines=[ReturnLineInput(n, q) for n, q in wanted.items()])), SYSTEM_ACTOR)
        except DeskError as err:
            assert err.code == "return.qty_exceeds"
            assert any(q > left[n] for n, q in wanted.items())
            return
        for n, q in wanted.items():
            left[n] -= q

    for step in steps:
        attempt(dict(step))
    if finish and any(left.values()):
        attempt({n: q for n, q in left.items() if q})
    with bus.db.engine.connect() as conn:
        refunded = conn.execute(select(func.coalesce(func.sum(returns_t.returns.c.refund_fen), 0))
                                ).scalar_one()
        by_tender = dict(conn.execute(select(returns_t.refund_tenders.c.tender,
                                             func.sum(returns_t.refund_tenders.c.amount_fen))
                                      .group_by(returns_t.refund_tenders.c.tender)).all())
        conflicts = conn.execute(select(func.count()).select_from(t.conflicts)).scalar_one()
    assert refunded <= paid
    assert conflicts == 0
    for kind, amount in tenders:
        assert by_tender.get(kind, 0) <= amount
    if not any(left.values()):
        assert refunded == paid
        assert by_tender == {k: a for k, a in tenders}
    bus.db.dispose()
