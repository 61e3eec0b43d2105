"""Policy documents: versioned rule sets with an effective date, read from TOML.

A document is one file. Every rule is a TOML table with an `id` and a `date_basis` that says
which version of the rule governs a case:

- ``date_basis = "purchase"``: the version in force on the purchase date (the terms the customer
  bought under: return windows, the gift rule, statutory payouts for what was sold);
- ``date_basis = "return"``: the version in force on the day of the return or claim (authority
  limits, channel windows, signatures, store compensation rules).

Amounts are yuan written as text with at most two decimals ("500", "12.50"), turned into fen
here; a float or a third decimal is refused. Unknown keys are refused too (a typo must not
silently fall back to a default). Every refusal names the file, the line and the reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desk.platform.errors import DeskError
from desk.platform.money import parse_yuan
from desk.repairs.warranty import FAULT_KINDS

DATE_BASES = ("purchase", "return")
CATEGORY_KINDS = ("fresh_food", "clothing", "down_jacket", "appliance", "electronics",
                  "jewelry", "general")
TENDER_KINDS = ("cash", "bank_card", "wechat_pay", "alipay", "store_card")
COMPENSATION_KINDS = ("fraud", "unsafe_food", "quality", "service_complaint", "late_repair")
FOUND_BY = ("phone", "member")
APPROVERS = ("clerk", "manager", "head_office")


class PolicyError(DeskError):
    """A policy file that cannot be used: `policy.invalid` with file, line and reason."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__("policy.invalid", file=file, line=line, reason=reason)
        self.file, self.line, self.reason = file, line, reason


# --- field specifications -------------------------------------------------------------------
# kind -> (required?, default). Kinds: int, bool, str, yuan, date, kinds (list of category
# kinds), str_list, tender, comp_kind, basis, approver, faults (repairs.warranty.FAULT_KINDS).

Spec = dict[str, tuple[str, bool, Any]]

_COMMON: Spec = {
    "id": ("str", True, None),
    "date_basis": ("basis", True, None),
    "note": ("str", False, ""),
}

SECTIONS: dict[str, tuple[bool, Spec]] = {
    # name -> (array of tables?, fields besides the common ones)
    "return": (True, {
        "kinds": ("kinds", True, None),
        "default": ("bool", False, False),  # the rule for category kinds no other rule names
        "return_days": ("int", True, None),
        "exchange_days": ("int", False, 0),  # 三包: exchange (not refund) up to this day
        "opened_ok": ("bool", False, True),
        "buyer_only": ("bool", False, False),
        "conditions": ("str_list", False, []),  # what the clerk looks at (shown, never asked)
    }),
    "no_receipt": (False, {
        "allowed": ("bool", True, None),
        "found_by": ("found_by", False, ["phone", "member"]),
        "max_days": ("int", True, None),
        "clerk_limit": ("yuan", True, None),
        "signature": ("bool", False, True),
    }),
    "refund": (False, {
        "gift_rule": ("gift_rule", True, None),
        "points_reversal": ("bool", False, True),
    }),
    "tender": (True, {
        "tender": ("tender", True, None),
        "channel_days": ("int", False, 0),  # 0: no channel window
    }),
    "cash_back": (False, {
        "allowed": ("bool", True, None),
        "approval": ("approver", True, None),
    }),
    "signature": (False, {
        "refund_above": ("yuan", True, None),
        "compensation": ("bool", False, True),
    }),
    "authority": (False, {
        "clerk_goodwill": ("yuan", True, None),
        "clerk_refund": ("yuan", True, None),
        "manager_limit": ("yuan", True, None),
        "statutory_by": ("approver", True, None),
        "window_override_by": ("approver", False, "manager"),
    }),
    "compensation": (True, {
        "kind": ("comp_kind", True, None),
        "statutory": ("bool", False, False),
        "basis": ("str", False, ""),
        "price_multiple": ("int", False, 0),
        "loss_multiple": ("int", False, 0),
        "minimum": ("yuan", False, 0),
        "label_defect_excluded": ("bool", False, False),
        "base": ("yuan", False, 0),
        "extra_loss_cap": ("yuan", False, 0),
        "amount": ("yuan", False, 0),
        "per_day": ("yuan", False, 0),
        "max_days": ("int", False, 0),
    }),
    # repairs at intake (desk/repairs/warranty.py): the repair warranty (三包有效期) and lifetime
    # repair per category kind; the return and exchange windows are the return rule's
    "warranty": (True, {
        "kinds": ("kinds", True, None),
        "repair_days": ("int", True, None),  # free repair up to this day; 0: none
        "lifetime": ("bool", False, False),  # lifetime free repair
        "lifetime_faults": ("faults", False, []),  # the faults it covers (empty: every fault)
        "repeat_offer_after": ("int", False, 1),  # same-fault repairs before exchange/return
    }),
}
OPTIONAL_SECTIONS = ("warranty",)  # a version without it: no free repair, everything paid
REQUIRED_SECTIONS = ("return", "no_receipt", "refund", "tender", "cash_back", "signature",
                     "authority", "compensation")
