"""Projections of sync's own facts: a manager's resolution of a conflict; an administrator
re-binding this counter to a central server (an audit fact: the binding itself is this counter's
local setting, so there is no table to fill)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from desk.platform.changes import Changed
from desk.platform.conflicts import record_resolution
from desk.platform.events import Event
from desk.platform.registry import Projector


def _central_bound(conn: Connection, event: Event) -> set[Changed]:
    return {Changed.SETTINGS}


PROJECTORS: dict[str, Projector] = {
    "conflict.resolved": record_resolution,
    "device.central_bound": _central_bound,
    "device.central_settings_saved": _central_bound,  # audit only: the settings are local
}
