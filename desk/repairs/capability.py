"""Repairs: tickets, the nine-step checklist, quotes and pickup."""

from __future__ import annotations

from desk.platform.registry import EVERYONE, Capability, CommandSpec
from desk.platform.roles import Role
from desk.repairs import clock_tables, history, intake_tables, photo_inbox, tables
from desk.repairs import handlers as h
from desk.repairs.clocks import CLOCKS_REFILL, with_clocks
from desk.repairs.commands import (
    CorrectCheck,
    EscalateTicket,
    OpenTicket,
    ProposeQuote,
    RecordCheck,
    RefuseQuote,
    ReopenTicket,
    SignCompletion,
    SignQuote,
    WaiveCheck,
)
from desk.repairs.errors import ERRORS
from desk.repairs.escalation import escalate_ticket
from desk.repairs.history_projection import imported
from desk.repairs.intake_projection import INTAKE_REFILL, with_intake
from desk.repairs.projections import PROJECTORS

ADMINS = frozenset({Role.ADMIN})
# bringing over the previous system's repairs is the store's set-up, as a POS export is
IMPORTERS = frozenset({Role.MANAGER, Role.ADMIN})
# who may escalate a ticket to the manager: the staff at the counter and in the workshop, and
# the manager (the sweep); an administrator sets the system up and does not
ESCALATORS = frozenset({Role.CLERK, Role.TECHNICIAN, Role.MANAGER})

CAPABILITY = Capability(
    name="repairs",
    errors=ERRORS,
    commands=(
        CommandSpec(OpenTicket, h.open_ticket, EVERYONE),
        # who may do which check is the checklist's (rules.require_role); waivers need a manager
        CommandSpec(RecordCheck, h.record_check, EVERYONE),
        CommandSpec(WaiveCheck, h.waive_check, EVERYONE),
        CommandSpec(CorrectCheck, h.correct_check, EVERYONE),
        CommandSpec(ProposeQuote, h.propose_quote, EVERYONE),
        CommandSpec(SignQuote, h.sign_quote, EVERYONE),
        CommandSpec(RefuseQuote, h.refuse_quote, EVERYONE),
        CommandSpec(SignCompletion, h.sign_completion, EVERYONE),
        # the recurrence is reported at the follow-up call, by whoever makes it
        CommandSpec(ReopenTicket, h.reopen_ticket, EVERYONE),
        CommandSpec(EscalateTicket, escalate_ticket, ESCALATORS),
        # where the phone drops its pictures is the counter's set-up
        CommandSpec(photo_inbox.SetPhotoInbox, photo_inbox.set_photo_inbox, ADMINS),
        CommandSpec(history.ImportRepairHistory, history.import_repair_history, IMPORTERS),
    ),
    # ticket.opened also writes the intake notes (their own module and table); the service
    # levels' clocks ride on the ticket projectors (desk/repairs/clocks.py)
    projectors={**with_clocks({**PROJECTORS,
                               "ticket.opened": with_intake(PROJECTORS["ticket.opened"])}),
                **photo_inbox.PROJECTORS, "ticket.imported": imported},
    tables=(tables.tickets, tables.checklists, tables.ticket_checks, tables.ticket_quotes,
            tables.ticket_signoffs, tables.ticket_payments, intake_tables.ticket_intake,
            clock_tables.ticket_clocks, clock_tables.ticket_escalations,
            tables.ticket_history),
    refills=(CLOCKS_REFILL, INTAKE_REFILL),
)