GIFT_RULES = ("all_returned", "never")


@dataclass(frozen=True)
class Rule:
    id: str
    section: str
    date_basis: str
    values: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def numbers(self, *keys: str) -> dict[str, Any]:
        return {k: self.values[k] for k in keys}


@dataclass(frozen=True)
class PolicyDocument:
    version: str
    effective_from: date
    title: str
    source: str
    rules: Mapping[str, Rule]
    return_by_kind: Mapping[str, str]  # category kind -> rule id
    default_return: str
    tender_rules: Mapping[str, str]  # tender -> rule id
    compensation_rules: Mapping[str, str]  # compensation kind -> rule id
    singletons: Mapping[str, str] = field(default_factory=dict)  # section -> rule id
    warranty_by_kind: Mapping[str, str] = field(default_factory=dict)  # category kind -> rule

    def return_rule_id(self, category_kind: str) -> str:
        return self.return_by_kind.get(category_kind, self.default_return)


# --- loading ----------------------------------------------------------------------------------

_TOML_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")


def _locate(text: str, section: str | None, index: int, key: str | None) -> int:
    """The line of `key` in the `index`-th table named `section` (1-based line numbers); the
    table's header line when the key is absent; line 1 when even that is not found."""
    current: str | None = None
    seen = -1
    header_line = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0]
        header = _HEADER.match(line)
        if header:
            current = header.group(1)
            if current == section:
                seen += 1
                if seen == index:
                    header_line = number
            continue
        in_table = section is None or (current == section and seen == index)
        if in_table and key is not None and re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return header_line


