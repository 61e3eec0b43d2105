"""Commands of sync: an administrator re-binds this counter to another central database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class RebindCentral(Command):
    """Point this counter at the central database `central_id` (what its hello() said): the
    pull cursors and the push position start over there."""

    name: ClassVar[str] = "rebind_central"
    central_id: str
