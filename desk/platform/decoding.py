"""Reading commands from outside: a line of bytes -> a JSON value (`json_line`), a JSON object
-> a command dataclass (`from_dict`), with field-precise error codes.

`json_line` never raises anything but DeskError, whatever the bytes: invalid UTF-8, JSON nested
deeper than MAX_DEPTH (checked before decoding: json would recurse until RecursionError), numbers
too long to read, broken JSON each get their own code. Lone surrogates ("\\udc80") decode here but
are refused by the bus (desk/platform/limits.py) for every entry point.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from itertools import accumulate
from typing import Any, Union, get_args, get_origin

from desk.platform.errors import DeskError

_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false"}
MAX_DEPTH = 32  # the deepest command (a signature's strokes) needs 4 levels
# A JSON string, or an unterminated one up to the end of the line (so every quote matches and the
# scan stays linear whatever the bytes); possessive: no backtracking.
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_line(raw: bytes, line: int) -> Any:
    """One line of a JSON-lines file (bytes, line number for the error) -> its JSON value."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeskError("command.not_utf8", line=line, offset=exc.start) from None
    text = text.removeprefix("\ufeff") if line == 1 else text
    check_depth(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeskError("command.invalid_json", reason=exc.msg) from None
    except RecursionError:  # the depth check should have caught it: the last resort
        raise DeskError("command.too_deep", limit=MAX_DEPTH) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise DeskError("command.invalid_json", reason=str(exc)[:200]) from None


def check_depth(text: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH, counting brackets outside strings."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH:
        raise DeskError("command.too_deep", limit=MAX_DEPTH)


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
    if origin is dict:
        key_type, item_type = get_args(hint)
        if not isinstance(value, dict):
            raise DeskError("command.field_type", field=path, expected="an object")
        return {_key(key_type, k, path): _convert(item_type, v, f"{path}[{k}]")
                for k, v in value.items()}
    if origin is list:
        (item_type,) = get_args(hint)
        if not isinstance(value, list):
            raise DeskError("command.field_type", field=path, expected="a list")
        return [_convert(item_type, item, f"{path}[{i}].") for i, item in enumerate(value)]
    if hint is Any:
        return value
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value, path)  # type: ignore[arg-type]
    # bool is an int in Python: refuse true/false where a number is expected, and vice versa
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise DeskError("command.field_type", field=path.rstrip("."), expected=_TYPE_WORDS[int])
    if hint in (str, bool) and not isinstance(value, hint):
        raise DeskError("command.field_type", field=path.rstrip("."), expected=_TYPE_WORDS[hint])
    return value


def _key(hint: Any, key: str, path: str) -> Any:
    """JSON keys are text: a dict keyed by whole numbers reads "10000" as 10000."""
    if hint is int:
        if not re.fullmatch(r"-?[0-9]{1,18}", key):
            raise DeskError("command.field_type", field=path, expected=_TYPE_WORDS[int])
        return int(key)
    return key
