"""Policy cases: a return or a compensation described in JSON, decided without a database.

Head office uses them to check a policy before it is published (`desk policy evaluate`,
`desk policy test`). Amounts are yuan (text or a number, at most two decimals: "199.00", 12.5)
under their plain name, or integer fen under the name with `_fen` (`price` or `price_fen`).

A return case::

    {"type": "return", "purchase_date": "2026-11-01", "return_date": "2026-11-08",
     "receipt": {"store_id": "S001", "customer_id": null, "points_earned": 0,
                 "lines": [{"line_no": 1, "kind": "clothing", "qty": 1, "price": "199",
                            "line_discount": "0", "is_gift": false, "gift_value": "0"}],
                 "tenders": [{"tender": "wechat_pay", "amount": "199"}],
                 "order_discounts": ["20"]},
     "returned_before": {"1": 0}, "refunded_before": {"1": "0"},
     "request": {"lines": [{"line_no": 1, "qty": 1, "opened": false}], "found_by": "receipt",
                 "customer_id": null, "cash_back": false, "override": false,
                 "store_id": "S001"}}

A compensation case::

    {"type": "compensation", "kind": "fraud", "purchase_date": "2026-11-01",
     "claim_date": "2026-11-20", "price": "100", "loss": "0", "extra_loss": "0",
     "label_defect_only": false, "days_late": 0}

A case file is ``{"cases": [{"name": ..., "case": {...}, "expect": {...}}]}``; `expect` maps
dotted paths into the decision (``"approval.level"``, ``"tenders.0.route"``) to the expected
values, or ``{"error": "return.qty_exceeds"}`` for input that must be refused.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.money import parse_yuan
from desk.policies.versions import PolicySet
from desk.returns.compensation import Claim, decide_compensation
from desk.returns.rules import (
    History,
    Purchase,
    RequestLine,
    ReturnRequest,
    SoldLine,
    SoldTender,
    decide_return,
)

_MISSING = object()


class CaseError(DeskError):
    def __init__(self, case: str, reason: str) -> None:
        super().__init__("policy.case_invalid", case=case, reason=reason)


def _amount(obj: dict[str, Any], key: str, where: str) -> int:
    if f"{key}_fen" in obj:
        value = obj[f"{key}_fen"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise CaseError(where, f"{key}_fen must be a whole number of fen")
        return value
    value = obj.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CaseError(where, f"{key} must be an amount in yuan")
    try:
        return parse_yuan(str(value) if not isinstance(value, int) else f"{value}")
    except DeskError:
        raise CaseError(where, f"{key}: '{value}' is not an amount in yuan with at most 2 "
                               "decimals") from None


def _date(obj: dict[str, Any], key: str, where: str) -> date:
    try:
        return date.fromisoformat(str(obj[key]))
    except KeyError:
        raise CaseError(where, f"'{key}' is missing") from None
    except ValueError:
        raise CaseError(where, f"{key} must be a date (YYYY-MM-DD)") from None


def _int(obj: dict[str, Any], key: str, where: str, default: Any = _MISSING) -> int:
    value = obj.get(key, default)
    if value is _MISSING:
        raise CaseError(where, f"'{key}' is missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(where, f"{key} must be a whole number")
    return value


def evaluate_case(policies: PolicySet, case: dict[str, Any], name: str = "case") -> dict[str, Any]:
    """Decide one case; returns the decision as a dict. Bad input raises DeskError."""
    if not isinstance(case, dict):
        raise CaseError(name, "a case is a JSON object")
    kind = case.get("type", "return")
    if kind == "compensation":
        claim_date = _date(case, "claim_date", name)
        claim = Claim(
            kind=str(case.get("kind", "")), claim_date=claim_date,
            purchase_date=_date(case, "purchase_date", name) if "purchase_date" in case
            else claim_date,
            price_fen=_amount(case, "price", name), loss_fen=_amount(case, "loss", name),
            extra_loss_fen=_amount(case, "extra_loss", name),
            label_defect_only=bool(case.get("label_defect_only", False)),
            days_late=_int(case, "days_late", name, 0))
        return decide_compensation(policies, claim).to_dict()
    if kind != "return":
        raise CaseError(name, "type must be return or compensation")
    receipt = case.get("receipt")
    if not isinstance(receipt, dict):
        raise CaseError(name, "'receipt' is missing")
    lines = []
    for i, ln in enumerate(receipt.get("lines", []), start=1):
        where = f"{name} receipt line {i}"
        lines.append(SoldLine(
            line_no=_int(ln, "line_no", where, i), sku=str(ln.get("sku", f"P{i:06d}")),
            name=str(ln.get("name", "")), category_kind=str(ln.get("kind", "general")),
            qty=_int(ln, "qty", where, 1), unit_price_fen=_amount(ln, "price", where),
            line_discount_fen=_amount(ln, "line_discount", where),
            is_gift=bool(ln.get("is_gift", False)),
            gift_value_fen=_amount(ln, "gift_value", where)))
    tenders = [SoldTender(i, str(td.get("tender", "cash")), _amount(td, "amount", name))
               for i, td in enumerate(receipt.get("tenders", []), start=1)]
    discounts = tuple(_amount(d if isinstance(d, dict) else {"amount": d}, "amount", name)
                      for d in receipt.get("order_discounts", []))
    paid_total = sum(ln.net_fen for ln in lines) - sum(discounts)
    if sum(td.amount_fen for td in tenders) != paid_total:
        raise CaseError(name, f"tenders add up to {sum(td.amount_fen for td in tenders)} fen, "
                              f"the receipt's paid total is {paid_total} fen")
    store_id = str(receipt.get("store_id", "S001"))
    purchase = Purchase(
        receipt_no=str(receipt.get("receipt_no", "R0000000000000")), store_id=store_id,
        sold_on=_date(case, "purchase_date", name),
        customer_id=receipt.get("customer_id"), lines=tuple(lines), tenders=tuple(tenders),
        order_discounts_fen=discounts, points_earned=_int(receipt, "points_earned", name, 0))
    history = History(
        returned_qty={int(k): int(v) for k, v in case.get("returned_before", {}).items()},
        refunded_by_position={int(k): _amount({"v": v}, "v", name)
                              for k, v in case.get("refunded_before", {}).items()})
    req = case.get("request", {})
    request = ReturnRequest(
        lines=tuple(RequestLine(_int(r, "line_no", name), _int(r, "qty", name),
                                bool(r.get("opened", False)), bool(r.get("fault", False)))
                    for r in req.get("lines", [])),
        return_date=_date(case, "return_date", name),
        store_id=str(req.get("store_id", store_id)), found_by=str(req.get("found_by", "receipt")),
        customer_id=req.get("customer_id"), cash_back=bool(req.get("cash_back", False)),
        override=bool(req.get("override", False)))
    return decide_return(policies, purchase, history, request).to_dict()


def lookup(value: Any, path: str) -> Any:
    """`value` at a dotted path ("tenders.0.route"); a KeyError names the missing part."""
    for part in path.split("."):
        if isinstance(value, list):
            try:
                value = value[int(part)]
            except (ValueError, IndexError):
                raise KeyError(path) from None
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise KeyError(path)
    return value


def run_case(policies: PolicySet, entry: dict[str, Any], index: int) -> list[str]:
    """Mismatches of one case-file entry (empty: it passed)."""
    name = str(entry.get("name", f"case {index}"))
    expect = entry.get("expect", {})
    if not isinstance(expect, dict) or not expect:
        return [f"{name}: no 'expect'"]
    try:
        decision = evaluate_case(policies, entry.get("case", {}), name)
    except DeskError as err:
        if expect.get("error") == err.code:
            return []
        return [f"{name}: refused with {err.code} ({err.message}), expected "
                f"{expect.get('error') or 'a decision'}"]
    if "error" in expect:
        return [f"{name}: expected the error {expect['error']}, got a decision"]
    problems = []
    for path, wanted in expect.items():
        try:
            got = lookup(decision, path)
        except KeyError:
            problems.append(f"{name}: {path} is not in the decision")
            continue
        if got != wanted:
            problems.append(f"{name}: {path} is {got!r}, expected {wanted!r}")
    return problems
