"""Ranked search over the seeded store (tests/lookup/seed.py), through real SQLite queries."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.lookup.search import search
from desk.platform.bus import CommandBus
from desk.sales import tables as sales_t
from tests.lookup.seed import DOWN_JACKET_EAN, OTHER_TRACKING, TRACKING


def find(bus: CommandBus, text: str, **kw):
    with bus.db.engine.connect() as conn:
        return search(conn, text, **kw)


def keys(outcome) -> list[tuple[str, str, str]]:
    return [(h.kind, h.key, h.match) for h in outcome.hits]


@pytest.mark.parametrize(("text", "kind", "key", "match"), [
    ("R261120010001", "receipt", "R261120010001", "receipt_no"),
    ("r261120010001\r", "receipt", "R261120010001", "receipt_no"),
    ("T2611200001", "ticket", "T2611200001", "ticket_code"),
    (f"{TRACKING}/T2611200001", "ticket", "T2611200001", "tracking_url"),
    ("13812345678", "customer", "C0000001", "phone"),
    ("M00000002", "customer", "C0000002", "member_id"),
    ("C0000003", "customer", "C0000003", "customer_id"),
    (DOWN_JACKET_EAN, "product", "P000001", "barcode"),
    ("P000003", "product", "P000003", "sku"),
    ("张伟", "customer", "C0000001", "name"),
])
def test_exact_hit_opens_directly(store: CommandBus, text, kind, key, match) -> None:
    outcome = find(store, text)
    assert outcome.open is not None, outcome.to_dict()
    assert (outcome.open.kind, outcome.open.key, outcome.open.match) == (kind, key, match)


def test_pinyin_initials_and_full_pinyin_find_the_down_jacket(store: CommandBus) -> None:
    for text in ("yrf", "YRF", "yurongfu", "yu rong fu", "yurong"):
        outcome = find(store, text)
        assert outcome.hits[0].key == "P000001", text
        assert outcome.hits[0].title == "羽绒服"
        assert "P000002" in [h.key for h in outcome.hits], text  # 男士羽绒服 contains it
        assert outcome.open is None  # several: a list, not a jump


def test_ranking_exact_name_before_contains(store: CommandBus) -> None:
    outcome = find(store, "羽绒服")
    assert keys(outcome) == [("product", "P000001", "name"),
                             ("product", "P000002", "name_contains")]
    assert outcome.hits[0].amount_fen == 89900


def test_name_words_in_any_order(store: CommandBus) -> None:
    assert [h.key for h in find(store, "羽绒服 男士").hits] == ["P000002"]
    assert [h.key for h in find(store, "iPhone 15").hits] == ["P000004"]


def test_phone_last4_lists_every_customer_masked(store: CommandBus) -> None:
    outcome = find(store, "5678")
    assert {h.key for h in outcome.hits} == {"C0000001", "C0000002"}
    assert {h.matched for h in outcome.hits} == {"138****5678", "139****5678"}
    assert all("5678" not in h.matched[:7] for h in outcome.hits)
    # the customer with the latest purchase first
    assert outcome.hits[0].date == "2026-11-20T09:40:00"


def test_serial_finds_the_sale_and_the_repair(store: CommandBus) -> None:
    outcome = find(store, "SNIP15000001")
    assert {(h.kind, h.key) for h in outcome.hits} == {("receipt", "R261120010002"),
                                                       ("ticket", "T2611200001")}
    assert all(h.matched == "SNIP15000001" for h in outcome.hits)
    receipt = next(h for h in outcome.hits if h.kind == "receipt")
    assert (receipt.date, receipt.amount_fen, receipt.detail) == (
        "2026-11-20T09:40:00", 599900, "王芳")


def test_half_scanned_receipt_lists_candidates_newest_first(store: CommandBus) -> None:
    outcome = find(store, "R2611200")
    assert [h.key for h in outcome.hits] == ["R261120010002", "R261120010001"]
    assert all(h.match == "receipt_prefix" for h in outcome.hits)
    assert outcome.open is None


def test_nothing_found_and_incomplete_are_explained(store: CommandBus) -> None:
    assert find(store, "R261120019999").reason == "lookup.not_found"
    assert find(store, "R2699").reason == "lookup.incomplete"
    assert find(store, "SNZZ").params == {"text": "SNZZ", "what": "serial"}
    assert find(store, "699999").reason == "lookup.incomplete"
    assert find(store, "0000").reason == "lookup.not_found"
    assert find(store, "T2611209999").reason == "lookup.not_found"
    assert find(store, f"{TRACKING}/T2611209999").reason == "lookup.ticket_not_here"


def test_qr_link_of_another_store_is_explained(store: CommandBus) -> None:
    outcome = find(store, f"{OTHER_TRACKING}/T2611200001")
    assert outcome.hits == []
    assert outcome.reason == "lookup.other_store"
    assert outcome.params["store"] == "别家商场"
    assert outcome.params["code"] == "T2611200001"
    unknown = find(store, "https://example.org/qr/T2611200001")
    assert unknown.reason == "lookup.other_store" and unknown.params["store"] == ""


@pytest.mark.parametrize("text", [
    "", "   ", "x" * 10_000, "'; DROP TABLE receipts; --", "1' OR '1'='1", "%", "_", "%_%",
    "\x00\x07\x1b[2J", "R26112001\x00", "羽绒服' --", "\\", "😀", "6901234567891",
    "https://", "javascript:alert(1)", "SELECT * FROM customers",
])
def test_bad_input_never_raises_and_finds_nothing_wrong(store: CommandBus, text: str) -> None:
    outcome = find(store, text)
    if not outcome.hits:
        assert outcome.reason, text
    with store.db.engine.connect() as conn:  # and nothing was touched
        assert conn.execute(select(func.count()).select_from(sales_t.receipts)).scalar() == 3


def test_like_wildcards_are_not_wildcards(store: CommandBus) -> None:
    assert find(store, "%").hits == []
    assert find(store, "羽%").hits == []


def test_limit_and_more(store: CommandBus) -> None:
    outcome = find(store, "R26", limit=2)
    assert len(outcome.hits) == 2 and outcome.more


def test_a_cancelled_search_stops(store: CommandBus) -> None:
    token = threading.Event()
    token.set()
    outcome = find(store, "yrf", cancel=token)
    assert outcome.cancelled and outcome.hits == []


def test_outcome_is_json_ready(store: CommandBus) -> None:
    import json

    data = find(store, "13812345678").to_dict()
    assert json.loads(json.dumps(data))["open"]["key"] == "C0000001"


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # search only reads
@given(text=st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[RTMCPSN]{1,2}[0-9A-Z]{0,14}", fullmatch=True),
    st.from_regex(r"https?://[a-z.]{1,20}/t/T?[0-9]{0,12}", fullmatch=True),
    st.from_regex(r"[0-9 +-]{1,16}", fullmatch=True),
))
def test_search_never_raises(store: CommandBus, text: str) -> None:
    outcome = find(store, text)
    assert outcome.hits or outcome.reason
    assert len(outcome.hits) <= 50
