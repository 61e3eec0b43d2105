"""Commands of policies: head office publishes a version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class PublishPolicy(Command):
    """Head office publishes a policy version (the TOML text of one file); it reaches every store
    through sync and takes effect on its effective_from date."""

    name: ClassVar[str] = "publish_policy"
    limits: ClassVar[Mapping[str, int]] = {"text": 200_000, "source": 500}
    text: str
    source: str = ""  # the file name, for messages
