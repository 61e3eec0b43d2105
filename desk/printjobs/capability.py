"""The durable print queue (its state is core state; the bytes are printing/'s)."""

from __future__ import annotations

from desk.platform.registry import Capability
from desk.printjobs import tables

CAPABILITY = Capability(
    name="printjobs",
    local_tables=(tables.print_jobs,),
)
