"""The base of every command. Every user action is a command, handled by exactly one handler
that its capability declares (desk/platform/registry.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Command:
    name: ClassVar[str] = ""
    public: ClassVar[bool] = False  # may run without an authenticated actor (login)
    # Per-field limits where the default is wrong: characters for text, items for a list
    # (desk/platform/limits.py; docs/commands.md lists them).
    limits: ClassVar[Mapping[str, int]] = {}
