"""Authority levels: who may approve what. Policy data (the [authority] rule) sets the limits."""

from __future__ import annotations

LEVELS = ("clerk", "manager", "head_office")
ROLE_LEVEL = {"clerk": "clerk", "technician": "clerk", "manager": "manager", "admin": "manager"}


def rank(level: str) -> int:
    return LEVELS.index(level)


def higher(a: str, b: str) -> str:
    return a if rank(a) >= rank(b) else b


def role_may_approve(role: str | None, level: str) -> bool:
    """Whether someone with `role` may decide a case of `level` at the counter (head office
    decides through its own approval event). `None` is the system actor (set-up, demo)."""
    if role is None:
        return level != "head_office"
    return rank(ROLE_LEVEL.get(role, "clerk")) >= rank(level) and level != "head_office"
