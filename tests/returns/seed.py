"""A small store for the return tests, built through the command bus."""

from __future__ import annotations

from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.platform.bus import CommandBus
from desk.sales.commands import Promotion, RecordSale, SaleLine, Tender
from desk.staff.commands import RegisterStaff

ADMIN = "A001"
CLERK, CLERK_PIN = "1001", "1111"
MANAGER, MANAGER_PIN = "2001", "2222"
CUSTOMER = "C0000001"

PRODUCTS = {  # sku: (name, category, price_fen)
    "P000001": ("纯棉衬衫", "CL", 19900),
    "P000002": ("羽绒服", "DJ", 89900),
    "P000003": ("电热水壶", "AP", 29900),
    "P000004": ("草莓礼盒", "FF", 5980),
    "P000005": ("钻石戒指", "JW", 299900),
    "P000006": ("定制保温杯", "GF", 5900),
    "P000007": ("65寸电视", "AP", 1299900),
}


def seed(bus: CommandBus) -> None:
    run = lambda cmd: bus.dispatch(cmd, ADMIN)  # noqa: E731
    run(RegisterStaff(staff_id=CLERK, staff_name="李店员", role="clerk", pin=CLERK_PIN))
    run(RegisterStaff(staff_id=MANAGER, staff_name="张经理", role="manager", pin=MANAGER_PIN))
    for cid, name, kind in (("CL", "服装", "clothing"), ("DJ", "羽绒服", "down_jacket"),
                            ("AP", "家电", "appliance"), ("FF", "生鲜", "fresh_food"),
                            ("JW", "珠宝", "jewelry"), ("GF", "赠品", "general")):
        run(DefineCategory(category_id=cid, category_name=name, kind=kind))
    for sku, (name, cat, price) in PRODUCTS.items():
        run(RegisterProduct(sku=sku, product_name=name, category_id=cat, price_fen=price))
    run(RegisterCustomer(customer_id=CUSTOMER, customer_name="韩梅梅", phone="13800138000",
                         member_id="M00000001"))


def sale(bus: CommandBus, receipt_no: str, lines: list[tuple[str, int]], *,
         sold_at: str = "2026-11-15T10:00:00", tenders: list[tuple[str, int]] | None = None,
         promotions: list[int] | None = None, customer_id: str | None = None,
         points: int = 0, gift: str | None = None) -> int:
    """Record a sale of (sku, qty) lines at catalogue prices; returns the paid total."""
    sale_lines = [SaleLine(sku=sku, qty=qty, unit_price_fen=PRODUCTS[sku][2])
                  for sku, qty in lines]
    if gift:
        sale_lines.append(SaleLine(sku=gift, qty=1, unit_price_fen=0, is_gift=True,
                                   gift_value_fen=PRODUCTS[gift][2]))
    total = sum(PRODUCTS[sku][2] * qty for sku, qty in lines) - sum(promotions or [])
    pays = tenders or [("wechat_pay", total)]
    bus.dispatch(RecordSale(
        receipt_no=receipt_no, sold_at=sold_at, lines=sale_lines,
        tenders=[Tender(tender=k, amount_fen=a) for k, a in pays],
        promotions=[Promotion(kind="full_reduction", description="满减", amount_fen=a)
                    for a in promotions or []],
        customer_id=customer_id, points_earned=points), ADMIN)
    return total
