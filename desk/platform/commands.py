"""The base of every command. Every user action is a command, handled by exactly one handler
that its capability declares (desk/platform/registry.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Command:
    name: ClassVar[str] = ""
    public: ClassVar[bool] = False  # may run without an authenticated actor (login)
