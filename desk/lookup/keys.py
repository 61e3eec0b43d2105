"""Search keys derived from names: full pinyin and initials, so "yrf" and "yurongfu" find 羽绒服."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def pinyin_keys(name: str) -> tuple[str, str]:
    """('yurongfu', 'yrf') for '羽绒服'; letters and digits pass through lower-cased."""
    # Imported on first use: its phrase dictionary takes ~0.2 s to load, which the app's cold
    # start should not pay before the login window shows.
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
    syllables = [s for s in (''.join(ch for ch in s if ch.isalnum()) for s in syllables) if s]
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return full, initials
