"""Documents from plain data: what each says, personal data minimised, the QR finds the ticket,
long names and odd characters never break the paper."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desk.lookup.classify import TRACKING_URL, classify, same_site
from printing.decode import decode
from printing.documents import (
    KINDS,
    Customer,
    ReturnLine,
    intake_slip,
    mask_phone,
    return_receipt,
    tracking_payload,
    yuan,
)
from printing.escpos import encode
from printing.profiles import get_profile, load_profiles
from printing.samples import RETURN, TICKET, sample

PROFILES = list(load_profiles().values())


def test_money_and_masks():
    assert yuan(123456) == "￥1,234.56" and yuan(-2500) == "-￥25.00" and yuan(5) == "￥0.05"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138 1234 5678") == "138****5678"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_every_document_on_every_printer_fits_and_decodes(kind, profile):
    paper = decode(encode(sample(kind), profile))
    assert all(line.width <= profile.columns for line in paper.lines)
    assert all(r.image.width <= profile.dots for r in paper.rasters)
    assert paper.cuts == (1 if profile.cutter else 0)
    text = "\n".join(paper.texts)
    assert "13812345678" not in text  # the phone is never printed in full
    if profile.chinese and kind != "closure":  # the closure summary names no customer
        assert "138****5678" in text


def test_return_receipt_customer_and_store_copies():
    customer = decode(encode(sample("return_receipt"), get_profile("80mm-cn-qr-cut")))
    store = decode(encode(sample("return_receipt_store"), get_profile("80mm-cn-qr-cut")))
    assert any("退货凭证（顾客联）" in t for t in customer.texts)
    assert any("退货凭证（门店联）" in t for t in store.texts)
    total = next(t for t in customer.texts if t.startswith("退款合计"))
    assert total.endswith(yuan(sum(ln.refund_fen for ln in RETURN.lines)))
    assert any("微信支付" in t for t in customer.texts)
    assert store.drawer_kicks == 1 and customer.drawer_kicks == 0  # cash refund: store copy


def test_the_intake_slip_qr_finds_the_ticket_again():
    profile = get_profile("80mm-cn-qr-cut")
    (qr,) = decode(encode(intake_slip(TICKET), profile)).qr_codes
    assert qr.data == "https://service.example-store.cn/t/T2611200007"
    query = classify(qr.data)
    assert query.kind == TRACKING_URL and query.value == "T2611200007"
    assert same_site(query.url_base, TICKET.store.tracking_url)
    # without a tracking URL the QR holds the code itself
    bare = replace(TICKET, store=replace(TICKET.store, tracking_url=""))
    assert tracking_payload(bare) == "T2611200007"
    (qr,) = decode(encode(intake_slip(bare), profile)).qr_codes
    assert classify(qr.data).value == "T2611200007"


def test_the_intake_slip_stays_small():
    assert len(encode(intake_slip(TICKET), get_profile("80mm-cn-qr-cut"))) <= 1500
    assert len(encode(intake_slip(TICKET), get_profile("58mm-cn"))) <= 1500


def test_an_over_long_product_name_and_emoji_wrap_inside_the_paper():
    name = "进口超长型号多功能智能变频静音节能家用厨房电器组合套装（含赠品说明）" * 3 + " 👍🎁 ¥"
    d = replace(RETURN, lines=(ReturnLine(name, 1, 199900),),
                customer=Customer("欧阳𠮷祥", "13912345678"))
    for profile in PROFILES:
        paper = decode(encode(return_receipt(d), profile))
        assert all(line.width <= profile.columns for line in paper.lines)
        if profile.chinese:
            text = "".join(paper.texts)
            assert "进口超长型号" in text and "￥1,999.00" in text and "👍" not in text


def test_reprint_of_each_document_says_copy():
    for kind in KINDS:
        paper = decode(encode(sample(kind).as_copy(), get_profile("58mm-cn")))
        assert "副本 COPY" in paper.texts[0]


def test_the_customers_copy_has_words_only_and_the_stores_copy_the_rule_ids():
    from dataclasses import replace

    from printing.documents import return_receipt
    from printing.samples import RETURN

    data = replace(RETURN, policy_version="2026.2")
    customer = return_receipt(data).content()
    store = return_receipt(data, store_copy=True).content()
    assert "家电 7 天无理由退货" in customer and "家电 7 天无理由退货" in store
    for rule_id in data.rule_ids:
        assert rule_id not in customer and rule_id in store
    assert "2026.2" not in customer and "2026.2" in store


def test_the_compensation_slip_customer_copy_in_words_store_copy_with_rule_ids():
    from dataclasses import replace

    from printing.documents import compensation_slip
    from printing.samples import COMPENSATION

    customer = compensation_slip(COMPENSATION).content()
    store = compensation_slip(COMPENSATION, store_copy=True).content()
    for text in (customer, store):
        assert "补偿凭证" in text and "质量问题赔偿" in text and "￥580.00" in text
        assert "水壶漏电" in text and "张伟（2001）" in text
    for rule_id in COMPENSATION.rule_ids:
        assert rule_id not in customer and rule_id in store
    assert "store-2026.2" not in customer and "store-2026.2" in store
    pending = compensation_slip(replace(COMPENSATION, status="pending", approved_by="")).content()
    assert "补偿待审批" in pending and "尚未支付" in pending and "补偿金额" not in pending
