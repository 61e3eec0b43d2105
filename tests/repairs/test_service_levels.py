"""Service levels: response clocks from the journal's times, breached / overdue / stale, the
escalation command and its sweep, the manager's list."""

from __future__ import annotations

import pytest

from desk.capabilities import REGISTRY
from desk.platform.projections import rebuild
from desk.repairs.commands import EscalateTicket, OpenTicket, RefuseQuote
from desk.repairs.service_levels import (
    TicketClock,
    breached,
    is_response,
    overdue,
    respond_by,
    stale,
    standing,
    to_escalate,
)
from desk.repairs.service_queries import (
    escalated_tickets,
    escalation_sweep,
    ticket_clock,
    workshop_queue,
)
from tests.repairs.helpers import TECH, quote_and_sign, record, refused, walk
from tests.returns.seed import ADMIN, CLERK, MANAGER
from tests.support.journal import dump

OPENED = "2026-11-20T10:00:00"  # the fixed clock's start
MANAGER_NAME = "张经理"


def clock(**kw) -> TicketClock:
    base = dict(code="T1", status="open", service_level="complex", opened_at=OPENED,
                respond_by="2026-11-20T10:30:00", responded_at="", promised_date="2026-11-25",
                picked_up_at="", last_fact_at=OPENED)
    return TicketClock(**(base | kw))


# --- the pure rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("level, deadline", [("simple", "2026-11-20T10:05:00"),
                                             ("complex", "2026-11-20T10:30:00"),
                                             ("major", "2026-11-20T12:00:00")])
def test_each_level_has_its_response_window(level, deadline):
    assert respond_by(OPENED, level) == deadline


def test_the_intake_checks_are_not_a_response():
    assert not is_response(1, "fault_described") and not is_response(2, "intake_signed")
    assert is_response(2, "condition_recorded") and is_response(4, "safety_isolated")


def test_breached_only_when_the_deadline_passed_without_a_response():
    assert not breached(clock(), "2026-11-20T10:30:00")
    assert breached(clock(), "2026-11-20T10:30:01")
    assert not breached(clock(responded_at="2026-11-20T10:20:00"), "2026-11-21T10:00:00")
    assert breached(clock(responded_at="2026-11-20T10:40:00"), "2026-11-21T10:00:00")  # late
    assert not breached(clock(status="returned"), "2026-11-21T10:00:00")


def test_overdue_after_the_promised_day_until_picked_up():
    assert not overdue(clock(), "2026-11-25T23:59:59")
    assert overdue(clock(), "2026-11-26T00:00:00")
    assert not overdue(clock(picked_up_at="2026-11-26T09:00:00"), "2026-11-27T00:00:00")


def test_stale_after_24_hours_without_news():
    fresh = clock(responded_at="2026-11-20T10:10:00", last_fact_at="2026-11-20T10:10:00")
    assert not stale(fresh, "2026-11-21T10:10:00")
    assert stale(fresh, "2026-11-21T10:10:01")
    assert standing(fresh, "2026-11-21T10:10:01") == ("stale",)


def test_a_reason_is_escalated_once_and_stale_once_per_quiet_stretch():
    now = "2026-11-27T12:00:00"
    assert to_escalate(clock(), now) == ("response_breached", "overdue", "stale")
    done = clock(escalated=frozenset({"response_breached", "overdue"}),
                 stale_escalated_at="2026-11-22T10:00:00")
    assert to_escalate(done, now) == ()
    assert to_escalate(TicketClock(**{**done.__dict__, "last_fact_at": "2026-11-23T10:00:00"}),
                       now) == ("stale",)


# --- the projection ------------------------------------------------------------------------------

def open_complex(store, code="T0001", promised="2026-11-25", level="complex"):
    store.dispatch(OpenTicket(code=code, sku="P000003", fault="不加热", promised_date=promised,
                              service_level=level), CLERK)
    return code


def clock_now(store, code):
    with store.db.engine.connect() as conn:
        return ticket_clock(conn, code)


def now_of(clock_fixture) -> str:
    return clock_fixture.local_now().isoformat(timespec="seconds")


def test_the_clock_starts_at_intake_and_a_diagnosis_answers_it(store, clock, photo):
    code = open_complex(store)
    assert clock_now(store, code).respond_by == "2026-11-20T10:30:00"
    clock.advance(minutes=2)
    record(store, code, 1, "fault_described", CLERK, note="不加热")  # the intake: no answer
    assert clock_now(store, code).responded_at == ""
    assert clock_now(store, code).last_fact_at == "2026-11-20T10:02:00"
    clock.advance(minutes=10)
    record(store, code, 1, "environment_asked", CLERK, note="厨房")
    record(store, code, 1, "contact_confirmed", CLERK)
    record(store, code, 2, "condition_recorded", TECH, photo_sha256=photo)
    assert clock_now(store, code).responded_at == "2026-11-20T10:12:00"
    clock.advance(minutes=60)
    assert not breached(clock_now(store, code), now_of(clock))


