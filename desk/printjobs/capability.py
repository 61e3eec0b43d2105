"""The durable print queue (its state is this counter's local state; the bytes are printing/'s)
and what a person asks of it, audited: queue, reprint, settle, cancel, choose the printer.

Roles: printing and reprinting a customer's document and settling or cancelling a job are counter
work (clerk, manager, admin; a technician prints repair slips too, so queueing is everyone's).
Which printer the counter uses is the counter's configuration: a wrong one sends receipts (with
customers' names) somewhere else, so only a manager or an administrator sets it.
"""

from __future__ import annotations

from desk.platform.registry import EVERYONE, Capability, CommandSpec
from desk.platform.roles import Role
from desk.printjobs import tables
from desk.printjobs.commands import (
    CancelPrintJob,
    QueuePrintJob,
    ReprintJob,
    SetPrinter,
    SettlePrintJob,
)
from desk.printjobs.errors import ERRORS
from desk.printjobs.handlers import (
    cancel_print_job,
    queue_print_job,
    reprint_job,
    set_printer,
    settle_print_job,
)
from desk.printjobs.projections import PROJECTORS

COUNTER = frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})
MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})

CAPABILITY = Capability(
    name="printjobs",
    errors=ERRORS,
    commands=(
        CommandSpec(QueuePrintJob, queue_print_job, EVERYONE),
        CommandSpec(ReprintJob, reprint_job, COUNTER),
        CommandSpec(SettlePrintJob, settle_print_job, COUNTER),
        CommandSpec(CancelPrintJob, cancel_print_job, COUNTER),
        CommandSpec(SetPrinter, set_printer, MANAGERS),
    ),
    projectors=PROJECTORS,
    local_tables=(tables.print_jobs,),
)
