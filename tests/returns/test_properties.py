"""Hypothesis: any split of a receipt into partial returns refunds at most what was paid, exactly
to the fen when everything comes back; tender splits add up exactly and never overdraw."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.platform.money import split_largest_remainder
from desk.platform.paths import resources_dir
from desk.policies import load_directory
from desk.returns.rules import (
    History,
    Purchase,
    RequestLine,
    ReturnRequest,
    SoldLine,
    SoldTender,
    decide_return,
    paid_per_line,
    reverse_points,
    split_to_tenders,
)

POLICIES = load_directory(resources_dir() / "policies")
TENDERS = ("cash", "bank_card", "wechat_pay", "alipay", "store_card")


@st.composite
def receipts(draw):
    n = draw(st.integers(1, 5))
    lines = []
    for i in range(1, n + 1):
        qty = draw(st.integers(1, 6))
        price = draw(st.integers(0, 500_000))
        discount = draw(st.integers(0, qty * price))
        lines.append(SoldLine(i, f"P{i:06d}", "x", draw(st.sampled_from(
            ("clothing", "fresh_food", "general", "down_jacket"))), qty, price, discount))
    if draw(st.booleans()):
        lines.append(SoldLine(n + 1, "P999999", "gift", "general", 1, 0, 0, True,
                              draw(st.integers(0, 20_000))))
    after_lines = sum(ln.net_fen for ln in lines)
    discounts = tuple(draw(st.lists(st.integers(0, after_lines // 3 + 1), max_size=2)))
    if sum(discounts) > after_lines:
        discounts = ()
    paid = after_lines - sum(discounts)
    # tenders are positive (a sale refuses a tender of 0); a receipt of 0 has none
    k = draw(st.integers(1, 3)) if paid >= 3 else 1
    cuts = sorted(draw(st.lists(st.integers(1, paid - 1), min_size=k - 1, max_size=k - 1,
                                unique=True))) if paid >= 3 else []
    amounts = [b - a for a, b in zip([0, *cuts], [*cuts, paid], strict=True)] if paid else []
    tenders = tuple(SoldTender(i, draw(st.sampled_from(TENDERS)), a)
                    for i, a in enumerate(amounts, start=1))
    return Purchase("R2611150100001", "S001", date(2026, 11, 15), None, tuple(lines), tenders,
                    discounts, draw(st.integers(0, 5000)))


@st.composite
def return_plans(draw):
    """A receipt and a sequence of partial returns (each a dict line_no -> qty); the simplest
    plan returns every line whole, one line per return."""
    purchase = draw(receipts())
    left = {ln.line_no: ln.qty for ln in purchase.lines}
    plan = []
    while any(left.values()):
        open_lines = [n for n, q in left.items() if q]
        step = {}
        first = draw(st.sampled_from(open_lines))
        step[first] = left[first] - draw(st.integers(0, left[first] - 1))
        for line_no in open_lines:
            if line_no != first and draw(st.integers(0, 2)) == 2:
                step[line_no] = left[line_no] - draw(st.integers(0, left[line_no] - 1))
        for line_no, qty in step.items():
            left[line_no] -= qty
        plan.append(step)
        if draw(st.integers(0, 5)) == 5:  # the customer keeps the rest
            break
    return purchase, plan, not any(left.values())


@settings(max_examples=300, deadline=None)
@given(return_plans())
def test_partial_returns_never_exceed_and_add_up_exactly(case):
    purchase, plan, all_back = case
    paid_total = sum(td.amount_fen for td in purchase.tenders)
    returned: dict[int, int] = {}
    by_position: dict[int, int] = {}
    refunds = gross = points = deductions = 0
    qty_of = {ln.line_no: ln.qty for ln in purchase.lines}
    for planned in plan:
        # a gift settled by a deduction (it stayed with the customer) is no longer returnable
        step = {n: q for n, q in planned.items() if returned.get(n, 0) + q <= qty_of[n]}
        if not step:
            continue
        request = ReturnRequest(tuple(RequestLine(n, q) for n, q in sorted(step.items())),
                                date(2026, 11, 20), "S001")
        d = decide_return(POLICIES, purchase, History(dict(returned), dict(by_position)),
                          request)
        assert d.refund_fen >= 0
        assert sum(td["amount_fen"] for td in d.tenders) == d.refund_fen
        for td in d.tenders:
            by_position[td["position"]] = by_position.get(td["position"], 0) + td["amount_fen"]
        for ln in d.lines:
            returned[ln["line_no"]] = returned.get(ln["line_no"], 0) + ln["qty"]
        refunds += d.refund_fen
        gross += d.gross_fen
        deductions += d.gift_deduction_fen
        points += d.points_reversed
        assert refunds <= paid_total
        for td in purchase.tenders:  # no tender ever gets back more than it paid
            assert by_position.get(td.position, 0) <= td.amount_fen
        for ln in purchase.lines:
            assert returned.get(ln.line_no, 0) <= ln.qty
    assert refunds == gross - deductions
    if all_back:
        assert gross == paid_total
        assert points == (purchase.points_earned if paid_total else 0)
        if deductions == 0:
            assert refunds == paid_total
            assert all(by_position.get(td.position, 0) == td.amount_fen
                       for td in purchase.tenders)


@settings(max_examples=300, deadline=None)
@given(receipts())
def test_line_paid_amounts_add_up_to_the_receipt(purchase):
    paid = paid_per_line(purchase.lines, purchase.order_discounts_fen)
    assert sum(paid) == sum(ln.net_fen for ln in purchase.lines) - sum(
        purchase.order_discounts_fen)
    assert all(0 <= p <= ln.net_fen for p, ln in zip(paid, purchase.lines, strict=True))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=5), st.data())
def test_tender_splits_add_up_exactly_and_never_overdraw(remaining, data):
    amount = data.draw(st.integers(0, sum(remaining)))
    parts = split_to_tenders(amount, remaining)
    assert sum(parts) == amount
    assert all(0 <= p <= r for p, r in zip(parts, remaining, strict=True))
    assert split_largest_remainder(amount, remaining) == parts or amount == 0


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 10**7), st.lists(st.integers(1, 10**6),
                                                               max_size=6))
def test_points_reversed_in_parts_add_up_to_what_was_earned(points, paid, parts):
    done = 0
    total = 0
    for part in parts:
        step = min(part, paid - done)
        total += reverse_points(points, paid, done, step)
        done += step
    total += reverse_points(points, paid, done, paid - done)
    assert total == points


def test_the_shipped_policies_load():
    assert POLICIES.versions == ["2025.1", "2026.2"]
    assert Path(POLICIES.documents[0].source).name == "store-2025.1.toml"
