"""Two counters offline tick checks of the same ticket; after they exchange events (the sync
engine's apply_pulled) both ticks are there on both, and the tables are the same."""

from __future__ import annotations

from desk.repairs.queries import ticket_record
from tests.repairs.helpers import open_ticket, record, ticket_row
from tests.returns.seed import CLERK
from tests.support.counters import apply_pulled, events, last_seq, own, second_counter
from tests.support.journal import dump


def state_of(db, code):
    with db.engine.connect() as conn:
        record_ = ticket_record(conn, code)
        return {(f.step, f.check_id, f.event_id) for f in record_.facts}, record_.state


def test_ticks_on_two_offline_counters_both_survive(store, db, clock):
    code = open_ticket(store)
    db2, bus2 = second_counter(db, clock)
    mark1 = last_seq(db)
    record(store, code, 1, "fault_described", CLERK, note="不加热")  # counter 1
    record(bus2, code, 1, "environment_asked", CLERK, note="厨房")  # counter 2
    record(bus2, code, 1, "fault_described", CLERK, note="插电无反应")  # the same check, too
    apply_pulled(db, own(db2), None)
    apply_pulled(db2, events(db, mark1), None)
    facts1, state1 = state_of(db, code)
    facts2, state2 = state_of(db2, code)
    assert facts1 == facts2 and len(facts1) == 3  # no tick lost
    assert state1.state(1, "environment_asked").done and state2.state(1, "environment_asked").done
    assert len(state1.state(1, "fault_described").history) == 2
    assert state1.state(1, "fault_described").fact == state2.state(1, "fault_described").fact
    record(store, code, 1, "contact_confirmed", CLERK)
    apply_pulled(db2, events(db, last_seq(db) - 1), None)
    assert ticket_row(store, code).step == 2
    with db.engine.connect() as c1, db2.engine.connect() as c2:
        mine, theirs = dump(c1), dump(c2)
    for table in ("tickets", "ticket_checks", "checklists"):
        assert mine[table] == theirs[table]
    db2.dispose()
