"""Commands through the bus: roles, log-in and lockout, reference data, sales, LWW edits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk.capabilities import describe
from desk.catalog import tables as catalog_t
from desk.catalog.commands import (
    DefineCategory,
    InitialiseCounter,
    RegisterCustomer,
    RegisterProduct,
    UpdateCustomer,
)
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.db import Database
from desk.platform.errors import DeskError
from desk.repairs.commands import OpenTicket
from desk.sales import tables as sales_t
from desk.sales.commands import Promotion, RecordSale, SaleLine, SaleRecorded, Tender
from desk.staff.commands import LogIn, RegisterStaff
from tests.support.staff import ADMIN, ADMIN_PIN


def count(db: Database, table) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def shop(bus: CommandBus) -> CommandBus:
    bus.dispatch(RegisterStaff(staff_id="1001", staff_name="张丽", role="clerk", pin="1111"), ADMIN)
    bus.dispatch(DefineCategory(category_id="APP", category_name="家电", kind="appliance"), ADMIN)
    bus.dispatch(RegisterProduct(sku="P000001", product_name="电饭煲", category_id="APP",
                                 price_fen=39900, barcode="6901234567892"), ADMIN)
    bus.dispatch(RegisterProduct(sku="P000002", product_name="空气炸锅", category_id="APP",
                                 price_fen=29900), ADMIN)
    return bus


def sale(receipt_no="R2611200100001", **overrides) -> RecordSale:
    fields = dict(
        receipt_no=receipt_no, sold_at="2026-11-20T09:30:00",
        lines=[SaleLine(sku="P000001", qty=1, unit_price_fen=39900, serial="SNAB12345678"),
               SaleLine(sku="P000002", qty=2, unit_price_fen=29900, line_discount_fen=900)],
        promotions=[Promotion(kind="full_reduction", description="满500减50", amount_fen=5000)],
        tenders=[Tender(tender="wechat_pay", amount_fen=60000),
                 Tender(tender="cash", amount_fen=33800)],
    )
    fields.update(overrides)
    return RecordSale(**fields)


def test_sale_is_projected_with_totals(shop, db):
    result = shop.dispatch(sale(), "1001")
    assert result.value == SaleRecorded(receipt_no="R2611200100001", paid_fen=93800)
    assert result.changes.kinds == {"receipts"}
    with db.engine.connect() as conn:
        receipt = conn.execute(select(sales_t.receipts)).one()
        lines = conn.execute(
            select(sales_t.receipt_lines).order_by(sales_t.receipt_lines.c.line_no)
        ).all()
    assert (receipt.list_total_fen, receipt.discount_fen, receipt.paid_fen) == (99700, 5900, 93800)
    assert [ln.name for ln in lines] == ["电饭煲", "空气炸锅"]
    assert lines[0].serial == "SNAB12345678"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"tenders": [Tender(tender="cash", amount_fen=1)]}, "receipt.tenders_mismatch"),
        ({"tenders": [Tender(tender="bitcoin", amount_fen=93800)]}, "receipt.tender_unknown"),
        ({"lines": []}, "receipt.no_lines"),
        ({"lines": [SaleLine(sku="P000001", qty=0, unit_price_fen=1)]}, "receipt.line_invalid"),
        (
            {"lines": [SaleLine(sku="NOPE", qty=1, unit_price_fen=93800)], "promotions": []},
            "receipt.line_invalid",
        ),
        ({"sold_at": "yesterday"}, "value.invalid"),
        ({"customer_id": "C9999999"}, "customer.unknown"),
    ],
)
def test_bad_sales_are_refused_and_change_nothing(shop, db, overrides, code):
    before = count(db, t.journal)
    with pytest.raises(DeskError) as info:
        shop.dispatch(sale(**overrides), "1001")
    assert info.value.code == code
    assert count(db, t.journal) == before and count(db, sales_t.receipts) == 0


def test_duplicate_receipt_is_refused(shop):
    shop.dispatch(sale(), "1001")
    with pytest.raises(DeskError) as info:
        shop.dispatch(sale(), "1001")
    assert info.value.code == "receipt.exists"
    assert "already exists" in describe(info.value, "en")


def test_roles_are_enforced(shop):
    with pytest.raises(DeskError) as info:
        shop.dispatch(
            RegisterStaff(staff_id="1002", staff_name="李", role="clerk", pin="2222"), "1001"
        )
    assert info.value.code == "auth.forbidden"
    with pytest.raises(DeskError) as info:
        shop.dispatch(sale(), "nobody")
    assert info.value.code == "auth.unknown_staff"


def test_login_locks_after_five_wrong_pins_and_unlocks_after_five_minutes(shop, clock, db):
    for remaining in (4, 3, 2, 1):
        with pytest.raises(DeskError) as info:
            shop.dispatch(LogIn(staff_id="1001", pin="0000"), "1001")
        assert info.value.code == "auth.wrong_pin" and info.value.params["remaining"] == remaining
    with pytest.raises(DeskError) as info:
        shop.dispatch(LogIn(staff_id="1001", pin="0000"), "1001")
    assert info.value.code == "auth.locked"
    with pytest.raises(DeskError) as info:  # even the right PIN waits out the lock
        shop.dispatch(LogIn(staff_id="1001", pin="1111"), "1001")
    assert info.value.code == "auth.locked"
    clock.advance(minutes=5)
    assert shop.dispatch(LogIn(staff_id="1001", pin="1111"), "1001").value.role == "clerk"
    with db.engine.connect() as conn:
        kinds = [
            k
            for (k,) in conn.execute(
                select(t.journal.c.kind).where(t.journal.c.entity_id == "1001")
            )
        ]
    assert kinds.count("staff.login_failed") == 5 and kinds[-1] == "staff.logged_in"


def test_the_lockout_survives_a_restart(shop, clock, db):
    for _ in range(5):
        with pytest.raises(DeskError):
            shop.dispatch(LogIn(staff_id="1001", pin="0000"), "1001")
    fresh_bus = CommandBus(db, clock)
    with pytest.raises(DeskError) as info:
        fresh_bus.dispatch(LogIn(staff_id="1001", pin="1111"), "1001")
    assert info.value.code == "auth.locked"


def test_admin_logs_in_with_all_areas(bus):
    value = bus.dispatch(LogIn(staff_id=ADMIN, pin=ADMIN_PIN), ADMIN).value
    assert value.areas == ("counter", "workshop", "manager", "admin")


def test_initialise_is_all_or_nothing(db, clock):
    fresh = CommandBus(db, clock)
    with pytest.raises(DeskError):
        fresh.dispatch(
            InitialiseCounter(
                store_id="S9",
                store_name="店",
                device_name="柜台",
                admin_id="A",
                admin_name="管",
                admin_pin="1",
            ),
            SYSTEM_ACTOR,
        )
    assert count(db, t.journal) == 0 and db.store_id() is None


def test_customer_fields_are_last_writer_wins_by_hlc(shop, db):
    shop.dispatch(
        RegisterCustomer(
            customer_id="C0000001", customer_name="李雷", phone="13812345678", member_id="M00000001"
        ),
        "1001",
    )
    shop.dispatch(UpdateCustomer(customer_id="C0000001", phone="13900001111"), "1001")
    shop.dispatch(UpdateCustomer(customer_id="C0000001", note="老顾客"), "1001")
    with db.engine.connect() as conn:
        row = conn.execute(select(catalog_t.customers)).one()
    assert (row.phone, row.phone_last4, row.note, row.name_initials) == (
        "13900001111",
        "1111",
        "老顾客",
        "ll",
    )


def test_member_id_is_unique(shop):
    shop.dispatch(RegisterCustomer(customer_id="C1", customer_name="甲", member_id="M1"), "1001")
    with pytest.raises(DeskError) as info:
        shop.dispatch(
            RegisterCustomer(customer_id="C2", customer_name="乙", member_id="M1"), "1001"
        )
    assert info.value.code == "customer.member_taken"


def test_ticket_needs_a_known_product_and_a_real_date(shop):
    with pytest.raises(DeskError):
        shop.dispatch(
            OpenTicket(code="T2611200001", sku="P000001", fault="不加热", promised_date="soon"),
            "1001",
        )
    result = shop.dispatch(
        OpenTicket(code="T2611200001", sku="P000001", fault="不加热", promised_date="2026-11-25"),
        "1001",
    )
    assert result.changes.kinds == {"tickets"}
