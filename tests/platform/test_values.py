"""The one phone mask (screens and slips): first 3 and last 4 digits, never more."""

from __future__ import annotations

import pytest

from desk.platform.values import mask_phone


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("+86 138-1234-5678", "861******5678"),
    ("88881234", "****1234"),  # a landline: only its last 4
    ("1234567", "*******"),
    ("12345", "*****"),
    ("1234", "****"),
    ("12", "**"),
    ("", ""),
])
def test_phone_mask(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_a_mask_shows_at_most_seven_digits_and_hides_at_least_four() -> None:
    for n in range(0, 16):
        masked = mask_phone("9" * n)
        assert len(masked) == n
        assert masked.count("9") <= 7 and masked.count("*") >= min(n, 4)
