"""Detail views' data: receipt, customer, ticket, product."""

from __future__ import annotations

from typing import Any

import pytest

from desk.capabilities import REGISTRY
from desk.lookup.detail_types import CustomerBrief, Gift
from desk.lookup.details import detail
from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from tests.support.signing import signed


def get(bus: CommandBus, kind: str, key: str) -> Any:
    with bus.db.engine.connect() as conn:
        return detail(conn, kind, key)


def test_receipt_with_lines_tenders_promotions_gifts_and_tickets(store: CommandBus) -> None:
    d = get(store, "receipt", "R261120010001")
    assert (d.sold_at, d.paid_fen, d.list_total_fen, d.discount_fen) == (
        "2026-11-20T09:15:00", 127700, 129700, 2000)
    assert d.customer == CustomerBrief(customer_id="C0000001", name="张伟",
                                      phone="138****5678", member_id="M00000001")
    assert [(ln.line_no, ln.name, ln.qty, ln.net_fen) for ln in d.lines] == [
        (1, "羽绒服", 1, 89900), (2, "电热水壶", 2, 38800), (3, "男士羽绒服", 1, 0)]
    # no returns yet: everything is still returnable
    assert [(ln.returned_qty, ln.returnable_qty) for ln in d.lines] == [
        (0, 1), (0, 2), (0, 1)]
    assert [(x.tender, x.amount_fen) for x in d.tenders] == [
        ("wechat_pay", 100000), ("cash", 27700)]
    assert [(x.kind, x.amount_fen) for x in d.promotions] == [("full_reduction", 1000)]
    assert d.gifts == (Gift(line_no=3, name="男士羽绒服", qty=1, gift_value_fen=5000),)
    assert [x.code for x in d.tickets] == ["T2611200002"]
    assert d.fully_returned is False


def test_customer_with_purchases_tickets_returns_compensations(store: CommandBus) -> None:
    d = get(store, "customer", "C0000002")
    assert (d.name, d.phone, d.member_id) == ("王芳", "139****5678", "M00000002")
    assert (d.purchase_count, d.purchase_total_fen) == (1, 599900)
    assert [(p.receipt_no, p.line_count) for p in d.purchases] == [("R261120010002", 1)]
    assert [x.code for x in d.tickets] == ["T2611200001"]
    assert d.returns == () and d.compensations == ()


def test_ticket_with_checklist_progress(store: CommandBus) -> None:
    d = get(store, "ticket", "T2611200001")
    assert (d.product_name, d.serial, d.status, d.step) == (
        "iPhone 15", "SNIP15000001", "open", 1)
    assert d.customer.name == "王芳"
    assert [s.state for s in d.checklist] == ["current"] + ["todo"] * 8
    assert d.checklist[0].key == "booking" and d.steps_done == 0


def test_product_with_recent_sales(store: CommandBus) -> None:
    d = get(store, "product", "P000003")
    assert (d.name, d.category, d.price_fen) == ("电热水壶", "家电", 19900)
    assert [s.receipt_no for s in d.sales] == ["R261120010001", "R261119010007"]


@pytest.mark.parametrize(("kind", "key"), [
    ("receipt", "R000000000000"), ("customer", "C9"), ("ticket", "T0"), ("product", "P0"),
    ("spaceship", "X"),
])
def test_unknown_keys_are_refused_with_a_code(store: CommandBus, kind: str, key: str) -> None:
    with pytest.raises(DeskError) as err:
        get(store, kind, key)
    assert err.value.code == "lookup.unknown"


def test_details_survive_a_rebuild_from_the_journal(store: CommandBus) -> None:
    before = {k: get(store, k, key) for k, key in (
        ("receipt", "R261120010001"), ("customer", "C0000001"), ("ticket", "T2611200002"))}
    with store.db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    after = {k: get(store, k, key) for k, key in (
        ("receipt", "R261120010001"), ("customer", "C0000001"), ("ticket", "T2611200002"))}
    assert before == after


def test_earlier_returns_and_compensations_show(store: CommandBus) -> None:
    from desk.returns.commands import AwardCompensation, RecordReturn, ReturnLineInput

    store.dispatch(RecordReturn(receipt_no="R261120010001",
                                lines=[ReturnLineInput(line_no=2, qty=1)], reason="不想要了"),
                   "A001")
    d = get(store, "receipt", "R261120010001")
    assert [(ln.line_no, ln.returned_qty, ln.returnable_qty) for ln in d.lines] == [
        (1, 0, 1), (2, 1, 1), (3, 0, 1)]
    assert [(r.status, r.lines, r.reason) for r in d.returns] == [
        ("completed", "#2×1", "不想要了")]
    assert d.returns[0].refund_fen > 0
    store.dispatch(signed(store, AwardCompensation(kind="service_complaint", reason="态度差",
                                                   customer_id="C0000001")), "A001")
    c = get(store, "customer", "C0000001")
    assert [(r["receipt_no"], r["status"]) for r in c.returns] == [
        ("R261120010001", "completed")]
    assert [(x["kind"], x["amount_fen"]) for x in c.compensations] == [
        ("service_complaint", 50000)]
    # the rest of line 2 goes back too: nothing left on it
    store.dispatch(RecordReturn(receipt_no="R261120010001",
                                lines=[ReturnLineInput(line_no=2, qty=1)]), "A001")
    d = get(store, "receipt", "R261120010001")
    assert d.lines[1].returnable_qty == 0 and len(d.returns) == 2
