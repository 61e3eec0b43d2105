"""A small store to search in, built through the command bus (the same events the app records)."""

from __future__ import annotations

from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.catalog.setup import initialise_counter
from desk.platform.bus import CommandBus
from desk.platform.uow import UnitOfWork
from desk.repairs.commands import OpenTicket
from desk.sales.commands import Promotion, RecordSale, SaleLine, Tender

ACTOR = "A001"
TRACKING = "https://service.example-store.cn/t"
OTHER_TRACKING = "https://track.other-mall.cn/t"

# EAN-13 codes with valid check digits
DOWN_JACKET_EAN = "6901234567892"
KETTLE_EAN = "6920000000018"
SCARF_EAN = "6930000000015"


def init_counter(bus: CommandBus) -> None:
    """Store S001 with its tracking link, administrator A001 / 9999."""
    initialise_counter(bus, store_id="S001", store_name="测试百货", device_name="一号柜台",
                       admin_id=ACTOR, admin_name="王管理", admin_pin="9999",
                       tracking_url=TRACKING)


def seed(bus: CommandBus) -> None:
    run = lambda cmd: bus.dispatch(cmd, ACTOR)  # noqa: E731
    # Another store of the chain, as head office's sync would bring it (a journal event).
    with UnitOfWork(bus.db, ACTOR) as uow:
        uow.record("store.registered", "S002", {"store_id": "S002", "name": "别家商场",
                                                "address": "", "tracking_url": OTHER_TRACKING})
        uow.commit()
    run(DefineCategory(category_id="CLO", category_name="服装", kind="clothing"))
    run(DefineCategory(category_id="APP", category_name="家电", kind="appliance"))
    run(RegisterProduct(sku="P000001", product_name="羽绒服", category_id="CLO",
                        price_fen=89900, barcode=DOWN_JACKET_EAN))
    run(RegisterProduct(sku="P000002", product_name="男士羽绒服", category_id="CLO",
                        price_fen=129900, barcode=SCARF_EAN))
    run(RegisterProduct(sku="P000003", product_name="电热水壶", category_id="APP",
                        price_fen=19900, barcode=KETTLE_EAN))
    run(RegisterProduct(sku="P000004", product_name="iPhone 15", category_id="APP",
                        price_fen=599900))
    run(RegisterCustomer(customer_id="C0000001", customer_name="张伟", phone="13812345678",
                         member_id="M00000001"))
    run(RegisterCustomer(customer_id="C0000002", customer_name="王芳", phone="13912345678",
                         member_id="M00000002"))
    run(RegisterCustomer(customer_id="C0000003", customer_name="李娜", phone="15000001111"))
    run(RecordSale(
        receipt_no="R261120010001", sold_at="2026-11-20T09:15:00", customer_id="C0000001",
        lines=[SaleLine("P000001", 1, 89900),
               SaleLine("P000003", 2, 19900, line_discount_fen=1000, serial="SNKT00000001"),
               SaleLine("P000002", 1, 0, is_gift=True, gift_value_fen=5000)],
        tenders=[Tender("wechat_pay", 100000), Tender("cash", 27700)],
        promotions=[Promotion("full_reduction", "满1000减10", 1000)],
        points_earned=127,
    ))
    run(RecordSale(
        receipt_no="R261120010002", sold_at="2026-11-20T09:40:00", customer_id="C0000002",
        lines=[SaleLine("P000004", 1, 599900, serial="SNIP15000001")],
        tenders=[Tender("bank_card", 599900, "6222****1234")],
    ))
    run(RecordSale(
        receipt_no="R261119010007", sold_at="2026-11-19T18:02:00",
        lines=[SaleLine("P000003", 1, 19900)],
        tenders=[Tender("alipay", 19900)],
    ))
    run(OpenTicket(code="T2611200001", sku="P000004", fault="屏幕不亮",
                   promised_date="2026-11-25", serial="SNIP15000001",
                   receipt_no="R261120010002", customer_id="C0000002"))
    run(OpenTicket(code="T2611200002", sku="P000003", fault="不加热",
                   promised_date="2026-11-22", serial="SNKT00000001",
                   receipt_no="R261120010001", customer_id="C0000001"))