def parse_document(text: str, source: str) -> PolicyDocument:
    """Parse and validate one policy file's text. Raises PolicyError (file, line, reason)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = _TOML_LINE.search(str(err))
        raise PolicyError(source, int(match.group(1)) if match else 1,
                          f"not valid TOML: {err}") from None

    def fail(section: str | None, index: int, key: str | None, reason: str) -> PolicyError:
        return PolicyError(source, _locate(text, section, index, key), reason)

    for name in data:
        if name != "policy" and name not in SECTIONS:
            raise fail(name, 0, None, f"unknown section [{name}]")
    head = data.get("policy")
    if not isinstance(head, dict):
        raise fail(None, 0, None, "the [policy] table (version, effective_from) is missing")
    for key in head:
        if key not in ("version", "effective_from", "title"):
            raise fail("policy", 0, key, f"unknown key '{key}' in [policy]")
    version = head.get("version")
    if not isinstance(version, str) or not version.strip():
        raise fail("policy", 0, "version", "[policy] version must be text, e.g. \"2026.1\"")
    effective = head.get("effective_from")
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            effective = None
    if not isinstance(effective, date) or hasattr(effective, "hour"):
        raise fail("policy", 0, "effective_from",
                   "[policy] effective_from must be a date (YYYY-MM-DD)")

    rules: dict[str, Rule] = {}
    return_by_kind: dict[str, str] = {}
    default_return = ""
    tender_rules: dict[str, str] = {}
    compensation_rules: dict[str, str] = {}
    singletons: dict[str, str] = {}
    warranty_by_kind: dict[str, str] = {}
    for section in REQUIRED_SECTIONS:
        if section not in data:
            raise fail(None, 0, None, f"section [{section}] is missing")
    for section, (is_array, spec) in SECTIONS.items():
        if section in OPTIONAL_SECTIONS and section not in data:
            continue
        raw = data[section]
        tables: list[Any]
        if is_array:
            if not isinstance(raw, list):
                raise fail(section, 0, None, f"[{section}] must be written [[{section}]]")
            tables = raw
        else:
            if not isinstance(raw, dict):
                raise fail(section, 0, None, f"[{section}] must be a single table")
            tables = [raw]
        for index, table in enumerate(tables):
            values = _check_table(table, {**_COMMON, **spec}, section,
                                  lambda key, reason, i=index, s=section: fail(s, i, key, reason))
            rule_id = values["id"]
            if rule_id in rules:
                raise fail(section, index, "id", f"rule id '{rule_id}' is used twice")
            rule = Rule(rule_id, section, values["date_basis"], values)
            rules[rule_id] = rule
            if section == "return":
                if values["exchange_days"] and values["exchange_days"] < values["return_days"]:
                    raise fail(section, index, "exchange_days",
                               "exchange_days must not be shorter than return_days")
                for kind in values["kinds"]:
                    if kind in return_by_kind:
                        raise fail(section, index, "kinds",
                                   f"category kind '{kind}' already has rule "
                                   f"'{return_by_kind[kind]}'")
                    return_by_kind[kind] = rule_id
                if values["default"]:
                    if default_return:
                        raise fail(section, index, "default",
                                   "only one return rule may be the default")
                    default_return = rule_id
            elif section == "tender":
                if values["tender"] in tender_rules:
                    raise fail(section, index, "tender",
                               f"tender '{values['tender']}' has two rules")
                tender_rules[values["tender"]] = rule_id
            elif section == "compensation":
                if values["kind"] in compensation_rules:
                    raise fail(section, index, "kind", f"compensation '{values['kind']}' has "
                                                       "two rules")
                _check_compensation(values, lambda key, reason, i=index: fail(
                    "compensation", i, key, reason))
                compensation_rules[values["kind"]] = rule_id
            elif section == "warranty":
                _check_warranty(values, warranty_by_kind, lambda key, reason, i=index: fail(
                    "warranty", i, key, reason))
                for kind in values["kinds"]:
                    warranty_by_kind[kind] = rule_id
            else:
                singletons[section] = rule_id
    if not default_return:
        raise fail("return", 0, None, "one [[return]] rule needs default = true")
    missing = [k for k in COMPENSATION_KINDS if k not in compensation_rules]
    if missing:
        raise fail("compensation", 0, None, f"no compensation rule for {', '.join(missing)}")
    auth = rules[singletons["authority"]]
    if auth["clerk_refund"] > auth["manager_limit"] or auth["clerk_goodwill"] > auth[
            "manager_limit"]:
        raise fail("authority", 0, "manager_limit",
                   "manager_limit must not be below the clerk's limits")
    for kind, rule_id in warranty_by_kind.items():
        exchange = rules[return_by_kind.get(kind, default_return)]["exchange_days"]
        if 0 < rules[rule_id]["repair_days"] < exchange:
            index = [r.id for r in rules.values() if r.section == "warranty"].index(rule_id)
            raise fail("warranty", index, "repair_days",
                       f"repair_days ({rules[rule_id]['repair_days']}) is shorter than the "
                       f"{exchange}-day exchange window of '{kind}'")
    return PolicyDocument(version=version.strip(), effective_from=effective,
                          title=str(head.get("title", "")), source=source, rules=rules,
                          return_by_kind=return_by_kind, default_return=default_return,
                          tender_rules=tender_rules, compensation_rules=compensation_rules,
                          singletons=singletons, warranty_by_kind=warranty_by_kind)


def _check_warranty(values: dict[str, Any], seen: dict[str, str], fail: Any) -> None:
    for kind in values["kinds"]:
        if kind in seen:
            raise fail("kinds", f"category kind '{kind}' already has warranty rule "
                                f"'{seen[kind]}'")
    if not values["repair_days"] and not values["lifetime"]:
        raise fail("repair_days", "a warranty rule needs repair_days above 0 or lifetime = true")
    if values["lifetime_faults"] and not values["lifetime"]:
        raise fail("lifetime_faults", "lifetime_faults needs lifetime = true")
    if values["repeat_offer_after"] < 1:
        raise fail("repeat_offer_after", "repeat_offer_after must be 1 or more")


def _check_compensation(values: dict[str, Any], fail: Any) -> None:
    kind = values["kind"]
    needs = {"fraud": ("price_multiple", "minimum"), "unsafe_food": ("price_multiple", "minimum"),
             "quality": ("base",), "service_complaint": ("amount",),
             "late_repair": ("per_day", "max_days")}[kind]
    for key in needs:
        if not values[key]:
            raise fail(key, f"compensation '{kind}' needs {key} above 0")


def _check_table(table: Any, spec: Spec, section: str, fail: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise fail(None, f"[{section}] must be a table")
    for key in table:
        if key not in spec:
            raise fail(key, f"unknown key '{key}' in [{section}]")
    out: dict[str, Any] = {}
    for key, (kind, required, default) in spec.items():
        if key not in table:
            if required:
                raise fail(None, f"[{section}] needs '{key}'")
            out[key] = default
            continue
        out[key] = _convert(kind, table[key], lambda reason, k=key: fail(k, f"{k}: {reason}"))
    return out


def _convert(kind: str, value: Any, fail: Any) -> Any:
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail("must be a whole number, 0 or more")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise fail("must be true or false")
        return value
    if kind == "str":
        if not isinstance(value, str):
            raise fail("must be text")
        return value
    if kind == "yuan":
        if isinstance(value, float):
            raise fail("write amounts as text in yuan, e.g. \"500.00\" (not a number)")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise fail("must be an amount in yuan, e.g. \"500.00\"")
        try:
            fen = parse_yuan(str(value))
        except DeskError:
            raise fail(f"'{value}' is not an amount in yuan with at most 2 decimals") from None
        if fen < 0:
            raise fail("must not be negative")
        return fen
    if kind == "basis":
        if value not in DATE_BASES:
            raise fail("must be \"purchase\" or \"return\"")
        return value
    choices = {"tender": TENDER_KINDS, "comp_kind": COMPENSATION_KINDS, "approver": APPROVERS,
               "gift_rule": GIFT_RULES}
    if kind in choices:
        if value not in choices[kind]:
            raise fail(f"'{value}' is not one of {', '.join(choices[kind])}")
        return value
    lists = {"kinds": CATEGORY_KINDS, "found_by": FOUND_BY, "str_list": None,
             "faults": tuple(FAULT_KINDS)}
    if kind in lists:
        allowed = lists[kind]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("must be a list of text")
        if allowed is not None:
            for v in value:
                if v not in allowed:
                    raise fail(f"'{v}' is not one of {', '.join(allowed)}")
        return list(value)
    raise AssertionError(kind)


def load_file(path: Path) -> PolicyDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise PolicyError(str(path), 1, f"not UTF-8 text: {err.reason}") from None
    except OSError as err:
        raise PolicyError(str(path), 1, f"cannot read the file: {err.strerror}") from None
    return parse_document(text, str(path))
