"""Returns, refunds, compensation and the cases that wait for head office."""

from __future__ import annotations

from desk.platform.registry import Capability, CommandSpec
from desk.platform.roles import Role
from desk.returns import tables
from desk.returns.commands import AwardCompensation, DecideHeadOffice, RecordReturn
from desk.returns.errors import ERRORS
from desk.returns.handlers import award_compensation, decide_head_office, record_return
from desk.returns.projections import INVARIANTS, PROJECTORS

CAPABILITY = Capability(
    name="returns",
    errors=ERRORS,
    commands=(
        CommandSpec(RecordReturn, record_return, frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})),
        CommandSpec(
            AwardCompensation, award_compensation, frozenset({Role.CLERK, Role.MANAGER, Role.ADMIN})
        ),
        CommandSpec(DecideHeadOffice, decide_head_office, frozenset({Role.ADMIN})),
    ),
    projectors=PROJECTORS,
    invariants=INVARIANTS,
    tables=(
        tables.returns,
        tables.return_lines,
        tables.refund_tenders,
        tables.compensations,
        tables.approvals,
    ),
)
