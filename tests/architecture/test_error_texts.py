"""Every error code raised anywhere has a Chinese and an English text in its capability's
catalogue; the Chinese is Chinese (no English word, no identifier), each template asks only for
parameters the raise sites pass, and the app shows a refusal in the language in force."""

from __future__ import annotations

import re
import string

import pytest

from desk.capabilities import CATALOGUE, REGISTRY, describe
from desk.platform.errors import PARAM_WORDS, PLATFORM_ERRORS, DeskError
from printing import status as printer_status
from printing.errors import CATALOGUE as APP_CATALOGUE
from printing.errors import ERRORS as PRINTING_ERRORS
from tests.architecture.error_sites import scan

SITES = scan(("desk", "printing", "ui"))
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")
# Product terms a Chinese clerk reads as they are: the PIN pad and a CSV file.
ZH_ALLOWED_WORDS = {"PIN", "CSV"}
# Dotted names that are not error codes: settings keys, entry-point groups, file names, column
# paths of a policy case.
NOT_CODES = {"sync.central", "sync.server_cursor", "sync.server_cursors", "sync.central_id",
             "sync.pushed_seq", "sync.last_ok_ms", "sync.blobs_seq",
             "sync.last_error", "desk.bench", "desk.cli", "promotions.amount_fen",
             "tenders.amount_fen", "step.check", "closure.day_boundary", "store.timezone",
             "repairs.photo_inbox"}  # local setting keys, bench and CLI modules, field paths
FILE_SUFFIXES = (".sqlite3", ".toml", ".qss", ".pid", ".log", ".ini", ".lock")
# Parameters passed for the program, not the sentence (the import's rows, a lockout in ms, the
# checklist's id of a check and a photo's hash: the screen shows the check itself).
DATA_PARAMS = {"problems", "until_ms", "check_id", "sha256"}
# ... and, for one code, what the search was (for the list's filter, not the sentence).
CODE_DATA_PARAMS = {"lookup.not_found": {"kind"}}
# Printer codes come from one call for every state (port, host, detail): a state's text uses
# what it needs.
SHARED_SITE_PREFIX = "printer."


def printer_state_codes() -> set[str]:
    """`PrinterStatus.error_code` is f"printer.{state}" for each state that cannot print."""
    states = {v for k, v in vars(printer_status).items()
              if k.isupper() and isinstance(v, str) and k != "CAN_PRINT"}
    return {f"printer.{s}" for s in states - printer_status.CAN_PRINT}


def event_kinds() -> set[str]:
    return set(REGISTRY.projectors)


RAISED = set(SITES.params) | printer_state_codes()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_raised_code_has_an_english_and_a_chinese_text() -> None:
    missing = sorted(c for c in RAISED if c not in APP_CATALOGUE)
    assert missing == [], [(c, SITES.where.get(c, ["printing/status.py"])[0]) for c in missing]
    empty = sorted(c for c in RAISED if not (APP_CATALOGUE[c].en and APP_CATALOGUE[c].zh))
    assert empty == []


def test_no_dotted_literal_is_an_unlisted_code() -> None:
    """The second net: a dotted string the first one did not place is a code of the catalogue,
    an event kind, or one of the few other names."""
    from desk.returns.explain import EXPLANATIONS  # policy rule ids said in words, not codes

    strays = {text: where for text, where in SITES.dotted.items()
              if text not in APP_CATALOGUE and text not in event_kinds() and text not in NOT_CODES
              and text not in EXPLANATIONS and not text.endswith(FILE_SUFFIXES)}
    assert strays == {}


def test_every_catalogued_code_is_raised_somewhere() -> None:
    assert sorted(set(APP_CATALOGUE) - RAISED) == []


def test_one_home_per_code() -> None:
    """The registry refuses a code two capabilities declare; the platform's and printing's codes
    are not declared again by a capability."""
    assert set(PLATFORM_ERRORS).isdisjoint(REGISTRY.errors)
    assert set(PRINTING_ERRORS).isdisjoint(CATALOGUE)
    assert all(code.startswith("printer.") for code in PRINTING_ERRORS)


@pytest.mark.parametrize("code", sorted(APP_CATALOGUE))
def test_chinese_is_chinese(code: str) -> None:
    zh = APP_CATALOGUE[code].zh
    assert CJK.search(zh), zh
    words = set(ASCII_WORD.findall(re.sub(r"\{[a-z_]+\}", "", zh))) - ZH_ALLOWED_WORDS
    assert words == set(), zh


@pytest.mark.parametrize("code", sorted(APP_CATALOGUE))
def test_templates_ask_only_for_what_the_raise_sites_pass(code: str) -> None:
    en, zh = APP_CATALOGUE[code]
    assert placeholders(zh) <= placeholders(en), "the Chinese shows what the English shows, or less"
    known = [p for p in SITES.params.get(code, []) if p is not None]
    for params in known:
        assert placeholders(en) <= params, (code, params)
        if not code.startswith(SHARED_SITE_PREFIX):
            unused = params - DATA_PARAMS - CODE_DATA_PARAMS.get(code, set())
            assert unused <= placeholders(en), (code, params)


def sample_params(code: str) -> dict[str, object]:
    """Parameters a raise site could pass: identifiers get a real value, the rest a number."""
    values: dict[str, object] = {}
    for name in placeholders(APP_CATALOGUE[code].en):
        words = [v for v in PARAM_WORDS.get(name, {}) if v]
        values[name] = words[0] if words else 7
    return values


@pytest.mark.parametrize("code", sorted(APP_CATALOGUE))
def test_a_missing_parameter_does_not_crash(code: str) -> None:
    for language in ("en", "zh_CN"):
        text = describe(DeskError(code), language, APP_CATALOGUE)
        assert text and "{" not in text


def test_identifiers_are_put_into_words() -> None:
    forbidden = DeskError("auth.forbidden", role="technician", command="record_return")
    assert describe(forbidden, "zh_CN") == "技师无权进行此操作"
    cash = DeskError("return.cash_back_refused", tender="wechat_pay")
    assert describe(cash, "zh_CN") == "微信支付付款不能退现金"
    unknown_role = DeskError("auth.forbidden", role="someone_new")
    assert describe(unknown_role, "zh_CN") == "该角色无权进行此操作"
    assert describe(DeskError("value.required", field="sku"), "zh_CN") == "请填写商品编码"


def test_an_unknown_code_reads_as_its_log_form() -> None:
    assert describe(DeskError("nobody.knows", x=1), "zh_CN") == "nobody.knows (x=1)"


def test_the_app_shows_refusals_in_the_language_in_force(qapp: object) -> None:
    """A refusal of every code of every capability, through ui.errors.error_text in Chinese:
    no ASCII identifier or English word; then in English."""
    from ui.errors import error_text
    from ui.i18n import install_language

    install_language("zh_CN")
    try:
        for code in sorted(APP_CATALOGUE):
            params = sample_params(code)
            text = error_text(DeskError(code, **params))
            assert CJK.search(text), (code, text)
            for name in set(params) - set(PARAM_WORDS):
                text = text.replace(str(params[name]), "")
            assert set(ASCII_WORD.findall(text)) <= ZH_ALLOWED_WORDS, (code, text)
            assert not re.search(r"[a-z]+[._][a-z]+", text), (code, text)
    finally:
        install_language("en")
    shown = error_text(DeskError("return.window_passed", line_no=2, days=40, return_days=30))
    assert shown == "line 2: day 40 of the purchase, the return window is 30 days"
