"""The input classifier: what a clerk types or a scanner sends, recognised without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.lookup import classify as k
from desk.lookup.classify import classify, ean13_check_digit, is_valid_ean13, same_site


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("R261120010001", k.RECEIPT, "R261120010001"),
    ("r261120010001", k.RECEIPT, "R261120010001"),
    ("R26112001", k.RECEIPT_PREFIX, "R26112001"),
    ("T2611200007", k.TICKET, "T2611200007"),
    ("t26112", k.TICKET_PREFIX, "T26112"),
    ("13812345678", k.PHONE, "13812345678"),
    ("138 1234 5678", k.PHONE, "13812345678"),
    ("138-1234-5678", k.PHONE, "13812345678"),
    ("+86 138 1234 5678", k.PHONE, "13812345678"),
    ("5678", k.PHONE_LAST4, "5678"),
    ("1381234", k.PHONE_PREFIX, "1381234"),
    ("M00000001", k.MEMBER, "M00000001"),
    ("m0000", k.MEMBER_PREFIX, "M0000"),
    ("C0000001", k.CUSTOMER_ID, "C0000001"),
    ("P000003", k.SKU, "P000003"),
    ("6901234567892", k.BARCODE, "6901234567892"),
    ("SNAB12CD34EF", k.SERIAL, "SNAB12CD34EF"),
    ("snab12", k.SERIAL_PREFIX, "SNAB12"),
    ("yrf", k.PINYIN, "yrf"),
    ("YuRongFu", k.PINYIN, "yurongfu"),
    ("yu rong fu", k.PINYIN, "yurongfu"),
    ("xi'an", k.PINYIN, "xian"),
    ("羽绒服", k.NAME, "羽绒服"),
    ("iPhone 15", k.NAME, "iPhone 15"),
    ("6901234", k.DIGITS, "6901234"),
])
def test_kinds(text: str, kind: str, value: str) -> None:
    query = classify(text)
    assert (query.kind, query.value, query.reason) == (kind, value, None)


def test_scanner_terminators_and_full_width_are_cleaned() -> None:
    assert classify("R261120010001\r\n").value == "R261120010001"
    assert classify("\tT2611200007\t").kind == k.TICKET
    assert classify("\x1d6901234567892\x04").kind == k.BARCODE  # GS / EOT from a scanner
    assert classify("ｒ２６１１２００１０００１").value == "R261120010001"  # full-width IME input
    assert classify("\u200b羽绒服\u200b").value == "羽绒服"  # zero-width spaces


def test_ean13_check_digit() -> None:
    assert ean13_check_digit("400638133393") == 1
    assert is_valid_ean13("4006381333931")
    assert not is_valid_ean13("4006381333932")
    bad = classify("6901234567891")
    assert bad.kind == k.BARCODE_BAD and bad.params == {"code": "6901234567891", "expected": 2}


@pytest.mark.parametrize(("text", "reason"), [
    ("", "lookup.empty"),
    ("   \t  ", "lookup.empty"),
    ("\x00\x01\x02\x7f", "lookup.empty"),
    ("x" * 10_000, "lookup.too_long"),
    ("羽" * 201, "lookup.too_long"),
    ("https://www.baidu.com/s?wd=1", "lookup.not_tracking_url"),
    ("http://", "lookup.not_tracking_url"),
])
def test_unsearchable_input_is_explained(text: str, reason: str) -> None:
    assert classify(text).reason == reason


def test_tracking_url() -> None:
    query = classify("https://service.example-store.cn/t/T2611200007")
    assert (query.kind, query.value) == (k.TRACKING_URL, "T2611200007")
    assert query.url_base == "https://service.example-store.cn/t"
    assert query.params["host"] == "service.example-store.cn"
    bare = classify("service.example-store.cn/t/t2611200007?from=qr")  # no scheme
    assert (bare.kind, bare.value) == (k.TRACKING_URL, "T2611200007")
    assert classify("www.example-store.cn/t/T2611200007#x").value == "T2611200007"
    assert same_site("http://WWW.service.example-store.cn/t/", "https://service.example-store.cn/t")
    assert not same_site("https://track.other-mall.cn/t", "https://service.example-store.cn/t")
    assert not same_site("https://service.example-store.cn/t", "")


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    query = classify(text)
    assert query.kind
    assert len(query.text) <= 200
