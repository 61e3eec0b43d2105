"""Typed results as JSON: the one way a dataclass the core returns becomes what `desk` prints.

Handlers and queries return dataclasses; the CLI prints them with the same keys as their fields.
Enums become their values, tuples and sets lists (sets sorted), nested dataclasses objects.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Iterator, Mapping
from typing import Any


def to_jsonable(value: Any) -> Any:
    """`value` made of dicts, lists, strings, numbers, booleans and None only."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_jsonable(v) for v in value)
    return value


class JsonObject(Mapping[str, Any]):
    """A JSON object read from a row, decoded the first time something looks into it. For
    values read in bulk but rarely opened: a command on a repair ticket reads every check's
    evidence with the ticket, and only the certificate and the test-value rule look inside
    (decoding them all was ~8 % of the demo's walk through the workshop)."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: str) -> None:
        self._text = text
        self._value: dict[str, Any] | None = None

    def _decoded(self) -> dict[str, Any]:
        if self._value is None:
            value = json.loads(self._text)
            if not isinstance(value, dict):
                raise ValueError("not a JSON object")
            self._value = value
        return self._value

    def __getitem__(self, key: str) -> Any:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __contains__(self, key: object) -> bool:
        return key in self._decoded()

    def __repr__(self) -> str:
        return repr(self._decoded())
