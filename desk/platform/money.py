"""Money is integer fen (1 CNY = 100 fen). Parsing and formatting live at the edges only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desk.platform.errors import DeskError

_AMOUNT = re.compile(r"^\s*(-)?(\d{1,12})(?:\.(\d{1,2}))?\s*$")


def parse_yuan(text: str) -> int:
    """'12.5' -> 1250 fen. More than two decimals is refused rather than rounded."""
    match = _AMOUNT.match(text)
    if not match:
        raise DeskError("money.invalid", text=text)
    sign, whole, frac = match.groups()
    fen = int(whole) * 100 + int((frac or "").ljust(2, "0"))
    return -fen if sign else fen


def format_yuan(fen: int, symbol: str = "¥") -> str:
    """1250 -> '¥12.50'; negatives keep the sign in front of the symbol."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{symbol}{whole:,}.{part:02d}"


def split_largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` fen in proportion to `weights`; the parts add up to `total` exactly.

    Each part gets the floor of its share; the fen left over go one each to the largest
    remainders (ties to the earlier part), so the result is deterministic.
    """
    if total < 0:
        return [-part for part in split_largest_remainder(-total, weights)]
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if not weights:
        if total:
            raise ValueError("cannot split a non-zero amount over no parts")
        return []
    if weight_sum == 0:
        weights = [1] * len(weights)
        weight_sum = len(weights)
    floors = [total * w // weight_sum for w in weights]
    remainders = [total * w % weight_sum for w in weights]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors
