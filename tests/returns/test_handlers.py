"""Returns, compensation and approvals through the command bus, on a real (in-memory) database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk.capabilities import REGISTRY
from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.projections import rebuild
from desk.returns import tables as returns_t
from desk.returns.commands import (
    AwardCompensation,
    DecideHeadOffice,
    RecordReturn,
    ReturnLineInput,
)
from desk.returns.queries import (
    pending_cases,
    points_balance,
    return_detail,
    returned_quantities,
)
from tests.returns.seed import ADMIN, CLERK, CUSTOMER, MANAGER, MANAGER_PIN, sale
from tests.support.head_office import HQ_ADMIN
from tests.support.journal import dump
from tests.support.signing import signed

RNO = "R2611150100001"


def ret(bus, *lines, actor=CLERK, receipt=RNO, sign=False, **kw):
    cmd = RecordReturn(receipt_no=receipt, lines=[ReturnLineInput(n, q) for n, q in lines], **kw)
    return bus.dispatch(signed(bus, cmd) if sign else cmd, actor)


def kinds(db):
    with db.engine.connect() as conn:
        return [r.kind for r in conn.execute(select(t.journal.c.kind).order_by(t.journal.c.seq))]


def test_a_simple_return_refunds_the_paid_amount_to_the_original_tender(store, db):
    sale(store, RNO, [("P000001", 1)])
    result = ret(store, (1, 1), reason="size")
    assert result.value["refund_fen"] == 19900
    assert result.value["status"] == "completed"
    assert result.value["approval_level"] == "clerk"
    assert result.value["tenders"] == [{"tender_position": 1, "tender": "wechat_pay",
                                        "route": "original", "amount_fen": 19900, "reason": ""}]
    assert {"returns", "approvals"} & result.changes.kinds == {"returns"}
    decision = result.value["decision"]
    assert decision["rules"][0]["rule"] == "return.clothing"
    assert decision["rules"][0]["version"] == "2026.2"
    with db.engine.connect() as conn:
        assert returned_quantities(conn, RNO) == {1: 1}
        detail = return_detail(conn, result.value["return_id"])
    assert detail["reason"] == "size" and detail["business_date"] == "2026-11-20"
    assert kinds(db)[-1] == "return.recorded"


def test_partial_returns_add_up_to_exactly_what_was_paid(store, db):
    paid = sale(store, RNO, [("P000001", 3), ("P000004", 2)], promotions=[2000],
                tenders=[("cash", 20000), ("alipay", 59700 + 11960 - 2000 - 20000)])
    refunds = [ret(store, (1, 1)).value, ret(store, (2, 1), (1, 1)).value,
               ret(store, (1, 1), (2, 1)).value]
    assert sum(r["refund_fen"] for r in refunds) == paid
    by_tender: dict[str, int] = {}
    for r in refunds:
        for td in r["tenders"]:
            by_tender[td["tender"]] = by_tender.get(td["tender"], 0) + td["amount_fen"]
    assert by_tender == {"cash": 20000, "alipay": paid - 20000}
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1))
    assert err.value.code == "return.qty_exceeds"
    assert err.value.params["remaining"] == 0


@pytest.mark.parametrize("qty", [0, -1])
def test_zero_and_negative_quantities_are_refused(store, qty):
    sale(store, RNO, [("P000001", 2)])
    with pytest.raises(DeskError) as err:
        ret(store, (1, qty))
    assert err.value.code == "return.qty_invalid"


def test_more_than_remains_is_refused_and_nothing_is_recorded(store, db):
    sale(store, RNO, [("P000001", 2)])
    ret(store, (1, 1))
    before = kinds(db)
    with pytest.raises(DeskError) as err:
        ret(store, (1, 2))
    assert (err.value.code, err.value.params["remaining"]) == ("return.qty_exceeds", 1)
    assert kinds(db) == before


def test_unknown_receipt_and_unknown_line(store):
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), receipt="R2611150109999")
    assert err.value.code == "receipt.unknown"
    sale(store, RNO, [("P000001", 1)])
    with pytest.raises(DeskError) as err:
        ret(store, (5, 1))
    assert err.value.code == "return.line_unknown"


def test_a_receipt_from_another_store_is_refused(store, db):
    from desk.platform.uow import UnitOfWork

    # a sale of store S002 reached this counter (head office shares documents; a mistake)
    with UnitOfWork(db, ADMIN) as uow:
        uow.use_store("S002")
        uow.record("sale.recorded", "R2611150200001", {
            "receipt_no": "R2611150200001", "sold_at": "2026-11-15T10:00:00",
            "customer_id": None, "points_earned": 0, "list_total_fen": 19900,
            "discount_fen": 0, "paid_fen": 19900,
            "lines": [{"line_no": 1, "sku": "P000001", "name": "衬衫", "qty": 1,
                       "unit_price_fen": 19900}],
            "tenders": [{"tender": "cash", "amount_fen": 19900}], "promotions": []})
        uow.commit()
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), receipt="R2611150200001")
    assert err.value.code == "return.other_store"


def test_past_the_window_is_refused_and_a_manager_may_override_with_a_reason(store, db):
    sale(store, RNO, [("P000003", 1)], sold_at="2026-11-10T10:00:00")  # appliance, day 10
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1))
    assert err.value.code == "return.exchange_only"
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), override_reason="customer is moving abroad")
    assert err.value.code == "approval.required"
    result = ret(store, (1, 1), override_reason="customer is moving abroad",
                 approver_id=MANAGER, approver_pin=MANAGER_PIN)
    assert result.value["approved_by"] == MANAGER
    assert kinds(db)[-2:] == ["approval.recorded", "return.recorded"]
    with db.engine.connect() as conn:
        approval = conn.execute(select(returns_t.approvals)).one()
        row = conn.execute(select(returns_t.returns)).one()
    assert (approval.approver_id, approval.level, approval.reason) == (
        MANAGER, "manager", "customer is moving abroad")
    assert row.override_reason == "customer is moving abroad"
    assert json.loads(row.decision)["overridden"][0]["code"] == "return.exchange_only"


def test_a_wrong_approver_pin_is_refused_and_counts_towards_the_lockout(store, db):
    sale(store, RNO, [("P000005", 1)], customer_id=CUSTOMER)  # 2999 CNY: above the clerk
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), customer_id=CUSTOMER, approver_id=MANAGER, approver_pin="0000",
            sign=True)
    assert err.value.code == "auth.wrong_pin"
    assert kinds(db)[-1] == "staff.login_failed"
    with db.engine.connect() as conn:
        assert conn.execute(select(returns_t.returns)).first() is None
    with pytest.raises(DeskError) as err:  # a clerk cannot approve
        ret(store, (1, 1), customer_id=CUSTOMER, approver_id=CLERK, approver_pin="1111",
            sign=True)
    assert err.value.code == "approval.not_allowed"
    result = ret(store, (1, 1), customer_id=CUSTOMER, approver_id=MANAGER,
                 approver_pin=MANAGER_PIN, sign=True)
    assert result.value["approval_level"] == "manager"


def test_a_manager_at_the_counter_approves_their_own_case(store):
    sale(store, RNO, [("P000005", 1)], customer_id=CUSTOMER)
    result = ret(store, (1, 1), actor=MANAGER, customer_id=CUSTOMER, sign=True)
    assert result.value["approved_by"] == MANAGER


def test_jewelry_goes_back_only_with_its_buyer(store):
    sale(store, RNO, [("P000005", 1)], customer_id=CUSTOMER)
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), customer_id="C0000009", actor=MANAGER, sign=True)
    assert err.value.code == "return.not_buyer"


def test_a_signature_is_required_above_the_threshold(store):
    sale(store, RNO, [("P000002", 1)])  # 899 CNY
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1))
    assert err.value.code == "return.signature_required"
    assert ret(store, (1, 1), sign=True).value["refund_fen"] == 89900


@pytest.mark.parametrize("made_up", ["s", "paper", "sha256:abc", "0" * 32])
def test_a_made_up_signature_is_refused(store, made_up):
    sale(store, RNO, [("P000002", 1)])  # 899 CNY: the customer signs
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), signature_ref=made_up)
    assert err.value.code == "signature.unknown"


def test_a_signature_for_another_case_or_a_changed_return_is_refused(store):
    sale(store, RNO, [("P000002", 2)])
    sale(store, "R2611150100002", [("P000002", 1)])
    other = signed(store, RecordReturn(receipt_no="R2611150100002",
                                       lines=[ReturnLineInput(1, 1)])).signature_ref
    with pytest.raises(DeskError) as err:  # captured for another receipt
        ret(store, (1, 1), signature_ref=other)
    assert err.value.code == "signature.wrong_document"
    one = signed(store, RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]))
    with pytest.raises(DeskError) as err:  # signed for one unit, two are returned: stale
        ret(store, (1, 2), signature_ref=one.signature_ref)
    assert err.value.code == "signature.stale"
    ret(store, (1, 1), signature_ref=one.signature_ref)
    with pytest.raises(DeskError) as err:  # the same signature for the next unit: reused
        ret(store, (1, 1), signature_ref=one.signature_ref)
    assert err.value.code == "signature.already_used"


def test_cash_back_for_a_non_cash_tender_needs_a_manager_and_a_reason(store):
    sale(store, RNO, [("P000001", 1)])
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), cash_back=True)
    assert err.value.code == "approval.reason_required"
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), cash_back=True, override_reason="phone lost, no WeChat")
    assert err.value.code == "approval.required"
    result = ret(store, (1, 1), cash_back=True, override_reason="phone lost, no WeChat",
                 approver_id=MANAGER, approver_pin=MANAGER_PIN)
    assert result.value["tenders"][0]["route"] == "cash"
    assert result.value["tenders"][0]["reason"] == "cash_back_override"


def test_above_the_manager_waits_for_head_office_visibly_and_completes(store, db, head_office):
    sale(store, RNO, [("P000007", 1)])  # 12 999 CNY
    result = ret(store, (1, 1), actor=MANAGER, sign=True)
    assert result.value["status"] == "pending"
    assert result.value["approval_level"] == "head_office"
    with db.engine.connect() as conn:
        assert [c["case_id"] for c in pending_cases(conn)] == [result.value["return_id"]]
        assert returned_quantities(conn, RNO) == {1: 1}  # the unit is held while pending
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), actor=MANAGER, sign=True)
    assert err.value.code == "return.qty_exceeds"
    with pytest.raises(DeskError) as err:  # the counter's manager cannot decide it
        store.dispatch(DecideHeadOffice(case_id=result.value["return_id"], decision="approved"),
                       MANAGER)
    assert err.value.code == "auth.forbidden"
    with pytest.raises(DeskError) as err:  # nor the store's administrator: not head office
        store.dispatch(DecideHeadOffice(case_id=result.value["return_id"], decision="approved"),
                       ADMIN)
    assert err.value.code == "auth.head_office_only"
    done = head_office.decide(result.value["return_id"])
    assert done.value["status"] == "completed"
    with db.engine.connect() as conn:
        row = conn.execute(select(returns_t.returns)).one()
        assert pending_cases(conn) == []
    assert (row.status, row.approved_by) == ("completed", HQ_ADMIN)
    with pytest.raises(DeskError) as err:
        head_office.decide(row.return_id, "refused", "late")
    assert err.value.code == "approval.not_pending"


def test_head_office_refusal_needs_a_reason_and_frees_the_units(store, db, head_office):
    sale(store, RNO, [("P000007", 1)])
    case = ret(store, (1, 1), actor=MANAGER, sign=True).value["return_id"]
    with pytest.raises(DeskError) as err:
        head_office.decide(case, "refused")
    assert err.value.code == "approval.reason_required"
    head_office.decide(case, "refused", "used")
    with db.engine.connect() as conn:
        assert conn.execute(select(returns_t.returns.c.status)).scalar_one() == "refused"
        assert returned_quantities(conn, RNO) == {}


def test_gift_value_is_deducted_when_the_gift_stays_with_the_customer(store, db):
    sale(store, RNO, [("P000003", 1)], gift="P000006")
    result = ret(store, (1, 1))
    assert result.value["refund_fen"] == 29900 - 5900
    with db.engine.connect() as conn:
        assert returned_quantities(conn, RNO) == {1: 1, 2: 1}  # the gift is settled
        lines = return_detail(conn, result.value["return_id"])["lines"]
    assert [(ln["kind"], ln["refund_fen"]) for ln in lines] == [("return", 29900),
                                                               ("gift_deducted", -5900)]


def test_points_are_reversed_and_the_balance_may_go_negative(store, db):
    sale(store, RNO, [("P000001", 2)], customer_id=CUSTOMER, points=398)
    result = ret(store, (1, 1))
    assert result.value["points_reversed"] == 199
    with db.engine.connect() as conn:
        assert points_balance(conn, CUSTOMER) == 199
    # the member spent points elsewhere (not modelled here); a full return still reverses all
    ret(store, (1, 1))
    with db.engine.connect() as conn:
        assert points_balance(conn, CUSTOMER) == 0


def test_no_receipt_return_found_by_phone(store):
    sale(store, RNO, [("P000001", 1)], customer_id=CUSTOMER)
    with pytest.raises(DeskError) as err:  # a no-receipt return always has the customer sign
        ret(store, (1, 1), found_by="phone", customer_id=CUSTOMER)
    assert err.value.code == "return.signature_required"
    result = ret(store, (1, 1), found_by="phone", customer_id=CUSTOMER, sign=True)
    assert result.value["refund_fen"] == 19900
    with pytest.raises(DeskError) as err:
        ret(store, (1, 1), found_by="fax")
    assert err.value.code == "value.invalid"


def test_compensation_fraud_needs_a_manager_and_a_signature(store, db):
    sale(store, RNO, [("P000001", 1)], customer_id=CUSTOMER)
    cmd = signed(store, AwardCompensation(kind="fraud", receipt_no=RNO, line_no=1,
                                          reason="fake cotton"))
    with pytest.raises(DeskError) as err:
        store.dispatch(cmd, CLERK)
    assert err.value.code == "approval.required"
    from dataclasses import replace

    result = store.dispatch(replace(cmd, approver_id=MANAGER, approver_pin=MANAGER_PIN), CLERK)
    assert result.value["amount_fen"] == 59700  # 3 x 199, above the 500 minimum
    with db.engine.connect() as conn:
        row = conn.execute(select(returns_t.compensations)).one()
    assert (row.customer_id, row.statutory, row.status, row.approved_by) == (
        CUSTOMER,
        True,
        "completed",
        MANAGER,
    )


def test_late_repair_compensation_from_the_ticket(store, clock):
    from desk.repairs.commands import OpenTicket

    store.dispatch(
        OpenTicket(
            code="T2611100001",
            sku="P000003",
            fault="不加热",
            promised_date="2026-11-17",
            customer_id=CUSTOMER,
        ),
        ADMIN,
    )
    result = store.dispatch(
        signed(store, AwardCompensation(kind="late_repair", ticket_code="T2611100001")), CLERK
    )
    assert result.value["amount_fen"] == 3 * 2000
    assert result.value["approval_level"] == "clerk"


def test_quality_extra_loss_above_the_cap_waits_for_head_office(store, db, head_office):
    result = store.dispatch(
        signed(
            store, AwardCompensation(kind="quality", extra_loss_fen=250000, customer_id=CUSTOMER)
        ),
        MANAGER,
    )
    assert result.value["status"] == "pending"
    head_office.decide(result.value["compensation_id"])
    with db.engine.connect() as conn:
        assert conn.execute(select(returns_t.compensations.c.status)).scalar_one() == "completed"


def test_unsafe_food_label_defect_is_refused(store):
    sale(store, RNO, [("P000004", 1)])
    with pytest.raises(DeskError) as err:
        store.dispatch(
            signed(
                store,
                AwardCompensation(
                    kind="unsafe_food", receipt_no=RNO, line_no=1, label_defect_only=True
                ),
            ),
            MANAGER,
        )
    assert err.value.code == "compensation.label_defect"


def test_negative_amounts_in_a_compensation_are_refused(store):
    with pytest.raises(DeskError) as err:
        store.dispatch(signed(store, AwardCompensation(kind="quality", extra_loss_fen=-1)), MANAGER)
    assert err.value.code == "money.negative"


def test_rebuild_reproduces_every_return_table(store, db, head_office):
    sale(
        store,
        RNO,
        [("P000001", 2), ("P000003", 1)],
        gift="P000006",
        customer_id=CUSTOMER,
        points=100,
    )
    ret(store, (1, 1))
    ret(store, (1, 1), (2, 1), override_reason="x", approver_id=MANAGER, approver_pin=MANAGER_PIN)
    sale(store, "R2611150100002", [("P000007", 1)])
    case = ret(store, (1, 1), receipt="R2611150100002", actor=MANAGER, sign=True).value["return_id"]
    head_office.decide(case)
    store.dispatch(
        signed(store, AwardCompensation(kind="service_complaint", customer_id=CUSTOMER)), MANAGER
    )
    with db.engine.begin() as conn:
        before = dump(conn)
        rebuild(conn, REGISTRY)
        assert dump(conn) == before
    assert before["returns"] and before["approvals"] and before["compensations"]


def test_a_clerk_cannot_decide_for_head_office_and_unknown_cases(store, head_office):
    with pytest.raises(DeskError) as err:
        head_office.decide("RT000")
    assert err.value.code == "approval.unknown_case"
    with pytest.raises(DeskError) as err:
        store.dispatch(DecideHeadOffice(case_id="RT000", decision="approved"), CLERK)
    assert err.value.code == "auth.forbidden"


def test_five_wrong_approver_pins_lock_the_manager(store, db):
    sale(store, RNO, [("P000005", 1)], customer_id=CUSTOMER)
    for _ in range(4):
        with pytest.raises(DeskError) as err:
            ret(
                store,
                (1, 1),
                customer_id=CUSTOMER,
                approver_id=MANAGER,
                approver_pin="0000",
                sign=True,
            )
        assert err.value.code == "auth.wrong_pin"
    with pytest.raises(DeskError) as err:
        ret(
            store, (1, 1), customer_id=CUSTOMER, approver_id=MANAGER, approver_pin="0000", sign=True
        )
    assert err.value.code == "auth.locked"
    with pytest.raises(DeskError) as err:  # even the right PIN, while locked
        ret(
            store,
            (1, 1),
            customer_id=CUSTOMER,
            approver_id=MANAGER,
            approver_pin=MANAGER_PIN,
            sign=True,
        )
    assert err.value.code == "auth.locked"
