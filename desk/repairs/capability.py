"""Repairs: tickets, the nine-step checklist, quotes and pickup."""

from __future__ import annotations

from desk.platform.registry import EVERYONE, Capability, CommandSpec
from desk.platform.roles import Role
from desk.repairs import handlers as h
from desk.repairs import intake_tables, photo_inbox, tables
from desk.repairs.commands import (
    CorrectCheck,
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
from desk.repairs.intake_projection import with_intake
from desk.repairs.projections import PROJECTORS

ADMINS = frozenset({Role.ADMIN})

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
        # where the phone drops its pictures is the counter's set-up
        CommandSpec(photo_inbox.SetPhotoInbox, photo_inbox.set_photo_inbox, ADMINS),
    ),
    # ticket.opened also writes the intake notes (their own module and table)
    projectors={**PROJECTORS, "ticket.opened": with_intake(PROJECTORS["ticket.opened"]),
                **photo_inbox.PROJECTORS},
    tables=(tables.tickets, tables.checklists, tables.ticket_checks, tables.ticket_quotes,
            tables.ticket_signoffs, tables.ticket_payments, intake_tables.ticket_intake),
)
