"""Every rule a decision can carry is said in words, in Chinese and English: the clerk and the
customer never read a rule id (the store's copy keeps it for audit)."""

from __future__ import annotations

import json
import re

from desk.platform.paths import resources_dir
from desk.policies.cases import evaluate_case
from desk.policies.queries import current
from desk.returns.explain import EXPLANATIONS, FALLBACK, audit_line, sentence

CASES = json.loads((resources_dir() / "policies" / "cases" / "default.json").read_text())["cases"]
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def decided_rules() -> list[dict]:
    policies = current()
    rules = []
    for i, entry in enumerate(CASES):
        if "error" in entry.get("expect", {}):
            continue  # a case refused as bad input: no decision to explain
        rules += evaluate_case(policies, entry["case"], f"case {i}").get("rules", [])
    return rules


def test_every_rule_the_policy_cases_produce_has_words_in_both_languages():
    rules = decided_rules()
    ids = {r["rule"] for r in rules}
    assert len(ids) >= 12, ids
    assert ids <= set(EXPLANATIONS), ids - set(EXPLANATIONS)
    for rule in rules:
        zh, en = sentence(rule, "zh_CN"), sentence(rule, "en")
        assert zh != FALLBACK.zh and en != FALLBACK.en, rule  # every number it needs is there
        assert not ASCII_WORD.search(zh), zh
        assert rule["rule"] not in zh and rule["rule"] not in en
        assert "=" not in zh and "_fen" not in zh


def test_the_numbers_come_from_the_decision():
    rule = {"rule": "return.clothing", "version": "2026.2",
            "numbers": {"days": 3, "return_days": 45}}
    assert sentence(rule, "zh_CN") == "衣物 45 天内可退，今天是第 3 天"
    assert sentence({"rule": "authority.limits", "numbers": {
        "clerk_refund_fen": 200000, "manager_limit_fen": 1000000}}, "zh_CN").startswith(
        "店员可直接退款（¥2,000.00 以内）")
    assert audit_line(rule) == "return.clothing v2026.2"
    assert sentence({"rule": "no.such_rule", "numbers": {}}, "en") == FALLBACK.en
