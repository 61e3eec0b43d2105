"""The durable print queue (its state is core state; the bytes are printing/'s)."""

from __future__ import annotations

from desk.platform.registry import Capability
from desk.printjobs import tables
from desk.printjobs.errors import ERRORS

CAPABILITY = Capability(
    name="printjobs",
    errors=ERRORS,
    local_tables=(tables.print_jobs,),
)
