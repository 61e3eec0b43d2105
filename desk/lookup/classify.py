"""What did the clerk type or scan? Recognise the kind of a search text, forgivingly.

Pure: no database. `classify(text)` cleans the input (control characters a scanner may send are
dropped, full-width characters from a Chinese input method become ASCII, case is normalised) and
says what it looks like. It never raises: bad input becomes a `Query` whose `reason` explains it.

Identifier formats (shared across the app): receipt "R"+yymmdd+counter(2)+seq(4) (13 chars);
ticket "T"+yymmdd+seq(4) (11 chars); tracking URL = store tracking_url + "/" + ticket code;
member "M"+8 digits; phone 11 digits 13-19…; serial "SN"+10 upper-case alphanumerics; barcode
EAN-13 (valid check digit); sku "P"+6 digits; customer "C"+7 digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

MAX_LENGTH = 200  # characters after cleaning; anything longer is not something a clerk searches

# Kinds of input. "exact" kinds name one thing; the others search and rank.
RECEIPT = "receipt_no"
RECEIPT_PREFIX = "receipt_prefix"
TICKET = "ticket_code"
TICKET_PREFIX = "ticket_prefix"
TRACKING_URL = "tracking_url"
URL = "url"  # a web address that is not a ticket's tracking link
PHONE = "phone"
PHONE_LAST4 = "phone_last4"
PHONE_PREFIX = "phone_prefix"
MEMBER = "member_id"
MEMBER_PREFIX = "member_prefix"
CUSTOMER_ID = "customer_id"
SKU = "sku"
BARCODE = "barcode"
BARCODE_BAD = "barcode_bad"  # 13 digits whose check digit is wrong: a misread scan
DIGITS = "digits"  # some other run of digits: part of a phone or of a barcode
SERIAL = "serial"
SERIAL_PREFIX = "serial_prefix"
PINYIN = "pinyin"  # latin letters only: pinyin initials, full pinyin or a latin name
NAME = "name"  # Chinese (or any other) text
EMPTY = "empty"
TOO_LONG = "too_long"

_RECEIPT = re.compile(r"R\d{12,13}")  # 13 characters; a 14-character variant is forgiven
_RECEIPT_PART = re.compile(r"R\d{1,11}")
_TICKET = re.compile(r"T\d{10}")
_TICKET_PART = re.compile(r"T\d{1,9}")
_MEMBER = re.compile(r"M\d{8}")
_MEMBER_PART = re.compile(r"M\d{1,7}")
_CUSTOMER = re.compile(r"C\d{7}")
_SKU = re.compile(r"P\d{6}")
_SERIAL = re.compile(r"SN[0-9A-Z]{10}")
_SERIAL_PART = re.compile(r"SN[0-9A-Z]{1,9}")
_PHONE = re.compile(r"1[3-9]\d{9}")
_PINYIN = re.compile(r"[a-z][a-z' ]*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")
_HOST_PATH = re.compile(r"(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)")


@dataclass(frozen=True)
class Query:
    raw_length: int
    text: str  # the cleaned text
    kind: str
    value: str  # the normalised token searched for (e.g. upper-cased code, pinyin without spaces)
    reason: str | None = None  # a lookup.* code when nothing should be searched
    params: dict[str, Any] = field(default_factory=dict)
    url_base: str = ""  # for a tracking URL: everything before the ticket code

    @property
    def searchable(self) -> bool:
        return self.reason is None


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit of 12 digits: weights 1,3,1,3… from the left."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def clean(text: str) -> str:
    """Drop control/format characters (CR, LF, TAB, GS from a scanner, zero-width spaces), fold
    full-width forms to ASCII (NFKC), collapse runs of spaces."""
    text = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def classify(raw: str) -> Query:
    if len(raw) > MAX_LENGTH * 4:  # don't even normalise a pasted novel
        return Query(len(raw), "", TOO_LONG, "", "lookup.too_long",
                     {"length": len(raw), "limit": MAX_LENGTH})
    text = clean(raw)
    if not text:
        return Query(len(raw), "", EMPTY, "", "lookup.empty")
    if len(text) > MAX_LENGTH:
        return Query(len(raw), text[:MAX_LENGTH], TOO_LONG, "", "lookup.too_long",
                     {"length": len(text), "limit": MAX_LENGTH})
    if "://" in text or _HOST_PATH.match(text.lower()):
        return _classify_url(len(raw), text)
    compact = text.replace(" ", "")
    digits = compact.replace("-", "")
    if digits.startswith("+86") or digits.startswith("0086"):  # a phone with country code
        digits = digits[3:] if digits.startswith("+") else digits[4:]
    if digits.isdigit() and digits.isascii():
        compact = digits  # 138-1234-5678 is a phone number
    upper = compact.upper()

    def q(kind: str, value: str) -> Query:
        return Query(len(raw), text, kind, value)

    for pattern, kind in ((_RECEIPT, RECEIPT), (_TICKET, TICKET), (_MEMBER, MEMBER),
                          (_CUSTOMER, CUSTOMER_ID), (_SKU, SKU), (_SERIAL, SERIAL),
                          (_RECEIPT_PART, RECEIPT_PREFIX), (_TICKET_PART, TICKET_PREFIX),
                          (_MEMBER_PART, MEMBER_PREFIX), (_SERIAL_PART, SERIAL_PREFIX)):
        if pattern.fullmatch(upper):
            return q(kind, upper)
    if compact.isdigit() and compact.isascii():
        if len(compact) == 13:
            if is_valid_ean13(compact):
                return q(BARCODE, compact)
            return Query(len(raw), text, BARCODE_BAD, compact, None,
                         {"code": compact, "expected": ean13_check_digit(compact[:12])})
        if len(compact) == 11 and _PHONE.fullmatch(compact):
            return q(PHONE, compact)
        if len(compact) == 4:
            return q(PHONE_LAST4, compact)
        if compact.startswith("1") and 5 <= len(compact) <= 10:
            return q(PHONE_PREFIX, compact)
        return q(DIGITS, compact)
    if not _CJK.search(text) and _PINYIN.fullmatch(text.lower()):
        return q(PINYIN, text.lower().replace(" ", "").replace("'", ""))
    return q(NAME, text)


_TICKET_IN_URL = re.compile(r"(?:^|[/=#])(T\d{10})(?:$|[/?#&])", re.IGNORECASE)


def _classify_url(raw_length: int, text: str) -> Query:
    url = text.replace(" ", "")
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        host = ""
    match = _TICKET_IN_URL.search(url)
    if not host or match is None:
        return Query(raw_length, text, URL, url, "lookup.not_tracking_url",
                     {"url": shorten(url, 60)})
    code = match.group(1).upper()
    return Query(raw_length, text, TRACKING_URL, code, None, {"host": host, "code": code},
                 url_base=url[: match.start(1)].rstrip("/"))


def same_site(url_base: str, tracking_url: str) -> bool:
    """Does a scanned link's base match a store's configured tracking_url? Scheme, letter case,
    a 'www.' and trailing slashes don't matter."""

    def norm(u: str) -> str:
        u = u.strip().lower().rstrip("/")
        u = u.split("://", 1)[-1]
        return u[4:] if u.startswith("www.") else u

    return bool(tracking_url.strip()) and norm(url_base) == norm(tracking_url)
