"""A late pickup offers the late-repair compensation of the returns rules (once per ticket)."""

from __future__ import annotations

from desk.repairs.service_queries import LatePickup, late_pickup
from desk.returns.commands import AwardCompensation
from tests.repairs.helpers import open_ticket, walk
from tests.returns.seed import CLERK, MANAGER
from tests.support.signing import signed


def offer(store, clock, code="T0001"):
    with store.db.engine.connect() as conn:
        return late_pickup(conn, code, clock.local_now().date())


def test_no_offer_before_pickup_or_within_the_promise(store, clock, photo):
    code = open_ticket(store)  # promised for 2026-11-25
    walk(store, code, photo, 7, MANAGER)
    clock.advance(days=5)  # picked up on the promised day
    assert offer(store, clock) is None
    open_ticket(store, "T0002")
    clock.advance(days=5)
    assert offer(store, clock, "T0002") is None  # late, but still in the workshop


def test_a_late_pickup_offers_the_compensation_until_it_is_awarded(store, clock, photo):
    code = open_ticket(store)
    walk(store, code, photo, 7, MANAGER)
    clock.advance(days=8)  # the 28th: three days late
    assert offer(store, clock) == LatePickup(code, "2026-11-25", 3)
    result = store.dispatch(signed(store, AwardCompensation(kind="late_repair",
                                                            ticket_code=code)), CLERK)
    assert result.value["amount_fen"] == 3 * 2000  # the policy's 20 yuan a day
    assert offer(store, clock) is None


def test_unknown_ticket_has_no_offer(store, clock):
    assert offer(store, clock, "T9999") is None
