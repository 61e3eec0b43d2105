"""Building command dataclasses from JSON objects, with field-precise error codes."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union, get_args, get_origin

from desk.platform.errors import DeskError

_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false"}


def from_dict(cls: type[Any], data: Any, path: str = "") -> Any:
    """Build dataclass `cls` from `data`, refusing unknown, missing and mistyped fields."""
    if not isinstance(data, dict):
        raise DeskError("command.field_type", field=path or cls.__name__, expected="an object")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            raise DeskError("command.field_unknown", field=f"{path}{key}")
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        if name not in data:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise DeskError("command.field_missing", field=f"{path}{name}")
            continue
        values[name] = _convert(hints[name], data[name], f"{path}{name}")
    return cls(**values)


def _convert(hint: Any, value: Any, path: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _convert(options[0], value, path)
    if origin is list:
        (item_type,) = get_args(hint)
        if not isinstance(value, list):
            raise DeskError("command.field_type", field=path, expected="a list")
        return [_convert(item_type, item, f"{path}[{i}].") for i, item in enumerate(value)]
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value, path)  # type: ignore[arg-type]
    # bool is an int in Python: refuse true/false where a number is expected, and vice versa
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise DeskError("command.field_type", field=path.rstrip("."), expected=_TYPE_WORDS[int])
    if hint in (str, bool) and not isinstance(value, hint):
        raise DeskError("command.field_type", field=path.rstrip("."), expected=_TYPE_WORDS[hint])
    return value
