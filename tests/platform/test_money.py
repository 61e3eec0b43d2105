"""Money in integer fen: parsing at the edge, formatting, and exact largest-remainder splits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.platform.errors import DeskError
from desk.platform.money import format_yuan, parse_yuan, split_largest_remainder


@pytest.mark.parametrize(("text", "fen"), [("12", 1200), ("12.5", 1250), ("0.01", 1),
                                           (" 3.07 ", 307), ("-4.20", -420)])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["1.234", "abc", "", "1,00", "1e3", ".5", "12."])
def test_parse_yuan_refuses_what_is_not_an_amount(text):
    with pytest.raises(DeskError) as info:
        parse_yuan(text)
    assert info.value.code == "money.invalid"


def test_format_yuan():
    assert format_yuan(123456) == "¥1,234.56"
    assert format_yuan(-5) == "-¥0.05"


def test_split_example_gives_remainder_to_largest_fractions():
    assert split_largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert split_largest_remainder(1000, [3000, 2000, 5000]) == [300, 200, 500]
    assert split_largest_remainder(5, [0, 0]) == [3, 2]


@given(st.integers(-10**9, 10**9), st.lists(st.integers(0, 10**7), min_size=1, max_size=30))
def test_split_always_adds_up_and_stays_within_one_fen_of_the_exact_share(total, weights):
    parts = split_largest_remainder(total, weights)
    assert sum(parts) == total
    weight_sum = sum(weights) or len(weights)
    shares = weights if sum(weights) else [1] * len(weights)
    for part, weight in zip(parts, shares, strict=True):
        assert abs(part - total * weight / weight_sum) < 1
