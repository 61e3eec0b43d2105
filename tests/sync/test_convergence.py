"""Hypothesis: three counters of a store work offline in random interleavings, sync at random,
get deliveries again and out of order; afterwards all counters and the server hold the same
events once each, the same projections, and every broken invariant is a recorded conflict.

The refund invariant here is a stand-in for the returns work (issue 5): a test-only event kind
`test.refund` checked through the same registry hook the real refunds will use.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.capabilities import REGISTRY
from desk.catalog.commands import UpdateCustomer
from desk.platform import tables as t
from desk.platform.bus import SYSTEM_ACTOR
from desk.platform.conflicts import Finding, open_conflicts
from desk.platform.errors import DeskError
from desk.platform.journal import event_from_row
from desk.platform.projections import rebuild
from desk.platform.settings import set_setting
from desk.platform.uow import UnitOfWork
from desk.sales import tables as sales_t
from desk.sync import engine
from desk.sync.handlers import ResolveConflict
from tests.support.central import drop_central, new_central
from tests.sync.helpers import Counter, seed_catalogue

REFUND = "test.refund"
REFUND_CONFLICT = "test.refund_exceeds_paid"


def _refund_within_paid(conn, event):
    paid = conn.execute(
        select(sales_t.receipts.c.paid_fen).where(
            sales_t.receipts.c.receipt_no == event.payload["receipt_no"]
        )
    ).scalar()
    if paid is None:
        return None
    rows = conn.execute(
        select(t.journal).where(
            t.journal.c.kind == REFUND, t.journal.c.entity_id == event.entity_id
        )
    ).all()
    refunds = [event_from_row(r) for r in rows]
    total = sum(e.payload["amount_fen"] for e in refunds)
    if total <= paid:
        return None
    return Finding(
        REFUND_CONFLICT,
        event.entity_id,
        [e.event_id for e in refunds],
        {"paid_fen": paid, "refunded_fen": total},
    )


@pytest.fixture(scope="module", autouse=True)
def refund_invariant():
    # A test-only invariant added to the registry the counters open with, removed afterwards.
    REGISTRY.invariants[REFUND] = [_refund_within_paid]
    yield
    REGISTRY.invariants.pop(REFUND, None)


ACTIONS = (
    "sale",
    "sale_rival",
    "customer",
    "update",
    "refund",
    "sync",
    "sync",
    "pull_again",
    "replay_push",
    "reorder",
    "resolve",
)
steps = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS), st.integers(0, 2), st.integers(0, 1)),
    min_size=4,
    max_size=28,
)


def refundable(k: int) -> tuple[str, int]:
    return f"R26112001000{k}", 1000 * (k + 1)  # same number -> same content on every counter


def own_events(c: Counter):
    with c.db.engine.connect() as conn:
        rows = conn.execute(
            select(t.journal)
            .where(t.journal.c.device_id == c.db.device_id)
            .order_by(t.journal.c.device_seq)
        ).all()
    return [event_from_row(r) for r in rows]


def act(c: Counter, action: str, k: int, m: int) -> None:
    try:
        if action == "sale":
            c.sale(*refundable(k))
        elif action == "sale_rival":  # the same receipt number, different amounts: a conflict
            c.sale(f"R26112001999{k}", price_fen=(m + 1) * 700)
        elif action == "customer":
            c.customer(f"C000000{k}", ["张三", "张叁"][m], f"1380000000{m}")
        elif action == "update":
            c.run(UpdateCustomer(customer_id=f"C000000{k}", phone=f"1390000{k}{m}00"))
        elif action == "refund":
            receipt_no, _price = refundable(k)
            with UnitOfWork(c.db, SYSTEM_ACTOR) as uow:
                known = uow.conn.execute(
                    select(sales_t.receipts.c.receipt_no).where(
                        sales_t.receipts.c.receipt_no == receipt_no
                    )
                ).first()
                if known:
                    uow.record(
                        REFUND,
                        f"{receipt_no}:1",
                        {"receipt_no": receipt_no, "line_no": 1, "amount_fen": 600 * (m + 1)},
                    )
                    uow.commit()
        elif action == "sync":
            c.sync(push_batch=3, pull_batch=4)
        elif action == "pull_again":  # duplicated delivery: the cursor goes back
            with c.db.write_lock, c.db.engine.begin() as conn:
                back = {store: min(seq, k * 2) for store, seq in engine.read_cursors(conn).items()}
                set_setting(conn, engine.CURSOR, json.dumps(back))
            c.sync(pull_batch=3)
        elif action == "replay_push":  # a batch delivered again (or late)
            mine = own_events(c)
            c.transport.push(c.db.device_id, "S001", mine[: k + 2])
        elif action == "reorder":  # the newest event alone, ahead of the ones before it
            mine = own_events(c)
            c.transport.push(c.db.device_id, "S001", mine[-1:])
        elif action == "resolve":
            with c.db.engine.connect() as conn:
                found = open_conflicts(conn)
            if found:
                c.run(ResolveConflict(conflict_id=found[0].conflict_id, decision="accepted"))
    except DeskError as err:
        # Refusals a clerk would see (already exists, unknown) and a gap the server refuses.
        assert err.code in {"receipt.exists", "customer.exists", "customer.unknown", "sync.gap"}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=steps)
# Two counters refund the same line offline (600 + 600 > 1000), and record rival receipts.
@example(
    plan=[
        (0, "sale", 0, 0),
        (0, "sync", 0, 0),
        (1, "sync", 0, 0),
        (0, "refund", 0, 0),
        (1, "refund", 0, 0),
        (2, "sale_rival", 1, 0),
        (1, "sale_rival", 1, 1),
        (2, "sync", 0, 0),
        (0, "resolve", 0, 0),
        (1, "customer", 2, 0),
        (2, "customer", 2, 1),
        (2, "update", 2, 1),
        (0, "pull_again", 0, 0),
        (1, "replay_push", 2, 0),
        (1, "reorder", 0, 0),
    ]
)
def test_counters_converge_whatever_the_interleaving(pg, plan):
    central = new_central(pg, stores=("S001", "HQ"))
    url = central.store_url("S001")
    hq = Counter.first(None, "HQ", central.store_url("HQ"))
    seed_catalogue(hq)
    hq.sync()
    a = Counter.first(None, "S001", url)
    a.sync()
    counters = [a, Counter.joining(None, url, "2"), Counter.joining(None, url, "3")]
    try:
        for device, action, k, m in plan:
            act(counters[device], action, k, m)
        for _round in range(2):
            for c in counters:
                c.sync()
        first = counters[0].projections()
        for c in counters[1:]:
            assert c.projections() == first
        server_ids = {r[0] for r in central.admin().execute("SELECT event_id FROM desk.events")}
        assert central.count() == len(server_ids)  # nothing twice
        for c in counters:
            assert c.verify_ok()
            with c.db.engine.connect() as conn:
                local_ids = {r[0] for r in conn.execute(select(t.journal.c.event_id))}
            assert local_ids == server_ids  # nothing lost, anywhere
        check_invariants_recorded(counters[0])
        # A rebuild from the merged journal gives the same tables, conflicts included.
        with counters[1].db.write_lock, counters[1].db.engine.begin() as conn:
            rebuild(conn, REGISTRY)
        assert counters[1].projections() == first
        if plan[:5] == [
            (0, "sale", 0, 0),
            (0, "sync", 0, 0),
            (1, "sync", 0, 0),
            (0, "refund", 0, 0),
            (1, "refund", 0, 0),
        ]:  # the explicit example
            with counters[2].db.engine.connect() as conn:
                codes = sorted(c.code for c in open_conflicts(conn, include_resolved=True))
            assert codes == ["customer.duplicate_id", "sale.duplicate_receipt", REFUND_CONFLICT]
    finally:
        for c in (hq, *counters):
            c.close()
        drop_central(central)


def check_invariants_recorded(c: Counter) -> None:
    with c.db.engine.connect() as conn:
        conflicts = {row.conflict_id: row for row in open_conflicts(conn, include_resolved=True)}
        events = [event_from_row(r) for r in conn.execute(select(t.journal))]
    for k in range(3):
        receipt_no, price = refundable(k)
        refunds = [e for e in events if e.kind == REFUND and e.entity_id == f"{receipt_no}:1"]
        over = sum(e.payload["amount_fen"] for e in refunds) > price
        recorded = f"{REFUND_CONFLICT}|{receipt_no}:1" in conflicts
        assert over == recorded  # refunds never exceed payments without a recorded conflict
        if over:
            listed = {
                e.event_id for e in conflicts[f"{REFUND_CONFLICT}|{receipt_no}:1"].events
            }
            assert listed == {e.event_id for e in refunds}
        rivals = {
            json.dumps(e.payload, sort_keys=True)
            for e in events
            if e.kind == "sale.recorded" and e.entity_id == f"R26112001999{k}"
        }
        assert (len(rivals) > 1) == (f"sale.duplicate_receipt|R26112001999{k}" in conflicts)
