"""Limits on what a command may carry, checked by the bus before any handler runs (so every entry
point — the screens, `desk apply`, sync's own commands — is covered, and nothing is written).

- text: every `str` field holds at most `DEFAULT_TEXT` characters unless the class that declares
  the field overrides it in `limits` (e.g. a policy document, a signature's PNG); text must be
  encodable as UTF-8 (a lone surrogate such as "\\udc80" is refused, it cannot be hashed);
- lists and dicts: at most `DEFAULT_ITEMS` items at each level unless overridden the same way;
- whole numbers: within ±`MAX_INT` (more is a typing error and would overflow the database).

Nested dataclasses (a sale's lines, a quote's parts) declare their own `limits`.
docs/commands.md lists every override.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from desk.platform.errors import DeskError

DEFAULT_TEXT = 200
DEFAULT_ITEMS = 500
MAX_INT = 10**12


def field_limits(cls: type[Any]) -> tuple[tuple[str, int], ...]:
    """Each field of dataclass `cls` with its limit (characters for text, items for a list)."""
    overrides: Mapping[str, int] = getattr(cls, "limits", {})
    unknown = set(overrides) - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise TypeError(f"{cls.__name__}.limits names no field: {sorted(unknown)}")
    return tuple((f.name, overrides.get(f.name, 0)) for f in dataclasses.fields(cls))


def check_limits(obj: Any, path: str = "") -> None:
    """Refuse `obj` (a command) if a value in it breaks its limit; the error names the field."""
    for name, limit in _limits_of(type(obj)):
        _check(getattr(obj, name), limit, f"{path}{name}")


def _limits_of(cls: type[Any]) -> tuple[tuple[str, int], ...]:
    found = _LIMITS.get(cls)
    if found is None:
        found = _LIMITS[cls] = field_limits(cls)
    return found


_LIMITS: dict[type[Any], tuple[tuple[str, int], ...]] = {}


def _check(value: Any, limit: int, path: str) -> None:
    if isinstance(value, str):
        text_limit = limit or DEFAULT_TEXT
        if len(value) > text_limit:
            raise DeskError("value.too_long", field=path, limit=text_limit)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise DeskError("value.not_text", field=path, position=exc.start) from None
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not -MAX_INT <= value <= MAX_INT:
            raise DeskError("value.out_of_range", field=path, low=-MAX_INT, high=MAX_INT)
    elif isinstance(value, list | tuple):
        _check_count(value, limit, path)
        for i, item in enumerate(value):
            _check(item, limit, f"{path}[{i}]")
    elif isinstance(value, dict):
        _check_count(value, limit, path)
        for key, item in value.items():
            _check(key, limit, path)
            _check(item, limit, f"{path}[{key}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        check_limits(value, f"{path}.")


def _check_count(value: Any, limit: int, path: str) -> None:
    item_limit = limit or DEFAULT_ITEMS
    if len(value) > item_limit:
        raise DeskError("value.too_many", field=path, limit=item_limit)
