"""Search keys of names: the word-by-word pinyin equals pypinyin's own, and the suffix rows."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from desk.demo import data
from desk.lookup.keys import name_suffixes, pinyin_keys, syllables

TRICKY = ["iPhone 15 Pro", "A4纸 500张", "重庆火锅", "长江长城", "银行行长", "  空 格 ", "Ⅲ号",
          "①②", "ABC-123", "女士 羽绒服 XL", "乐乐", "单于", "音乐会", "朝阳", "重量", "行李"]


def test_word_by_word_pinyin_is_pypinyins_own_on_the_demo_names() -> None:
    # every demo surname with every given character, one and two of them; every product name
    names = [s + g for s in data.SURNAMES for g in data.GIVEN_CHARS]
    names += [s + g + h for s in data.SURNAMES[:10] for g in data.GIVEN_CHARS
              for h in data.GIVEN_CHARS[:20]]
    names += [f"{brand}{item.name} {variant}".strip() for cat in data.CATEGORIES
              for brand in cat.brands for item in cat.items for variant in item.variants]
    names += TRICKY
    for name in names:
        expected = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
        expected = [x for x in ("".join(ch for ch in s if ch.isalnum()) for s in expected) if x]
        assert list(syllables(name)) == expected, name


def test_keys_and_suffixes_of_a_name() -> None:
    assert pinyin_keys("羽绒服") == ("yurongfu", "yrf")
    assert name_suffixes("羽绒服") == [("n", "绒服"), ("n", "服"), ("p", "rongfu"), ("i", "rf"),
                                      ("p", "fu"), ("i", "f")]
    assert name_suffixes("羽绒服 L") == [("n", "绒服 L"), ("n", "服 L"), ("n", "L"),
                                        ("p", "rongful"), ("i", "rfl"), ("p", "ful"),
                                        ("i", "fl"), ("p", "l"), ("i", "l")]
    assert name_suffixes("王") == []
