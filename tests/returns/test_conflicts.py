"""Two counters refund the same receipt line while offline: after they exchange events (the sync
engine's own apply_pulled), both record a `refund.exceeds_paid` conflict for a manager — never a
silent double refund, never an exception in the projector — and it resolves like any other."""

from __future__ import annotations

from sqlalchemy import select

from desk.capabilities import REGISTRY, open_database
from desk.platform.conflicts import open_conflicts
from desk.platform.db import Database
from desk.platform.projections import rebuild
from desk.returns import tables as returns_t
from desk.returns.commands import RecordReturn, ReturnLineInput
from desk.sync.engine import apply_pulled
from desk.sync.handlers import ResolveConflict
from tests.returns.seed import ADMIN, CLERK, sale
from tests.support.counters import events, last_seq, own, second_counter
from tests.support.journal import dump
from tests.support.signing import signed

RNO = "R2611150100001"


def conflict_rows(db: Database):
    with db.engine.connect() as conn:
        return open_conflicts(conn)


def test_the_same_line_refunded_on_two_counters_becomes_a_conflict(store, db, clock):
    sale(store, RNO, [("P000001", 2)])
    db2, bus2 = second_counter(db, clock)
    mark1 = last_seq(db)
    # offline: each counter returns both units of line 1 (4 units refunded of 2 sold)
    store.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 2)]), CLERK)
    bus2.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    bus2.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    assert conflict_rows(db) == [] and conflict_rows(db2) == []
    # the network comes back: each pulls the other's new events
    from_1, from_2 = events(db, mark1), own(db2)
    apply_pulled(db2, from_1, None)
    apply_pulled(db, from_2, None)
    for counter in (db, db2):
        (conflict,) = conflict_rows(counter)
        assert conflict.code == "refund.exceeds_paid"
        assert conflict.entity_id == f"{RNO}:1"
        assert len(conflict.events) == 3
        assert conflict.detail["qty_sold"] == 2
        assert conflict.detail["qty_returned"] == 4
        assert conflict.detail["refunded_fen"] == 4 * 19900
        assert conflict.detail["over_fen"] == 2 * 19900
    assert conflict_rows(db)[0].events == conflict_rows(db2)[0].events
    # every refund stays recorded (facts are never dropped)
    with db.engine.connect() as conn:
        assert len(conn.execute(select(returns_t.returns)).all()) == 3
    # the same conflict on a rebuild
    with db.engine.begin() as conn:
        before = dump(conn)
        rebuild(conn, REGISTRY)
        assert dump(conn) == before
    # a manager resolves it
    store.dispatch(ResolveConflict(conflict_id=conflict_rows(db)[0].conflict_id,
                                   decision="reversed", note="second refund paid back"), ADMIN)
    assert conflict_rows(db) == []
    db2.dispose()


def test_returns_within_what_was_bought_on_two_counters_are_no_conflict(store, db, clock):
    sale(store, RNO, [("P000001", 2)])
    db2, bus2 = second_counter(db, clock)
    mark1 = last_seq(db)
    store.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    bus2.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    apply_pulled(db2, events(db, mark1), None)
    apply_pulled(db, own(db2), None)
    assert conflict_rows(db) == [] and conflict_rows(db2) == []
    with db.engine.connect() as conn:
        refunded = conn.execute(select(returns_t.returns.c.refund_fen)).scalars().all()
    assert sum(refunded) == 2 * 19900
    db2.dispose()


def test_a_return_arriving_before_its_sale_is_checked_when_the_sale_arrives(store, db, clock):
    """Event order across devices is not guaranteed: the projector must not fail on a return of
    a receipt it does not know yet, and the invariant runs again when the sale comes."""
    sale(store, RNO, [("P000001", 1)])
    db2, bus2 = second_counter(db, clock)
    bus2.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    store.dispatch(RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]), CLERK)
    third = open_database(None, wall_ms=clock.now_ms)
    apply_pulled(third, own(db2), None)  # counter 2's return first: no receipt known yet
    with third.engine.connect() as conn:
        assert conn.execute(select(returns_t.returns.c.receipt_no)).scalar_one() == RNO
    assert conflict_rows(third) == []
    apply_pulled(third, own(db), None)  # then counter 1: the sale and its own return
    (conflict,) = conflict_rows(third)
    assert conflict.detail["qty_returned"] == 2
    assert len(conflict.events) == 2
    third.dispose()
    db2.dispose()


def test_head_office_approval_arriving_before_the_case_still_completes_it(store, db, clock,
                                                                          head_office):
    """Counter 2 records a pending return; head office approves it; a third counter receives the
    approval before the return: it ends completed all the same."""
    from desk.returns.commands import DecideHeadOffice
    from tests.returns.seed import MANAGER
    from tests.support.head_office import HQ_ADMIN

    sale(store, RNO, [("P000007", 1)])  # 12 999 CNY: above the manager's limit
    db2, bus2 = second_counter(db, clock)
    pending = signed(bus2, RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]))
    case = bus2.dispatch(pending, MANAGER).value["return_id"]
    apply_pulled(db, own(db2), None)
    head_office.run(DecideHeadOffice(case_id=case, decision="approved"))
    third = open_database(None, wall_ms=clock.now_ms)
    apply_pulled(third, own(db), None)  # the sale
    apply_pulled(third, own(head_office.db), None)  # the approval, before the case
    with third.engine.connect() as conn:
        assert conn.execute(select(returns_t.approvals.c.case_id)).scalar_one() == case
        assert conn.execute(select(returns_t.returns)).first() is None
    apply_pulled(third, own(db2), None)
    with third.engine.connect() as conn, db.engine.connect() as conn1:
        r = returns_t.returns.c
        here = conn.execute(select(r.status, r.approved_by)).one()
        there = conn1.execute(
            select(returns_t.returns.c.status, returns_t.returns.c.approved_by)
        ).one()
    assert tuple(here) == tuple(there) == ("completed", HQ_ADMIN)
    third.dispose()
    db2.dispose()


def test_a_head_office_decision_forged_on_a_store_counter_is_a_conflict_not_a_refund(store, db):
    """A tampered store client writes an approval that claims head office's level: it completes
    nothing, on this counter or after a rebuild, and a manager sees a conflict."""
    from desk.platform.bus import SYSTEM_ACTOR as ACTOR
    from desk.platform.uow import UnitOfWork
    from tests.returns.seed import MANAGER

    sale(store, RNO, [("P000007", 1)])
    pending = signed(store, RecordReturn(receipt_no=RNO, lines=[ReturnLineInput(1, 1)]))
    case = store.dispatch(pending, MANAGER).value["return_id"]
    with UnitOfWork(db, ACTOR) as uow:
        uow.record("approval.recorded", case, {
            "case_id": case, "case_kind": "return", "level": "head_office",
            "approver_id": "9001", "decision": "approved", "reason": "", "reasons": [],
            "amount_fen": 0, "at": "2026-11-20T10:00:00"})
        uow.commit()
    for _ in range(2):
        with db.engine.connect() as conn:
            assert conn.execute(select(returns_t.returns.c.status)).scalar_one() == "pending"
        (conflict,) = conflict_rows(db)
        assert (conflict.code, conflict.entity_id) == ("approval.not_from_head_office",
                                                             case)
        with db.engine.begin() as conn:
            rebuild(conn, REGISTRY)
