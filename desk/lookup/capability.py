"""The search box: a read model over the other capabilities' tables (no commands, no tables of
its own); it declares the reasons a search shows nothing."""

from __future__ import annotations

from desk.lookup.errors import ERRORS
from desk.platform.registry import Capability

CAPABILITY = Capability(name="lookup", errors=ERRORS)
