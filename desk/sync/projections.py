"""Projection of sync's own fact: a manager's resolution of a conflict."""

from __future__ import annotations

from desk.platform.conflicts import record_resolution
from desk.platform.registry import Projector

PROJECTORS: dict[str, Projector] = {"conflict.resolved": record_resolution}