def test_a_quote_is_a_response_too(store, clock):
    code = open_complex(store)
    clock.advance(minutes=40)
    quote_and_sign(store, code)
    c = clock_now(store, code)
    assert c.responded_at == "2026-11-20T10:40:00" and breached(c, now_of(clock))


def test_a_refused_quote_takes_the_ticket_out_of_the_workshop(store, clock):
    code = open_complex(store)
    from desk.repairs.commands import ProposeQuote
    store.dispatch(ProposeQuote(ticket_code=code, labour_fen=900), CLERK)
    store.dispatch(RefuseQuote(ticket_code=code), CLERK)
    clock.advance(days=10)
    assert clock_now(store, code).status == "returned"
    assert standing(clock_now(store, code), now_of(clock)) == ()


def test_rebuild_gives_the_same_clocks(store, clock, photo, db):
    walk(store, open_complex(store), photo, 3)
    open_complex(store, "T0002", "2026-11-18")
    clock.advance(minutes=60)
    store.dispatch(EscalateTicket(ticket_code="T0002", reason="response_breached"), TECH)
    with db.engine.connect() as conn:
        before = dump(conn)
    assert len(before["ticket_clocks"]) == 2 and len(before["ticket_escalations"]) == 1
    with db.engine.begin() as conn:
        rebuild(conn, REGISTRY)
    with db.engine.connect() as conn:
        assert dump(conn) == before


# --- escalation ----------------------------------------------------------------------------------

def test_escalation_needs_a_reason_that_holds(store, clock):
    code = open_complex(store)
    refused(store, "repair.not_escalable", lambda: store.dispatch(
        EscalateTicket(ticket_code=code, reason="response_breached"), TECH))
    refused(store, "repair.escalation_reason_unknown", lambda: store.dispatch(
        EscalateTicket(ticket_code=code, reason="angry"), TECH))
    refused(store, "ticket.unknown", lambda: store.dispatch(
        EscalateTicket(ticket_code="T9999", reason="overdue"), TECH))
    clock.advance(minutes=31)
    store.dispatch(EscalateTicket(ticket_code=code, reason="response_breached",
                                  note="无人接单"), TECH)
    assert clock_now(store, code).escalated == {"response_breached"}
    refused(store, "repair.already_escalated", lambda: store.dispatch(
        EscalateTicket(ticket_code=code, reason="response_breached"), MANAGER))


def test_an_administrator_may_not_escalate(store, clock):
    code = open_complex(store)
    clock.advance(minutes=31)
    err = refused(store, "auth.forbidden", lambda: store.dispatch(
        EscalateTicket(ticket_code=code, reason="response_breached"), ADMIN))
    assert err.params["role"] == "admin"


def test_the_sweep_lists_what_to_escalate_and_running_it_empties_it(store, clock, photo):
    open_complex(store, "T0001", "2026-11-20", level="simple")
    answered = open_complex(store, "T0002")
    record(store, answered, 1, "fault_described", CLERK, note="不加热")
    record(store, answered, 1, "environment_asked", CLERK, note="厨房")
    record(store, answered, 1, "contact_confirmed", CLERK)
    record(store, answered, 2, "condition_recorded", TECH, photo_sha256=photo)
    with store.db.engine.connect() as conn:
        assert escalation_sweep(conn, now_of(clock)) == []
    clock.advance(days=1, minutes=1)
    with store.db.engine.connect() as conn:
        sweep = escalation_sweep(conn, now_of(clock))
    assert [(c.ticket_code, c.reason) for c in sweep] == [
        ("T0001", "response_breached"), ("T0001", "overdue"), ("T0001", "stale"),
        ("T0002", "stale")]
    for command in sweep:
        store.dispatch(command, MANAGER)
    with store.db.engine.connect() as conn:
        assert escalation_sweep(conn, now_of(clock)) == []
        listed = escalated_tickets(conn, now_of(clock))
    assert [t.code for t in listed] == ["T0001", "T0002"]
    assert listed[0].escalated == ("overdue", "response_breached", "stale")
    assert listed[0].escalated_by == MANAGER_NAME  # a name, not a staff id
    # news on T0002, then another quiet day: stale again, escalated again
    clock.advance(minutes=60)
    quote_and_sign(store, answered)
    clock.advance(days=1, minutes=1)
    with store.db.engine.connect() as conn:
        again = escalation_sweep(conn, now_of(clock))
    assert ("T0002", "stale") in [(c.ticket_code, c.reason) for c in again]


def test_the_workshop_queue_is_by_due_time_with_its_marks(store, clock):
    open_complex(store, "T0001", "2026-11-30", level="major")  # answer by 12:00
    open_complex(store, "T0002", "2026-11-19")  # overdue: due yesterday
    open_complex(store, "T0003", "2026-11-30", level="simple")  # answer by 10:05
    clock.advance(minutes=6)
    with store.db.engine.connect() as conn:
        queue = workshop_queue(conn, now_of(clock))
    assert [(q.code, q.marks) for q in queue] == [
        ("T0002", ("overdue",)), ("T0003", ("response_breached",)), ("T0001", ())]
    assert queue[0].overdue and not queue[1].overdue

