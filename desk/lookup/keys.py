"""Search keys derived from names: full pinyin and initials, so "yrf" and "yurongfu" find 羽绒服;
and the suffixes a "contains" search looks up as prefix ranges instead of scanning every name."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Fields of a name's suffix rows (desk/catalog/tables.py name_suffixes)
NAME, PINYIN, INITIALS = "n", "p", "i"


@lru_cache(maxsize=65536)
def syllables(name: str) -> tuple[str, ...]:
    """('yu', 'rong', 'fu') for '羽绒服'; letters and digits pass through lower-cased. Cached per
    distinct name (a replay meets the same names again and again)."""
    found = [s.lower() for s in _lazy_pinyin(name)]
    return tuple(s for s in (''.join(ch for ch in s if ch.isalnum()) for s in found) if s)


def _lazy_pinyin(name: str) -> list[str]:
    """`pypinyin.lazy_pinyin(name)` (NORMAL style, errors kept), computed word by word: pypinyin
    cuts the name into words, then converts each word by itself — so each distinct word
    ('王', '小明', '羽绒服') is converted once and remembered. Five times faster on the demo's
    60 000 names than calling lazy_pinyin per name (which also builds a converter per call), and
    the same result: tests/lookup/test_keys.py compares them."""
    cutter = _cutter()
    return [s for word in cutter.seg(name) for s in _word_pinyin(word)]


@lru_cache(maxsize=1)
def _cutter() -> Any:
    # Imported on first use: its phrase dictionary takes ~0.2 s to load, which the app's cold
    # start should not pay before the login window shows.
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    return Pinyin(UltimateConverter())  # what pypinyin.lazy_pinyin builds with its defaults


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import Style

    # a list is taken as words already cut: converted as they are
    return tuple(_cutter().lazy_pinyin([word], style=Style.NORMAL, errors="default"))


def clear_caches() -> None:
    """Forget every name's and word's pinyin (a benchmark's runs each pay for them, as a fresh
    `desk db rebuild` does)."""
    syllables.cache_clear()
    _word_pinyin.cache_clear()


def pinyin_keys(name: str) -> tuple[str, str]:
    """('yurongfu', 'yrf') for '羽绒服'."""
    parts = syllables(name)
    return "".join(parts), "".join(s[0] for s in parts)


def name_suffixes(name: str) -> list[tuple[str, str]]:
    """(field, suffix) rows of a name for "contains" searches, beyond what the name's own keys
    give (a suffix from the first position is the name, its full pinyin or its initials):
    the name from each later character (not a space: a search word never starts with one), the
    full pinyin and the initials from each later syllable. "绒服", "rongfu" and "rf" then find
    羽绒服 by an index range; a pinyin search matches from the start of a syllable."""
    rows = [(NAME, name[i:]) for i in range(1, len(name)) if not name[i].isspace()]
    parts = syllables(name)
    for i in range(1, len(parts)):
        rows.append((PINYIN, "".join(parts[i:])))
        rows.append((INITIALS, "".join(s[0] for s in parts[i:])))
    return rows  # suffixes of one field differ in length: no duplicates
